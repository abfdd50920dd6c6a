"""问题清单, 督办单, today's reminders and the history of every change."""
