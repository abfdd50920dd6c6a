"""Cells showing an Excel error (#N/A, #DIV/0!, #REF! …), as the two file formats mark them.

python-calamine reads such a cell as empty, so a broken formula under 总投资 would pass for
an amount nobody knows. The guard finds them while it measures the sheets: in an .xlsx a
cell marked t="e" with the text Excel shows, in an .xls a BOOLERR record or a formula record
whose cached result is an error code. The reader puts them back as ErrorCell, which every
field refuses.
"""

ErrorCells = dict[tuple[int, int], str]  # (row, column) from 0 → the text Excel shows

# The error texts the reader accepts in an .xlsx; it refuses the whole sheet for any other
# (#SPILL!, #CALC! of newer Excel), so the guard refuses those first, saying where.
XLSX_ERRORS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})

# [MS-XLS] 2.5.10 BErr
XLS_ERRORS = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
    0x2B: "#GETTING_DATA",
}
