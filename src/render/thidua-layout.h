/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-layout.h — a plan (or a form such as the register's tables)
 * composed into printed pages.
 *
 * The only code that knows how a page looks: the GTK preview, the
 * GtkPrintOperation "draw-page" handler and every export draw pages with
 * thidua_layout_draw_page().  Coordinates are points with the origin at the
 * top-left corner of the A4 page (595.28 × 841.89 pt, the other way round
 * for a landscape form); the caller scales the cairo_t for zoom or device
 * resolution.  With GtkPrintOperation use
 * gtk_print_operation_set_unit (op, GTK_UNIT_POINTS) and
 * gtk_print_operation_set_use_full_page (op, TRUE), and do not scale.
 *
 * Text is laid out once in a device-independent Pango context (72 dpi,
 * unhinted metrics), so the preview, the printer and the PDF break lines at
 * the same places.  thidua_layout_update() recomposes after an edit and
 * reuses the PangoLayouts of every block whose text and style did not
 * change, which keeps a re-layout of a ten-page plan to a few milliseconds.
 */
#pragma once

#include <glib-object.h>
#include <cairo.h>
#include "thidua-plan.h"
#include "thidua-profile.h"
#include "thidua-markup.h"

G_BEGIN_DECLS

/* A layout check against the rules, for the UI (which focuses the field)
 * and the CLI (stderr). */
typedef struct {
  char *field;    /* plan field as in the JSON: "issuing_body", "subject",
                   * "signer.name", "recipients", "body", "superior_body",
                   * "place", "font", "profile" */
  char *message;  /* translated sentence for the user */
  int   line;     /* 0-based body line for "body" warnings, else -1 */
} ThiduaLayoutWarning;

/* A signature column of a form: its title ("NGƯỜI LẬP BIỂU", printed in
 * capitals and bold), room to sign, then the name ("" or NULL: left blank
 * for the signer to write). */
typedef struct {
  const char *title;
  const char *name;
} ThiduaLayoutSignature;

/* A document that is not a plan: the register's printed tables.  The
 * plan still gives the header (superior and issuing body), the title
 * (type name and subject) and the place and date; the body is given
 * ready-made (tables included).  Such a form prints no "Số:" line, puts
 * the place-and-date line at the end above its signatures, and has no
 * recipients. */
typedef struct {
  gboolean              landscape;        /* A4 across, binding margin still on the left */
  guint                 n_signatures;     /* 1: in the right column; 2: side by side */
  ThiduaLayoutSignature signatures[2];
} ThiduaLayoutForm;

#define THIDUA_TYPE_LAYOUT (thidua_layout_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaLayout, thidua_layout, THIDUA, LAYOUT, GObject)

/* A layout for this profile; compose a plan with thidua_layout_update().
 * @profile: (transfer none): the layout keeps a reference. */
ThiduaLayout  *thidua_layout_new              (ThiduaProfile *profile);
/* Loads the plan's profile and composes the plan. */
ThiduaLayout  *thidua_layout_new_for_plan     (ThiduaPlan    *plan,
                                               GError       **error);
/* The same for a process that only prints (thidua-cli render): also sets
 * the thread's default Pango font map to 72 dpi, the page's resolution,
 * so that Pango's own measuring of each font shares the page's fontconfig
 * look-up.  Not for a process with widgets, whose texts use that map. */
ThiduaLayout  *thidua_layout_new_for_print    (ThiduaPlan    *plan,
                                               GError       **error);

/* Returns: (transfer none) (nullable): NULL only after set_profile (NULL). */
ThiduaProfile *thidua_layout_get_profile      (ThiduaLayout  *self);
/* Switches profile (the plan's format changed); call update afterwards.
 * @profile: (transfer none) (nullable): the layout keeps a reference;
 *   updates need one set. */
void           thidua_layout_set_profile      (ThiduaLayout  *self,
                                               ThiduaProfile *profile);

/* Recomposes the plan into pages.  The plan is read, not kept.  Blocks
 * whose text and style are unchanged keep their cached PangoLayouts.
 * When the plan's profile differs from the layout's, the plan's profile is
 * loaded first (if that fails, a "profile" warning says so and the current
 * profile is used).
 * Notifies "n-pages" when the count changes and emits "changed". */
void           thidua_layout_update           (ThiduaLayout  *self,
                                               ThiduaPlan    *plan);

/* Composes a form: the plan's header and title, body (usually built with
 * thidua_body_new() and tables), the date line and the form's signatures.
 * The layout's profile is used as it is (set it first).
 * @plan, @body, @form: (transfer none): read during the call, not kept
 *   (the form's signature strings included); none may be NULL. */
void           thidua_layout_update_form      (ThiduaLayout           *self,
                                               ThiduaPlan             *plan,
                                               ThiduaBody             *body,
                                               const ThiduaLayoutForm *form);

guint          thidua_layout_get_n_pages      (ThiduaLayout  *self);
double         thidua_layout_get_page_width   (ThiduaLayout  *self);  /* pt */
double         thidua_layout_get_page_height  (ThiduaLayout  *self);  /* pt */

/* Draws page `page` (0-based) in points; paints no background, so a PNG or
 * preview caller fills white first.  Out-of-range pages draw nothing. */
void           thidua_layout_draw_page        (ThiduaLayout  *self,
                                               cairo_t       *cr,
                                               guint          page);

/* Warnings of the last update, a GPtrArray of ThiduaLayoutWarning owned by
 * the layout (valid until the next update).
 * Returns: (transfer none) (element-type ThiduaLayoutWarning): unlike the
 *   project's other GPtrArray results: do not unref it. */
GPtrArray     *thidua_layout_get_warnings     (ThiduaLayout  *self);

/* The page (0-based) that shows the body text at this byte offset of the
 * plan's body, for "scroll the preview to the cursor"; 0 if unknown. */
guint          thidua_layout_get_page_for_body_offset (ThiduaLayout *self,
                                                       gsize         offset);

/* The font family fontconfig really used for the profile's family
 * ("Liberation Serif" for "Times New Roman" on Linux).
 * Returns: (transfer none) (nullable): valid until the profile changes;
 *   NULL while the layout has no profile. */
const char    *thidua_layout_get_font_family_used (ThiduaLayout *self);

/* The family the page's texts ask Pango for: the one fontconfig used when
 * it is an accepted one (the same font files, looked up once per face and
 * size instead of twice, thidua-layout.c), otherwise the profile's.
 * Returns: (transfer none): valid until the profile changes. */
const char    *thidua_layout_get_print_family (ThiduaLayout *self);

/* Internal statistics for the benchmark: PangoLayouts reused / created by
 * the last update.
 * @reused, @created: (out) (optional) */
void           thidua_layout_get_cache_stats  (ThiduaLayout  *self,
                                               guint         *reused,
                                               guint         *created);

/* For the editable exports (thidua-export.h), which must print what the
 * pages print: the lengths (pt) of the rules under the issuing body, the
 * motto and the subject as the last update drew them (0: none), and the
 * number and place-and-date lines as printed.
 * thidua_layout_get_header_rules: @issuing, @motto, @subject: (out)
 *   (optional)
 * The format_*_line functions: Returns: (transfer full) */
void           thidua_layout_get_header_rules (ThiduaLayout  *self,
                                               double        *issuing,
                                               double        *motto,
                                               double        *subject);
char          *thidua_layout_format_number_line (ThiduaLayout *self,
                                                 ThiduaPlan   *plan);
char          *thidua_layout_format_date_line   (ThiduaLayout *self,
                                                 ThiduaPlan   *plan);

G_END_DECLS
