#ifndef C_BILLING_SYNC_SQLITE_SHIM_H
#define C_BILLING_SYNC_SQLITE_SHIM_H

#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
/// These wrappers bind copies of the caller's bytes so Swift buffers may be released at once.
static inline int billingsync_bind_text(sqlite3_stmt *stmt, int index, const char *text, int length) {
    return sqlite3_bind_text(stmt, index, text, length, SQLITE_TRANSIENT);
}

static inline int billingsync_bind_blob(sqlite3_stmt *stmt, int index, const void *bytes, int length) {
    return sqlite3_bind_blob(stmt, index, bytes, length, SQLITE_TRANSIENT);
}

/// Keeps the WAL file after the last connection closes (SQLITE_FCNTL_PERSIST_WAL), so that
/// read-only readers of another user can open the database without write access to its directory.
static inline int billingsync_set_persistent_wal(sqlite3 *db, int enabled) {
    int value = enabled;
    return sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &value);
}

/// sqlite3_db_config is variadic, which Swift cannot call: SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE on.
static inline int billingsync_disable_checkpoint_on_close(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}

#endif
