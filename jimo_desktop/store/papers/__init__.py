"""What the briefings and papers print, gathered from the other stores, and the officers'
edited drafts."""
