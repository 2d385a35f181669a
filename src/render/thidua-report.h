/* thidua-report.h — the register's printed tables, drawn with Pango and
 * Cairo in the renderer (no GTK):
 *  - "Bảng tổng hợp đăng ký thi đua" of a year: landscape A4, the
 *    profile's header, a table grouped by unit with the header row repeated
 *    on every page and no row split across pages, totals per title, the
 *    date line and two signatures;
 *  - "Bản đăng ký thi đua" of one unit: portrait, its members'
 *    registrations and the unit's own, the head of unit's signature.
 * A report is composed once into pages; the preview, printing and PDF all
 * draw them with thidua_report_draw_page(). */
#pragma once

#include <cairo.h>
#include <glib-object.h>
#include "thidua-register.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_REPORT (thidua_report_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaReport, thidua_report, THIDUA, REPORT, GObject)

/* unit NULL: the year's summary (landscape); a unit's name: that unit's
 * registration form (portrait). */
ThiduaReport *thidua_report_new_register (ThiduaRegister *reg, const char *year,
                                          const char *unit, GError **error);

guint         thidua_report_get_n_pages     (ThiduaReport *self);
double        thidua_report_get_page_width  (ThiduaReport *self);  /* pt */
double        thidua_report_get_page_height (ThiduaReport *self);  /* pt */
/* Registrations printed (withdrawn ones are not). */
guint         thidua_report_get_n_registrations (ThiduaReport *self);
/* Draws page (0-based) in points; no background. */
void          thidua_report_draw_page       (ThiduaReport *self, cairo_t *cr, guint page);
gboolean      thidua_report_write_pdf       (ThiduaReport *self, const char *path, GError **error);

/* Composes and writes in one go (the CLI). */
gboolean      thidua_report_write_register_pdf (ThiduaRegister *reg, const char *year,
                                                const char *unit, const char *path,
                                                GError **error);

G_END_DECLS
