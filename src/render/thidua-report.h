/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-report.h — the register's printed tables, composed by the plan
 * renderer (ThiduaLayout) as forms whose bodies hold table blocks:
 *  - "Bảng tổng hợp đăng ký thi đua" of a year: landscape A4, the
 *    profile's header, a table grouped by unit whose header row is
 *    repeated on every page and whose rows never split, totals per title,
 *    the date line and two signatures;
 *  - "Bản đăng ký thi đua" of one unit: portrait, its members'
 *    registrations and the unit's own, the head of unit's signature.
 * The preview, printing (thidua_print_run) and the PDF all draw the
 * report's layout with thidua_layout_draw_page(). */
#pragma once

#include <glib-object.h>
#include "thidua-layout.h"
#include "thidua-register.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_REPORT (thidua_report_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaReport, thidua_report, THIDUA, REPORT, GObject)

/* unit NULL: the year's summary (landscape); a unit's name: that unit's
 * registration form (portrait).  The year's plan, when set, gives the
 * profile, the header and the place.
 * @reg: (transfer none): read during the call only.
 * @year: (nullable): what is not a year fails.  @unit: (nullable) */
ThiduaReport *thidua_report_new_register (ThiduaRegister *reg, const char *year,
                                          const char *unit, GError **error);

/* The composed pages.
 * Returns: (transfer none): the report's own, valid while it lives. */
ThiduaLayout *thidua_report_get_layout   (ThiduaReport *self);
/* What the header, title and date line print (not stored anywhere);
 * also the PDF's title and author.
 * Returns: (transfer none): as for _get_layout. */
ThiduaPlan   *thidua_report_get_plan     (ThiduaReport *self);
/* Registrations printed (withdrawn ones are not). */
guint         thidua_report_get_n_registrations (ThiduaReport *self);
/* All pages to a PDF, through thidua_render_to_pdf(). */
gboolean      thidua_report_write_pdf    (ThiduaReport *self, const char *path, GError **error);

/* Composes and writes in one go (the CLI). */
gboolean      thidua_report_write_register_pdf (ThiduaRegister *reg, const char *year,
                                                const char *unit, const char *path,
                                                GError **error);

G_END_DECLS
