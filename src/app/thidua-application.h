/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-application.h — one running Thi Đua per database file. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-store.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_APPLICATION (thidua_application_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaApplication, thidua_application, THIDUA, APPLICATION, GtkApplication)

/* db_path NULL: the default database (or --db on the command line). */
ThiduaApplication *thidua_application_new              (const char *db_path);
const char        *thidua_application_get_db_path      (ThiduaApplication *self);
/* The open store, or NULL while the database could not be opened. */
ThiduaStore       *thidua_application_get_store        (ThiduaApplication *self);
GSettings         *thidua_application_get_settings     (ThiduaApplication *self);
/* Opens path (creating it if needed) and shows its plans; on failure shows
 * the database error window.  Returns whether the database opened. */
gboolean           thidua_application_open_database    (ThiduaApplication *self,
                                                        const char        *path);

/* Asks for a database file (GtkFileChooserNative, modal to parent) and
 * opens it; create chooses a new file rather than an existing one. */
void               thidua_application_choose_database  (ThiduaApplication *self,
                                                        GtkWindow         *parent,
                                                        gboolean           create);

/* The application id for a database file: APP_ID for the default one,
 * APP_ID + ".Db" + a short hash of the absolute path for any other, so
 * that a second start on the same file raises the running window. */
char              *thidua_application_id_for_database  (const char *path);

G_END_DECLS
