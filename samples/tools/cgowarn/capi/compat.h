/* Included from capi.go's cgo preamble; includes banner.h, so gcc reports the
   #warning there with a two-level "In file included from ..., from ...:" chain. */
#ifndef COMPAT_H
#define COMPAT_H

#include "banner.h"

#endif
