/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-render.h — fonts check and exports, all drawn by
 * thidua_layout_draw_page() (one renderer for preview, print and files). */
#pragma once

#include <glib.h>
#include "thidua-layout.h"

G_BEGIN_DECLS

#define THIDUA_RENDER_ERROR (thidua_render_error_quark ())
typedef enum {
  THIDUA_RENDER_ERROR_NO_PAGE,      /* --page beyond the last page */
  THIDUA_RENDER_ERROR_FORMAT,       /* unknown file extension */
  THIDUA_RENDER_ERROR_WRITE,        /* cairo could not write the file */
} ThiduaRenderError;
GQuark thidua_render_error_quark (void);

/* The highest resolution of a PNG: an A4 page at 600 dpi is 139 MB of
 * pixels (at 2400 dpi it would be 2.2 GB). */
#define THIDUA_RENDER_MAX_DPI 600

/* Resolves `family` ("Times New Roman") the way the renderer will.  Returns
 * TRUE when the font used is Times New Roman or a metric-compatible
 * substitute (Liberation Serif); FALSE when a different font would be
 * printed.  *used (may be NULL) receives the family actually used.
 * @used: (out) (optional) (transfer full): set whatever is returned ("" when
 *   no font resolves). */
gboolean  thidua_render_check_font (const char  *family,
                                    char       **used);
/* The same check in @context at @size points: a layout checks in its own
 * context at its body size, so the font it checks is one it lays out
 * with (no fontconfig look-up of its own: each costs two threads in
 * Pango 1.50).
 * @used: (out) (optional) (transfer full): as above. */
struct _PangoContext;   /* no Pango include: the CLI's core side includes this */
gboolean  thidua_render_check_font_in (struct _PangoContext *context,
                                       const char           *family,
                                       double                size,
                                       char                **used);

/* All pages; fonts embedded and subsetted, text extractable, title (type
 * name + subject) and author (issuing body) in the document metadata.
 * @plan: (nullable): NULL leaves the metadata out. */
gboolean  thidua_render_to_pdf     (ThiduaLayout *layout,
                                    ThiduaPlan   *plan,
                                    const char   *path,
                                    GError      **error);
/* One page (0-based) at dpi (e.g. 150), white background. */
gboolean  thidua_render_to_png     (ThiduaLayout *layout,
                                    const char   *path,
                                    guint         page,
                                    double        dpi,
                                    GError      **error);
/* One page (0-based), in points. */
gboolean  thidua_render_to_svg     (ThiduaLayout *layout,
                                    const char   *path,
                                    guint         page,
                                    GError      **error);
/* Chooses by extension: .pdf (all pages, `page` ignored), .png, .svg.
 * @plan: (nullable): used for the PDF's metadata only. */
gboolean  thidua_render_to_file    (ThiduaLayout *layout,
                                    ThiduaPlan   *plan,
                                    const char   *path,
                                    guint         page,
                                    double        dpi,
                                    GError      **error);

G_END_DECLS
