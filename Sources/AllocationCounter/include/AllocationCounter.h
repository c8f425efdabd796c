// Counts this process's heap allocations, every thread's, by interposing the
// C allocator. Linked only into the processes that measure (bench, the test
// binaries): the product libraries never allocate through it.
#ifndef KIT_ALLOCATION_COUNTER_H
#define KIT_ALLOCATION_COUNTER_H

#include <stdbool.h>

// Calls of malloc, calloc, realloc, posix_memalign, aligned_alloc and
// memalign since the process started, and the bytes they asked for.
typedef struct {
    long long calls;
    long long bytes;
} kit_allocations;

kit_allocations kit_allocations_now(void);

// False where the counter is compiled out: under a sanitizer, whose runtime
// owns malloc.
bool kit_allocations_counted(void);

#endif
