/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-preview.h — the printed page, drawn by the layout renderer,
 * with page navigation, zoom and the layout warnings. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-layout.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_PREVIEW (thidua_preview_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaPreview, thidua_preview, THIDUA, PREVIEW, GtkWidget)

/* Shows the plan (NULL: nothing).  The plan is kept and re-read on
 * thidua_preview_queue_update(). */
void          thidua_preview_set_plan      (ThiduaPreview *self,
                                            ThiduaPlan    *plan);
/* Shows pages composed elsewhere (the register's printed tables), as
 * they are: nothing is re-laid.  NULL shows nothing. */
void          thidua_preview_set_layout    (ThiduaPreview *self,
                                            ThiduaLayout  *layout);
/* Re-lays the plan before the next frame; input_time (monotonic µs, 0 if
 * unknown) is the edit's time, for the latency measurement. */
void          thidua_preview_queue_update  (ThiduaPreview *self,
                                            gint64         input_time);
/* Runs a pending update now (tests, print). */
void          thidua_preview_flush         (ThiduaPreview *self);
ThiduaLayout *thidua_preview_get_layout    (ThiduaPreview *self);
guint         thidua_preview_get_n_pages   (ThiduaPreview *self);
guint         thidua_preview_get_page      (ThiduaPreview *self);
void          thidua_preview_set_page      (ThiduaPreview *self,
                                            guint          page);
/* Shows the page with this byte offset of the body (the cursor), now and
 * after each re-layout; G_MAXSIZE stops following. */
void          thidua_preview_follow_body_offset (ThiduaPreview *self,
                                                 gsize          offset);
/* 0 = fit the page width. */
double        thidua_preview_get_zoom      (ThiduaPreview *self);
void          thidua_preview_set_zoom      (ThiduaPreview *self,
                                            double         zoom);

G_END_DECLS
