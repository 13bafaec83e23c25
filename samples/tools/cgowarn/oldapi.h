/* A small C header included from the cgo preamble (main.go): gcc reports its
   declarations through "In file included from" lines. */
#ifndef OLDAPI_H
#define OLDAPI_H

__attribute__((deprecated("use new_scale instead")))
static inline int old_scale(int x) { return x * 3; }

static inline int new_scale(int x) { return x * 4; }

#endif
