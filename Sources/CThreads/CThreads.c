#define _GNU_SOURCE
#include "CThreads.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

struct ptx_start {
  void *(*body)(void *);
  void *argument;
#ifdef __linux__
  cpu_set_t allowed;
  int restore;
#endif
};

static void *ptx_trampoline(void *raw) {
  struct ptx_start start = *(struct ptx_start *)raw;
  free(raw);
#ifdef __linux__
  // Started where it was placed: from now on the scheduler may move it anywhere allowed.
  if (start.restore) sched_setaffinity(0, sizeof(cpu_set_t), &start.allowed);
#endif
  return start.body(start.argument);
}

int ptx_start_thread(void *(*body)(void *), void *argument, size_t stackSize, int spread) {
  struct ptx_start *start = calloc(1, sizeof *start);
  if (!start) return -1;
  start->body = body;
  start->argument = argument;
  pthread_attr_t attributes;
  int result = pthread_attr_init(&attributes);
  if (result != 0) {
    free(start);
    return result;
  }
  pthread_attr_setstacksize(&attributes, stackSize);
  pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
#ifdef __linux__
  if (spread >= 0 && sched_getaffinity(0, sizeof(cpu_set_t), &start->allowed) == 0) {
    cpu_set_t others = start->allowed;
    int current = sched_getcpu();
    if (current >= 0 && current < CPU_SETSIZE) CPU_CLR(current, &others);
    int count = CPU_COUNT(&others);
    if (count > 0) {
      // The chosen core alone: the thread starts there.
      int wanted = spread % count;
      cpu_set_t chosen;
      CPU_ZERO(&chosen);
      for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (CPU_ISSET(cpu, &others) && wanted-- == 0) {
          CPU_SET(cpu, &chosen);
          break;
        }
      }
      if (pthread_attr_setaffinity_np(&attributes, sizeof(cpu_set_t), &chosen) == 0) start->restore = 1;
    }
  }
#endif
  pthread_t thread;
  result = pthread_create(&thread, &attributes, ptx_trampoline, start);
  pthread_attr_destroy(&attributes);
  if (result != 0) free(start);
  return result;
}
