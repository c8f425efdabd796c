// The Linux-only system APIs the Workloads event loop needs beyond Glibc.
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

// A GNU extension, declared only under _GNU_SOURCE, which the Glibc module is
// not built with; names the loop thread for `top -H` and debuggers.
extern int pthread_setname_np(pthread_t thread, const char *name);
