/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-dashboard.h — a small chart of the register drawn with
 * Cairo: registrations and results per title and per unit for the rows the
 * view shows, with the plan's targets marked. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-register-model.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_REGISTER_DASHBOARD (thidua_register_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaRegisterDashboard, thidua_register_dashboard, THIDUA, REGISTER_DASHBOARD, GtkWidget)

GtkWidget *thidua_register_dashboard_new       (void);
void       thidua_register_dashboard_set_model (ThiduaRegisterDashboard *self, ThiduaRegisterModel *model);
/* Recounts (after the model changed). */
void       thidua_register_dashboard_update    (ThiduaRegisterDashboard *self);

G_END_DECLS
