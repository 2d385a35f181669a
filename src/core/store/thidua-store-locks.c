/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-store-locks.c — OFD locks for SQLite (see the header for why). */
#define _GNU_SOURCE
#include "config.h"
#include "thidua-store-locks.h"

#include <sqlite3.h>

#ifdef G_OS_UNIX
#include <fcntl.h>
#include <stdarg.h>
#endif

#if defined(G_OS_UNIX) && defined(F_OFD_SETLK)

static sqlite3_syscall_ptr real_fcntl;

/* SQLite's unix VFS calls fcntl() for its locks (F_SETLK, F_GETLK) and for
 * FD_CLOEXEC (an int argument).  Lock requests become OFD requests on the
 * same byte ranges; l_pid must be 0 for those. */
static int
ofd_fcntl (int fd,
           int cmd,
           ...)
{
  int (*call) (int, int, ...) = (int (*) (int, int, ...)) real_fcntl;
  va_list ap;

  va_start (ap, cmd);
  if (cmd == F_SETLK || cmd == F_SETLKW || cmd == F_GETLK)
    {
      struct flock *lock = va_arg (ap, struct flock *);

      va_end (ap);
      lock->l_pid = 0;
      return call (fd, cmd == F_SETLK ? F_OFD_SETLK
                       : cmd == F_SETLKW ? F_OFD_SETLKW : F_OFD_GETLK, lock);
    }
  else
    {
      int arg = va_arg (ap, int);

      va_end (ap);
      return call (fd, cmd, arg);
    }
}

static gsize
install (void)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");
  struct flock probe = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
  int fd;

  if (vfs == NULL || vfs->iVersion < 3 || vfs->xSetSystemCall == NULL)
    return 1;
  /* a kernel without OFD locks (Linux < 3.15) answers EINVAL */
  fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 1;
  if (fcntl (fd, F_OFD_GETLK, &probe) != 0)
    {
      close (fd);
      return 1;
    }
  close (fd);
  real_fcntl = vfs->xGetSystemCall (vfs, "fcntl");
  if (real_fcntl == NULL ||
      vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) ofd_fcntl) != SQLITE_OK)
    return 1;
  return 2;
}

#else

static gsize
install (void)
{
  return 1;
}

#endif

gboolean
thidua_store_locks_init (void)
{
  static gsize state = 0;

  if (g_once_init_enter (&state))
    g_once_init_leave (&state, install ());
  return state == 2;
}
