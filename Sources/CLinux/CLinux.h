// The Linux-only system APIs the Workloads target needs beyond Glibc.
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

// GNU extensions, declared only under _GNU_SOURCE, which the Glibc module is
// not built with.

// Names the loop thread for `top -H` and debuggers.
extern int pthread_setname_np(pthread_t thread, const char *name);

// accept(2) that sets SOCK_NONBLOCK | SOCK_CLOEXEC atomically, so no accepted
// socket is ever inheritable by a child process, even briefly.
extern int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);

// prctl(2) is variadic, which Swift cannot call: the death-signal request of a
// child process (PR_SET_PDEATHSIG), as a plain function.
static inline int kit_set_parent_death_signal(int signal) {
    return prctl(PR_SET_PDEATHSIG, signal, 0, 0, 0);
}

#include <unistd.h>
#include <sys/syscall.h>

// sched_getaffinity(2) and sched_setaffinity(2) for the calling thread, as raw
// system calls (the Glibc module declares neither without _GNU_SOURCE). `mask`
// is a CPU bit set of `size` bytes. getaffinity returns the kernel's mask size
// in bytes (> 0), setaffinity 0; both return -1 with errno on failure.
static inline long kit_get_affinity(size_t size, void *mask) {
    return syscall(SYS_sched_getaffinity, 0, size, mask);
}
static inline long kit_set_affinity(size_t size, const void *mask) {
    return syscall(SYS_sched_setaffinity, 0, size, mask);
}
