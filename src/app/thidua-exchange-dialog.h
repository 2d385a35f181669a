/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-exchange-dialog.h — what a package from another office would
 * change, shown before it is applied (thidua-exchange.h). */
#pragma once

#include <gtk/gtk.h>
#include "thidua-store.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_EXCHANGE_DIALOG (thidua_exchange_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaExchangeDialog, thidua_exchange_dialog, THIDUA, EXCHANGE_DIALOG, GtkWindow)

/* Reviews the package at once: counts, the rows grouped as added,
 * changed, removed and to review; "Nhận gói" applies it and emits
 * "applied".  A package that is refused shows why and cannot be applied. */
ThiduaExchangeDialog *thidua_exchange_dialog_new (GtkWindow *parent, ThiduaStore *store, GFile *file);

G_END_DECLS
