// posix_spawn with the GNU file actions that Swift's Glibc module does not expose (it is built
// without _GNU_SOURCE): addchdir_np and addclosefrom_np.
#define _GNU_SOURCE
#include "child_process.h"

#include <signal.h>
#include <spawn.h>

int billing_sync_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                       const char *directory, int stdin_fd, int stdout_fd, int stderr_fd,
                       int new_process_group) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int result = posix_spawn_file_actions_init(&actions);
    if (result != 0) return result;
    result = posix_spawnattr_init(&attributes);
    if (result != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return result;
    }
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    if (result == 0) result = posix_spawnattr_setsigdefault(&attributes, &all);
    if (result == 0) result = posix_spawnattr_setsigmask(&attributes, &none);
    short flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
    if (new_process_group) {
        flags |= POSIX_SPAWN_SETPGROUP;
        if (result == 0) result = posix_spawnattr_setpgroup(&attributes, 0);
    }
    if (result == 0) result = posix_spawnattr_setflags(&attributes, flags);
    // dup2 onto 0, 1, 2 clears close-on-exec on the copies; then everything from 3 up is closed.
    if (result == 0) result = posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
    if (result == 0) result = posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
    if (result == 0) result = posix_spawn_file_actions_adddup2(&actions, stderr_fd, 2);
    if (result == 0) result = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    if (result == 0 && directory != NULL) result = posix_spawn_file_actions_addchdir_np(&actions, directory);
    if (result == 0) result = posix_spawn(pid, path, &actions, &attributes, argv, envp);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return result;
}
