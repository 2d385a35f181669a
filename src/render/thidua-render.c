/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-render.c — the font check and the file exports.  Every export
 * draws with thidua_layout_draw_page(): there is no second renderer. */
#include "config.h"
#include "thidua-render.h"
#include "thidua-input.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

G_DEFINE_QUARK (thidua-render-error-quark, thidua_render_error)

/* Metric-compatible with Times New Roman: line breaks come out the same. */
static const char * const accepted_families[] = {
  "Times New Roman",
  "Liberation Serif",
};

gboolean
thidua_render_check_font_in (PangoContext *context, const char *family, double size, char **used)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_new ();
  PangoFontset *fontset;
  g_autoptr(PangoFont) font = NULL;
  g_autoptr(PangoFontDescription) real = NULL;
  const char *real_family = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (family != NULL, FALSE);

  pango_font_description_set_family (desc, family);
  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE + 0.5));
  /* The first font of the fontset a layout in @context itemizes with: the
   * same fontconfig look-up (the context's language included, which
   * pango_context_load_font() would leave out). */
  fontset = pango_font_map_load_fontset (pango_context_get_font_map (context), context, desc,
                                         pango_language_get_default ());
  if (fontset != NULL)
    {
      font = pango_fontset_get_font (fontset, 'A');
      g_object_unref (fontset);
    }
  if (font != NULL)
    {
      /* pango_font_describe() names the face fontconfig actually chose,
       * not the family that was asked for. */
      real = pango_font_describe (font);
      real_family = pango_font_description_get_family (real);
    }
  for (guint i = 0; real_family != NULL && i < G_N_ELEMENTS (accepted_families); i++)
    if (g_ascii_strcasecmp (real_family, accepted_families[i]) == 0)
      ok = TRUE;
  if (used != NULL)
    *used = g_strdup (real_family != NULL ? real_family : "");
  return ok;
}

gboolean
thidua_render_check_font (const char *family, char **used)
{
  PangoContext *context;
  gboolean ok;

  g_return_val_if_fail (family != NULL, FALSE);

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  ok = thidua_render_check_font_in (context, family, 12, used);
  g_object_unref (context);
  return ok;
}

/* Files are written through thidua_output_* rather than by cairo itself:
 * the message names the real cause ("No such file or directory", "No
 * space left on device"), the data go to a new file in the same folder
 * that is renamed over the target once complete, so a failed export never
 * destroys the previous one, and a symbolic link at the target is
 * replaced, never followed (nor its dangling target created).
 *
 * Cairo hands its stream over in pieces of a few bytes (a ten-page PDF
 * is some 2,300 of them): they are gathered here and written 64 kB at a
 * time, not one write() each. */
#define SINK_BUFFER_SIZE (64 * 1024)

typedef struct {
  const char   *path;
  ThiduaOutput *out;
  GError       *error;       /* the first write error */
  guint8       *buffer;      /* SINK_BUFFER_SIZE bytes */
  gsize         used;
} Sink;

static gboolean
sink_flush (Sink *s)
{
  gsize n = s->used;

  s->used = 0;
  if (s->error != NULL)
    return FALSE;
  return n == 0 || thidua_output_write (s->out, s->buffer, n, &s->error);
}

static cairo_status_t
sink_write (void *closure, const unsigned char *data, unsigned int length)
{
  Sink *s = closure;

  if (s->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (s->used + length > SINK_BUFFER_SIZE && !sink_flush (s))
    return CAIRO_STATUS_WRITE_ERROR;
  if (length >= SINK_BUFFER_SIZE)
    {
      /* A large piece (an image, a font) goes straight to the file. */
      if (!thidua_output_write (s->out, data, length, &s->error))
        return CAIRO_STATUS_WRITE_ERROR;
      return CAIRO_STATUS_SUCCESS;
    }
  memcpy (s->buffer + s->used, data, length);
  s->used += length;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
sink_open (Sink *s, const char *path, GError **error)
{
  g_autoptr(GError) local = NULL;

  s->path = path;
  s->out = thidua_output_open (path, &local);
  if (s->out == NULL)
    {
      g_set_error_literal (error, THIDUA_RENDER_ERROR, THIDUA_RENDER_ERROR_WRITE, local->message);
      return FALSE;
    }
  s->buffer = g_malloc (SINK_BUFFER_SIZE);
  s->used = 0;
  return TRUE;
}

/* Finishes the file, or on failure leaves what was there before. */
static gboolean
sink_close (Sink *s, cairo_status_t status, GError **error)
{
  g_autoptr(GError) close_error = NULL;
  gboolean ok = status == CAIRO_STATUS_SUCCESS && s->error == NULL;

  if (ok)
    ok = sink_flush (s);
  if (ok)
    ok = thidua_output_commit (g_steal_pointer (&s->out), &close_error);
  else
    thidua_output_abort (g_steal_pointer (&s->out));
  g_clear_pointer (&s->buffer, g_free);
  if (!ok)
    {
      if (s->error != NULL || close_error != NULL)
        g_set_error_literal (error, THIDUA_RENDER_ERROR, THIDUA_RENDER_ERROR_WRITE,
                             (s->error != NULL ? s->error : close_error)->message);
      else
        g_set_error (error, THIDUA_RENDER_ERROR, THIDUA_RENDER_ERROR_WRITE,
                     "Cannot write %s: %s", s->path, cairo_status_to_string (status));
    }
  g_clear_error (&s->error);
  return ok;
}

static gboolean
check_page (ThiduaLayout *layout, guint page, GError **error)
{
  guint n = thidua_layout_get_n_pages (layout);

  if (page < n)
    return TRUE;
  g_set_error (error, THIDUA_RENDER_ERROR, THIDUA_RENDER_ERROR_NO_PAGE,
               "There is no page %u: the plan has %u page%s", page + 1, n, n == 1 ? "" : "s");
  return FALSE;
}

gboolean
thidua_render_to_pdf (ThiduaLayout *layout, ThiduaPlan *plan, const char *path, GError **error)
{
  double w = thidua_layout_get_page_width (layout);
  double h = thidua_layout_get_page_height (layout);
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  Sink sink = { 0 };

  g_return_val_if_fail (THIDUA_IS_LAYOUT (layout), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!sink_open (&sink, path, error))
    return FALSE;
  surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, w, h);
  if (plan != NULL)
    {
      const char *type_name = thidua_plan_get_type_name (plan);
      const char *subject = thidua_plan_get_subject (plan);
      g_autofree char *title = g_strdup_printf ("%s%s%s", type_name,
                                                subject[0] ? " " : "", subject);

      for (char *p = title; *p; p++)
        if (*p == '\n')
          *p = ' ';
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                      thidua_plan_get_issuing_body (plan));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Thi Đua " PACKAGE_VERSION);

  cr = cairo_create (surface);
  for (guint p = 0; p < thidua_layout_get_n_pages (layout); p++)
    {
      thidua_layout_draw_page (layout, cr, p);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return sink_close (&sink, status, error);
}

gboolean
thidua_render_to_png (ThiduaLayout *layout, const char *path, guint page, double dpi, GError **error)
{
  double scale = dpi / 72.0;
  int width, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  Sink sink = { 0 };

  g_return_val_if_fail (THIDUA_IS_LAYOUT (layout), FALSE);
  g_return_val_if_fail (dpi > 0, FALSE);

  if (!check_page (layout, page, error))
    return FALSE;
  if (dpi > THIDUA_RENDER_MAX_DPI)
    {
      g_set_error (error, THIDUA_RENDER_ERROR, THIDUA_RENDER_ERROR_WRITE,
                   "Cannot write %s: %g dpi is more than the %d dpi a page is drawn at",
                   path, dpi, THIDUA_RENDER_MAX_DPI);
      return FALSE;
    }

  width = (int) (thidua_layout_get_page_width (layout) * scale + 0.5);
  height = (int) (thidua_layout_get_page_height (layout) * scale + 0.5);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  thidua_layout_draw_page (layout, cr, page);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && !sink_open (&sink, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, THIDUA_RENDER_ERROR, THIDUA_RENDER_ERROR_WRITE,
                   "Cannot write %s: %s", path, cairo_status_to_string (status));
      return FALSE;
    }
  status = cairo_surface_write_to_png_stream (surface, sink_write, &sink);
  cairo_surface_destroy (surface);
  return sink_close (&sink, status, error);
}

gboolean
thidua_render_to_svg (ThiduaLayout *layout, const char *path, guint page, GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  Sink sink = { 0 };

  g_return_val_if_fail (THIDUA_IS_LAYOUT (layout), FALSE);

  if (!check_page (layout, page, error))
    return FALSE;

  if (!sink_open (&sink, path, error))
    return FALSE;
  surface = cairo_svg_surface_create_for_stream (sink_write, &sink,
                                                 thidua_layout_get_page_width (layout),
                                                 thidua_layout_get_page_height (layout));
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
  cr = cairo_create (surface);
  /* A sheet of paper, as in the PNG: viewers show transparency as grey or black. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  thidua_layout_draw_page (layout, cr, page);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return sink_close (&sink, status, error);
}

gboolean
thidua_render_to_file (ThiduaLayout *layout, ThiduaPlan *plan, const char *path,
                       guint page, double dpi, GError **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    return thidua_render_to_pdf (layout, plan, path, error);
  if (g_str_has_suffix (lower, ".png"))
    return thidua_render_to_png (layout, path, page, dpi, error);
  if (g_str_has_suffix (lower, ".svg"))
    return thidua_render_to_svg (layout, path, page, error);
  g_set_error (error, THIDUA_RENDER_ERROR, THIDUA_RENDER_ERROR_FORMAT,
               "Cannot tell the format of “%s”: name it .pdf, .png or .svg", path);
  return FALSE;
}
