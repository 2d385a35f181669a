/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-store-locks.h — SQLite's file locks that survive a stray close().
 *
 * POSIX record locks belong to the process: closing ANY descriptor of the
 * database file drops every lock the process holds on it.  GTK's file
 * chooser opens and closes files to sniff their type, so showing the
 * folder that holds the database silently unlocked it, and another
 * program (thidua-cli, a second app) could then checkpoint and delete the
 * WAL under the app's feet: its plans were lost.
 *
 * Every Thi Đua process therefore makes SQLite take open-file-description
 * (OFD) locks instead, through the unix VFS's system-call hook.  An OFD
 * lock belongs to SQLite's own descriptor: nothing else in the process can
 * release it by closing another descriptor.  OFD locks conflict with
 * ordinary POSIX locks, so the sqlite3 shell and any other SQLite program
 * still see and honour them.  Where OFD locks do not exist (Windows uses
 * LockFileEx, which has no such trap) this does nothing. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Installs the OFD locking once per process, before the first database is
 * opened (thidua_store_open calls it).  TRUE when OFD locks are in use. */
gboolean thidua_store_locks_init (void);

G_END_DECLS
