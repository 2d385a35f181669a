/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render-floor.c — the bare Pango + Cairo program of issue 10's render
 * benchmark, as a whole process: it links Pango and Cairo only (no Thi Đua
 * library, no SQLite, no json-glib) and lays out the same body text as
 * render-bench's floor (justified paragraphs, paginated line by line) into
 * a PDF.  bench/run-render.sh times it against `thidua-cli render-json`.
 *
 *   render-floor INPUT.txt OUT.pdf
 *
 * INPUT.txt (render-bench --floor-text): the first line holds, TAB-separated,
 * the font family, body size, page width and height, margins left, right,
 * top and bottom, first-line indent (points), line spacing and paragraph
 * space; then one paragraph a line. */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>

int
main (int argc, char **argv)
{
  char *contents = NULL;
  char **lines, **f;
  double size, pw, ph, ml, mr, mt, mb, indent, spacing, para_space, y;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  PangoFontDescription *desc;
  cairo_font_options_t *options;

  if (argc != 3 || !g_file_get_contents (argv[1], &contents, NULL, NULL))
    {
      fprintf (stderr, "usage: render-floor INPUT.txt OUT.pdf\n");
      return 2;
    }
  lines = g_strsplit (contents, "\n", -1);
  f = g_strsplit (lines[0], "\t", -1);
  if (g_strv_length (f) != 11)
    {
      fprintf (stderr, "render-floor: %s: the first line needs 11 fields\n", argv[1]);
      return 2;
    }
  size = g_ascii_strtod (f[1], NULL);
  pw = g_ascii_strtod (f[2], NULL);
  ph = g_ascii_strtod (f[3], NULL);
  ml = g_ascii_strtod (f[4], NULL);
  mr = g_ascii_strtod (f[5], NULL);
  mt = g_ascii_strtod (f[6], NULL);
  mb = g_ascii_strtod (f[7], NULL);
  indent = g_ascii_strtod (f[8], NULL);
  spacing = g_ascii_strtod (f[9], NULL);
  para_space = g_ascii_strtod (f[10], NULL);

  surface = cairo_pdf_surface_create (argv[2], pw, ph);
  cr = cairo_create (surface);
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  desc = pango_font_description_new ();
  pango_font_description_set_family (desc, f[0]);
  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));

  y = mt;
  for (guint i = 1; lines[i] != NULL; i++)
    {
      PangoLayout *layout;
      PangoLayoutIter *iter;

      if (lines[i][0] == '\0')
        continue;
      layout = pango_layout_new (context);
      pango_layout_set_font_description (layout, desc);
      pango_layout_set_text (layout, lines[i], -1);
      pango_layout_set_width (layout, (int) ((pw - ml - mr) * PANGO_SCALE));
      pango_layout_set_justify (layout, TRUE);
      pango_layout_set_indent (layout, (int) (indent * PANGO_SCALE));
      pango_layout_set_line_spacing (layout, (float) spacing);
      iter = pango_layout_get_iter (layout);
      do
        {
          PangoRectangle logical;
          double h, top;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          h = (double) logical.height / PANGO_SCALE * spacing;
          if (y + h > ph - mb)
            {
              cairo_show_page (cr);
              y = mt;
            }
          top = (double) logical.y / PANGO_SCALE;
          cairo_move_to (cr, ml + (double) logical.x / PANGO_SCALE,
                         y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
          y += h;
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      g_object_unref (layout);
      y += para_space;
    }
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      fprintf (stderr, "render-floor: %s: %s\n", argv[2],
               cairo_status_to_string (cairo_surface_status (surface)));
      return 1;
    }
  cairo_surface_destroy (surface);
  pango_font_description_free (desc);
  g_object_unref (context);
  g_strfreev (f);
  g_strfreev (lines);
  g_free (contents);
  return 0;
}
