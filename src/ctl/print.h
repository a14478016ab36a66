/* `ogictl print` and `ogictl handed-over`: the letters that leave the
 * office on paper (delivery/post.h's print queue) or are collected there. */
#ifndef OGI_CTL_PRINT_H
#define OGI_CTL_PRINT_H

#include "common/config.h"

/* `print list [--json]`: each job of the print queue, by letter, with its
 * case, kind, state, recipient and files (absolute paths, in print
 * order).  `print done ID --tracking NUMBER [--date YYYY-MM-DD]`: letter
 * ID was posted on that day (default today, office time zone; never a
 * later day): its tracking number is recorded, it becomes sent with the
 * posting date in its detail, its answered case becomes delivered (the
 * reply counts as given on the day of posting), and its files leave the
 * queue.  For a letter sent by pickup the tracking number may be left
 * out; a reply's notice went, and the reply stays waiting for collection
 * (delivery_pickup_waits).  argv[0] is "print".  Returns the
 * process exit status (0, 1 refused or failed, 2 bad usage).  Opens the
 * registry read-write for done; blocks on disk. */
int ctl_print(const struct config *cfg, int argc, char **argv);

/* `handed-over ID [--date YYYY-MM-DD]`: the letter ID waiting for
 * collection (a reply by pickup) was handed over: it becomes delivered, its
 * answered case delivered, and a notice still in the print queue goes.
 * Returns the exit status as ctl_print. */
int ctl_handed_over(const struct config *cfg, int argc, char **argv);

#endif
