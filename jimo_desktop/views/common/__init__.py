"""What the pages share: questions, unsaved work, record tables, exports, keys, field marks,
window layout."""
