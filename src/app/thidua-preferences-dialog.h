/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-preferences-dialog.h — Tùy chọn: the user's name recorded in a
 * plan's history, the office that keeps the database (through the office
 * dialog), the style (follow the system, light, dark) and the interface
 * language.  Settings are GSettings, the office is the store's. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-store.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_PREFERENCES_DIALOG (thidua_preferences_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaPreferencesDialog, thidua_preferences_dialog, THIDUA,
                      PREFERENCES_DIALOG, GtkWindow)

ThiduaPreferencesDialog *thidua_preferences_dialog_new (GtkWindow   *parent,
                                                        GSettings   *settings,
                                                        ThiduaStore *store);

G_END_DECLS
