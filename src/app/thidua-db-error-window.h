/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-db-error-window.h — shown when the database cannot be opened:
 * names the file and the problem, and offers a way forward without
 * touching the file. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-application.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_DB_ERROR_WINDOW (thidua_db_error_window_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaDbErrorWindow, thidua_db_error_window, THIDUA, DB_ERROR_WINDOW,
                      GtkApplicationWindow)

GtkWindow  *thidua_db_error_window_new        (ThiduaApplication *application,
                                               const char        *path,
                                               const GError      *error);
const char *thidua_db_error_window_get_path   (ThiduaDbErrorWindow *self);
/* The message shown, for tests. */
const char *thidua_db_error_window_get_message (ThiduaDbErrorWindow *self);

G_END_DECLS
