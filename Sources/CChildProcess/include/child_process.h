#ifndef BILLING_SYNC_CHILD_PROCESS_H
#define BILLING_SYNC_CHILD_PROCESS_H

#include <sys/types.h>

/// Spawns `path` with `argv` and `envp` (NULL-terminated), its standard streams on `stdin_fd`,
/// `stdout_fd` and `stderr_fd`, in `directory` when not NULL, in a new process group when
/// `new_process_group` is non-zero, with every signal at its default disposition and none blocked,
/// and with every other descriptor closed (`posix_spawn_file_actions_addclosefrom_np`, glibc 2.34):
/// nothing scans /proc/self/fd. Returns 0 and sets `*pid`, or an errno value.
int billing_sync_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                       const char *directory, int stdin_fd, int stdout_fd, int stderr_fd,
                       int new_process_group);

#endif
