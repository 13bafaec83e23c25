/* Included from capi.go's cgo preamble: gcc's note about the deprecated
   declaration below comes with an "In file included from ..." line. */
#ifndef LEGACY_H
#define LEGACY_H

__attribute__((deprecated))
static inline long legacy_len(const char *s) {
	long n = 0;
	while (s[n]) n++;
	return n;
}

#endif
