// The interposed allocator: the executable's own malloc comes first in the
// dynamic linker's lookup, so libswiftCore, Foundation and libdispatch call it
// too. Each call adds to its thread's counters and forwards to glibc's.
#include "AllocationCounter.h"

#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>

#if defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define KIT_SANITIZED 1
#endif
#endif

// One cache line of counters per thread (threads share a line only past 64
// of them), so threads that allocate at once never contend on the count.
enum { slotCount = 64 };
typedef struct {
    _Atomic long long calls;
    _Atomic long long bytes;
    char padding[64 - 2 * sizeof(long long)];
} slot;
static slot slots[slotCount] __attribute__((aligned(64)));
static _Atomic unsigned nextSlot;
static __thread int threadSlot __attribute__((tls_model("initial-exec"))) = -1;

kit_allocations kit_allocations_now(void) {
    kit_allocations now = {0, 0};
    for (int index = 0; index < slotCount; index++) {
        now.calls += atomic_load_explicit(&slots[index].calls, memory_order_relaxed);
        now.bytes += atomic_load_explicit(&slots[index].bytes, memory_order_relaxed);
    }
    return now;
}

#ifdef KIT_SANITIZED

bool kit_allocations_counted(void) { return false; }

#else

bool kit_allocations_counted(void) { return true; }

// glibc's allocator under its exported internal names.
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *pointer);

static inline void count(size_t size) {
    int index = threadSlot;
    if (index < 0) {
        index = (int)(atomic_fetch_add_explicit(&nextSlot, 1, memory_order_relaxed) % slotCount);
        threadSlot = index;
    }
    atomic_fetch_add_explicit(&slots[index].calls, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&slots[index].bytes, (long long)size, memory_order_relaxed);
}

void *malloc(size_t size) {
    count(size);
    return __libc_malloc(size);
}

void *calloc(size_t count_, size_t size) {
    count(count_ * size);
    return __libc_calloc(count_, size);
}

void *realloc(void *pointer, size_t size) {
    count(size);
    return __libc_realloc(pointer, size);
}

void free(void *pointer) { __libc_free(pointer); }

void *memalign(size_t alignment, size_t size) {
    count(size);
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    count(size);
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    count(size);
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) return ENOMEM;
    *result = pointer;
    return 0;
}

#endif
