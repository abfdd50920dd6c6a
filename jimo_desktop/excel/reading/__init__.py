"""Reading a workbook as hostile: the guards for .xlsx and .xls, the streamed XML, sheets found
and scanned, headers, titles, totals and notes, cells cleaned."""
