/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-office-dialog.h — asks for the office that keeps the database
 * (name, code, superior office, default signer), from the register's menu
 * or on the first print that needs it.  "save" hands the fields to the
 * caller, which stores them with thidua_store_set_office (). */
#pragma once

#include <gtk/gtk.h>
#include "thidua-store.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_OFFICE_DIALOG (thidua_office_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaOfficeDialog, thidua_office_dialog, THIDUA, OFFICE_DIALOG, GtkWindow)

ThiduaOfficeDialog *thidua_office_dialog_new (GtkWindow *parent, const ThiduaOffice *office);
ThiduaOffice       *thidua_office_dialog_dup_office (ThiduaOfficeDialog *self);
/* A message under the fields (the store's refusal); NULL hides it. */
void                thidua_office_dialog_set_message (ThiduaOfficeDialog *self, const char *message);
GtkEditable        *thidua_office_dialog_get_name_entry (ThiduaOfficeDialog *self);
/* Shows the fingerprint of the store's exchange key, to read aloud to the
 * offices it exchanges with (or that it has none yet). */
void                thidua_office_dialog_show_key (ThiduaOfficeDialog *self, ThiduaStore *store);

G_END_DECLS
