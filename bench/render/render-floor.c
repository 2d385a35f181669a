/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render-floor.c — the bare Pango + Cairo program of issue 10's render
 * benchmark, as a whole process: it links Pango and Cairo only (no Thi Đua
 * library, no SQLite, no json-glib) and lays out the same body text as
 * render-bench's floor (justified paragraphs, paginated line by line) into
 * a PDF.  bench/run-render.sh times it against `thidua-cli render-json`.
 *
 *   render-floor INPUT.txt OUT.pdf [FONTS.txt]
 *
 * INPUT.txt (render-bench --floor-text): the first line holds, TAB-separated,
 * the font family, body size, page width and height, margins left, right,
 * top and bottom, first-line indent (points), line spacing and paragraph
 * space; then one paragraph a line.
 *
 * FONTS.txt (render-bench --floor-fonts), when given: before the body, one
 * line of text in each font thidua's PDF of the same plan uses, one a line:
 * "BOLD ITALIC SIZE<TAB>text" (0 or 1, points), the text as that PDF sets
 * it in that font.  Each distinct font costs a process a fontconfig look-up,
 * Pango's threads and a font load that a warm, in-process run never shows;
 * with FONTS.txt the floor pays for the same fonts as the plan (issue 10). */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  cairo_t      *cr;
  PangoContext *context;
  double        pw, ph, ml, mr, mt, mb, spacing, y;
} Floor;

/* One paragraph, paginated line by line. */
static void
set_paragraph (Floor *fl, const PangoFontDescription *desc, const char *text,
               gboolean justify, double indent)
{
  PangoLayout *layout;
  PangoLayoutIter *iter;

  layout = pango_layout_new (fl->context);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) ((fl->pw - fl->ml - fl->mr) * PANGO_SCALE));
  pango_layout_set_justify (layout, justify);
  pango_layout_set_indent (layout, (int) (indent * PANGO_SCALE));
  pango_layout_set_line_spacing (layout, (float) fl->spacing);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      double h, top;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      h = (double) logical.height / PANGO_SCALE * fl->spacing;
      if (fl->y + h > fl->ph - fl->mb)
        {
          cairo_show_page (fl->cr);
          fl->y = fl->mt;
        }
      top = (double) logical.y / PANGO_SCALE;
      cairo_move_to (fl->cr, fl->ml + (double) logical.x / PANGO_SCALE,
                     fl->y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - top);
      pango_cairo_show_layout_line (fl->cr, pango_layout_iter_get_line_readonly (iter));
      fl->y += h;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  g_object_unref (layout);
}

int
main (int argc, char **argv)
{
  char *contents = NULL;
  char **lines, **f;
  double size, pw, ph, ml, mr, mt, mb, indent, spacing, para_space;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  PangoFontDescription *desc;
  cairo_font_options_t *options;

  char *fonts = NULL;
  Floor fl;

  if (argc < 3 || argc > 4 || !g_file_get_contents (argv[1], &contents, NULL, NULL)
      || (argc == 4 && !g_file_get_contents (argv[3], &fonts, NULL, NULL)))
    {
      fprintf (stderr, "usage: render-floor INPUT.txt OUT.pdf [FONTS.txt]\n");
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

  fl = (Floor) { cr, context, pw, ph, ml, mr, mt, mb, spacing, mt };
  if (fonts != NULL)
    {
      char **samples = g_strsplit (fonts, "\n", -1);

      for (guint i = 0; samples[i] != NULL; i++)
        {
          char *tab = strchr (samples[i], '\t');
          int bold = 0, italic = 0;
          double fsize = 0;
          PangoFontDescription *fdesc;

          if (tab == NULL || sscanf (samples[i], "%d %d %lf", &bold, &italic, &fsize) != 3 || fsize <= 0)
            continue;
          fdesc = pango_font_description_copy (desc);
          pango_font_description_set_size (fdesc, (int) (fsize * PANGO_SCALE + 0.5));
          pango_font_description_set_weight (fdesc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
          pango_font_description_set_style (fdesc, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
          set_paragraph (&fl, fdesc, tab + 1, FALSE, 0);
          pango_font_description_free (fdesc);
          fl.y += para_space;
        }
      g_strfreev (samples);
    }
  for (guint i = 1; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      set_paragraph (&fl, desc, lines[i], TRUE, indent);
      fl.y += para_space;
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
  g_free (fonts);
  return 0;
}
