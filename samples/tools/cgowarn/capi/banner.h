/* Included from compat.h. */
#ifndef BANNER_H
#define BANNER_H

#warning "legacy.h is going away"

#endif
