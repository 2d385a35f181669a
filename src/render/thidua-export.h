/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-export.h — the plan as an editable word-processor file (.docx,
 * .odt) that keeps the official layout when opened in Word or LibreOffice.
 *
 * The writers take the same profile values and the same layout decisions
 * as the printed pages (rule lengths, number and date lines, which body
 * blocks are headings), but as real paragraph and table properties, never
 * absolute positions: A4, the profile's margins, Times New Roman at its
 * sizes; the header a borderless two-column table; the body justified with
 * a first-line indent, the line spacing and the paragraph spacing; the
 * closing a borderless table whose row never splits; page numbers from
 * page 2 (a different first page); "DỰ THẢO" on the first page of a
 * draft; title = subject and author = issuing body in the properties.
 */
#pragma once

#include <glib.h>
#include "thidua-layout.h"

G_BEGIN_DECLS

/* layout must have been updated with plan.
 * Returns: (transfer full): g_bytes_unref() it. */
GBytes   *thidua_export_docx_bytes (ThiduaLayout *layout, ThiduaPlan *plan, GError **error);
GBytes   *thidua_export_odt_bytes  (ThiduaLayout *layout, ThiduaPlan *plan, GError **error);

/* Chooses by extension (.docx, .odt); writes the file whole or not at all. */
gboolean  thidua_export_to_file    (ThiduaLayout *layout, ThiduaPlan *plan,
                                    const char *path, GError **error);
/* TRUE for a path ending in .docx or .odt (any case). */
gboolean  thidua_export_handles    (const char *path);

G_END_DECLS
