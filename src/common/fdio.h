/* Writing a whole buffer to a descriptor, for the places that write a
 * file, a pipe or a socket they own: write(2) may take fewer bytes than it
 * is given (a pipe, a signal), and every caller needs all of them.
 *
 * Blocks as write(2) does on fd; uses nothing but write(2) and errno.
 */
#ifndef OGI_COMMON_FDIO_H
#define OGI_COMMON_FDIO_H

#include <stddef.h>

/* Writes all len bytes of buf to fd, again after a short write or EINTR.
 * Returns 0, or -1 with errno set by the write that failed (EIO when
 * write(2) took nothing without an error); how much was written before a
 * failure is not said. */
int fdio_write_all(int fd, const void *buf, size_t len);

#endif
