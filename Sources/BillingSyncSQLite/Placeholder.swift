// Replaced by the SQLite wrapper (issue 2).
