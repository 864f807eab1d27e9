"""Small Qt-free helpers about text the editor shows: counts, tag lists. No Qt, no SQL."""
