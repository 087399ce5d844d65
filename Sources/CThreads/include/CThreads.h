// Starting a thread on a core other than the caller's. Linux places a new thread on its
// creator's core and moves it to an idle one only at the next load balancing (about 3 ms
// on this project's 2-core machines), while the creator keeps its core busy: work handed
// to a thread at start-up would wait for the very work it was meant to overlap.
#ifndef PTX_THREADS_H
#define PTX_THREADS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Starts a detached thread running `body(argument)` with a stack of `stackSize` bytes. On
/// Linux it starts on one of the cores the process may use other than the caller's, when
/// there is one: the `spread`-th of them (counting round), so that threads started with
/// 0, 1, 2 ... start on different cores; it then may run on any allowed core. A negative
/// `spread` leaves the thread where the scheduler puts it (a plain pthread). Returns 0, or
/// an error number from pthread_create (the thread did not start, and `body` will not run).
int ptx_start_thread(void *(*body)(void *), void *argument, size_t stackSize, int spread);

#ifdef __cplusplus
}
#endif

#endif
