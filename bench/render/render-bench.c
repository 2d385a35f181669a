/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render-bench.c — how fast is the renderer?  (A benchmark, not a test.)
 *
 *   render-bench [--runs N] [--html OUT.html] [--pdf OUT.pdf] PLAN.json [MORE.json…]
 *
 * On the plan given, its body followed by the bodies of the MORE plans
 * (distinct text, so no paragraph is laid out from another's cache entry)
 * and cut to ten pages, measures, median of N runs:
 *   thidua   — a fresh ThiduaLayout (profile load + composition) and the
 *              PDF export, as `thidua-cli render-json` does it;
 *   floor    — a bare Pango + Cairo program laying the same body text as
 *              plain justified paragraphs onto PDF pages (no header, no
 *              rules, no widow control): the least any renderer must do;
 *   relayout — thidua_layout_update() after a one-paragraph edit, on a
 *              layout that already holds the plan (the live preview path).
 * --html writes an equivalent HTML document for the LibreOffice comparison
 * made by bench/run-render.sh; --plan-json the ten-page plan and
 * --floor-text the floor's input (its page geometry on the first line, then
 * one paragraph a line) for the whole-process comparison of
 * `thidua-cli render-json` with render-floor (render-floor.c);
 * --floor-fonts one line of text in each font of thidua's PDF (read back
 * with poppler: weight, style and size), for render-floor to set the same
 * fonts too.
 */
#include "config.h"
#include "thidua-layout.h"
#include "thidua-markup.h"
#include "thidua-profile-private.h"
#include "thidua-render.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <string.h>

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, cmp_double);
  return g_array_index (times, double, times->len / 2);
}

/* The floor: the body's paragraphs, justified, paginated line by line. */
static void
floor_render (const ThiduaProfileValues *v, GPtrArray *paragraphs, const char *path)
{
  double pw = THIDUA_MM_TO_PT (v->page_width_mm), ph = THIDUA_MM_TO_PT (v->page_height_mm);
  double ml = THIDUA_MM_TO_PT (v->margin_left_mm), mr = THIDUA_MM_TO_PT (v->margin_right_mm);
  double mt = THIDUA_MM_TO_PT (v->margin_top_mm), mb = THIDUA_MM_TO_PT (v->margin_bottom_mm);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, pw, ph);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoFontDescription *desc = pango_font_description_new ();
  double y = mt;

  pango_cairo_context_set_resolution (context, 72);
  {
    /* Same unhinted metrics as the renderer: the ratio then measures only
     * what the renderer adds (header, rules, widow control, caching). */
    cairo_font_options_t *options = cairo_font_options_create ();
    cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options (context, options);
    cairo_font_options_destroy (options);
  }
  pango_font_description_set_family (desc, v->font_family);
  pango_font_description_set_size (desc, (int) (v->body_size * PANGO_SCALE));

  for (guint i = 0; i < paragraphs->len; i++)
    {
      PangoLayout *layout = pango_layout_new (context);
      PangoLayoutIter *iter;

      pango_layout_set_font_description (layout, desc);
      pango_layout_set_text (layout, paragraphs->pdata[i], -1);
      pango_layout_set_width (layout, (int) ((pw - ml - mr) * PANGO_SCALE));
      pango_layout_set_justify (layout, TRUE);
      pango_layout_set_indent (layout, (int) (THIDUA_MM_TO_PT (v->body_first_line_indent_mm) * PANGO_SCALE));
      pango_layout_set_line_spacing (layout, (float) v->body_line_spacing);

      iter = pango_layout_get_iter (layout);
      do
        {
          PangoRectangle logical;
          double h, top;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          h = (double) logical.height / PANGO_SCALE * v->body_line_spacing;
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
      y += v->body_paragraph_space_pt;
    }
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  pango_font_description_free (desc);
  g_object_unref (context);
}

static void
append_escaped (GString *s, const char *text)
{
  g_autofree char *e = g_markup_escape_text (text, -1);
  g_string_append (s, e);
}

/* The same plan as an HTML page LibreOffice Writer converts to PDF. */
static void
write_html (ThiduaPlan *plan, ThiduaBody *body, const char *path)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char * const *recipients = thidua_plan_get_recipients (plan);

  g_string_append (s, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>"
                   "@page { size: 210mm 297mm; margin: 20mm 15mm 20mm 30mm; }"
                   "body { font-family: 'Times New Roman'; font-size: 14pt; }"
                   "p { text-align: justify; text-indent: 12.7mm; margin: 0 0 6pt 0; }"
                   "td { text-align: center; vertical-align: top; }"
                   "</style></head><body><table width=\"100%\"><tr><td>");
  append_escaped (s, thidua_plan_get_superior_body (plan));
  g_string_append (s, "<br><b>");
  append_escaped (s, thidua_plan_get_issuing_body (plan));
  g_string_append (s, "</b><br>Số: ");
  append_escaped (s, thidua_plan_get_number (plan));
  g_string_append (s, "/");
  append_escaped (s, thidua_plan_get_symbol (plan));
  g_string_append (s, "</td><td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br><u>Độc lập - Tự do - Hạnh phúc</u></b><br><i>");
  append_escaped (s, thidua_plan_get_place (plan));
  g_string_append_printf (s, ", ngày %02u tháng %u năm %u</i></td></tr></table>"
                          "<p style=\"text-align:center;text-indent:0\"><b>",
                          thidua_plan_get_day (plan), thidua_plan_get_month (plan),
                          thidua_plan_get_year (plan));
  append_escaped (s, thidua_plan_get_type_name (plan));
  g_string_append (s, "<br>");
  append_escaped (s, thidua_plan_get_subject (plan));
  g_string_append (s, "</b></p>");
  for (guint i = 0; i < thidua_body_n_blocks (body); i++)
    {
      const ThiduaBlock *b = thidua_body_get_block (body, i);
      gboolean bold = b->kind == THIDUA_BLOCK_HEADING || b->titled;

      g_string_append (s, bold ? "<p><b>" : "<p>");
      if (b->label[0])
        {
          append_escaped (s, b->label);
          g_string_append_c (s, ' ');
        }
      append_escaped (s, b->text);
      g_string_append (s, bold ? "</b></p>" : "</p>");
    }
  g_string_append (s, "<table width=\"100%\"><tr><td style=\"text-align:left;font-size:11pt\">"
                   "<b><i>Nơi nhận:</i></b>");
  for (guint i = 0; recipients && recipients[i]; i++)
    {
      g_string_append (s, "<br>- ");
      append_escaped (s, recipients[i]);
    }
  g_string_append (s, "</td><td><b>");
  append_escaped (s, thidua_plan_get_signer_position (plan));
  g_string_append (s, "<br><br><br><br><br>");
  append_escaped (s, thidua_plan_get_signer_name (plan));
  g_string_append (s, "</b></td></tr></table></body></html>\n");
  g_file_set_contents (path, s->str, (gssize) s->len, NULL);
}

/* Every font of the PDF at path (face and size), each with the longest
 * run of text set in it there (at most 60 characters): "BOLD ITALIC
 * SIZE<TAB>text" lines.  (Cairo splits a face into two subsets, Latin-1
 * and the rest, so a word with "Ự" is several runs.) */
static void
write_pdf_fonts (const char *pdf, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, &error);
  PopplerDocument *doc = uri ? poppler_document_new_from_file (uri, NULL, &error) : NULL;
  g_autoptr(GHashTable) best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  if (doc == NULL)
    {
      g_printerr ("%s: %s\n", pdf, error->message);
      return;
    }
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      GList *attrs = poppler_page_get_text_attributes (page);

      for (GList *l = attrs; l != NULL; l = l->next)
        {
          PopplerTextAttributes *a = l->data;
          const char *name = a->font_name ? a->font_name : "";
          gboolean bold = strstr (name, "Bold") != NULL;
          gboolean italic = strstr (name, "Italic") != NULL || strstr (name, "Oblique") != NULL;
          g_autofree char *key = g_strdup_printf ("%d %d %.2f", bold, italic, a->font_size);
          const char *from = g_utf8_offset_to_pointer (text, a->start_index);
          const char *to = g_utf8_offset_to_pointer (text, MIN (a->end_index + 1, a->start_index + 60));
          g_autofree char *run = g_strndup (from, to - from);
          const char *had;

          g_strdelimit (run, "\n\t", ' ');
          g_strstrip (run);
          had = g_hash_table_lookup (best, key);
          if (had == NULL)
            g_ptr_array_add (order, g_strdup (key));
          if (had == NULL || strlen (run) > strlen (had))
            g_hash_table_insert (best, g_steal_pointer (&key), g_steal_pointer (&run));
        }
      poppler_page_free_text_attributes (attrs);
      g_object_unref (page);
    }
  g_object_unref (doc);
  for (guint i = 0; i < order->len; i++)
    {
      const char *run = g_hash_table_lookup (best, order->pdata[i]);

      if (run[0] != '\0')
        g_string_append_printf (out, "%s\t%s\n", (char *) order->pdata[i], run);
      g_free (order->pdata[i]);
    }
  g_file_set_contents (path, out->str, (gssize) out->len, NULL);
}

int
main (int argc, char **argv)
{
  int runs = 15;
  g_autofree char *html = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *plan_json = NULL;
  g_autofree char *floor_text = NULL;
  g_autofree char *floor_fonts = NULL;
  GOptionEntry entries[] = {
    { "floor-fonts", 0, 0, G_OPTION_ARG_FILENAME, &floor_fonts, "Write a line in each font of thidua's PDF here", "FILE" },
    { "plan-json", 0, 0, G_OPTION_ARG_FILENAME, &plan_json, "Write the ten-page plan here", "FILE" },
    { "floor-text", 0, 0, G_OPTION_ARG_FILENAME, &floor_text, "Write render-floor's input here", "FILE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per measure (median)", "N" },
    { "html", 0, 0, G_OPTION_ARG_FILENAME, &html, "Write the equivalent HTML here", "FILE" },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, "Keep thidua's PDF here", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) octx = g_option_context_new ("PLAN.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *out_thidua = NULL;
  g_autofree char *out_floor = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(ThiduaLayout) layout = NULL;
  g_autoptr(ThiduaBody) body = NULL;
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) t_thidua = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_floor = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_relayout = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *original = NULL;
  g_autofree char *edited = NULL;
  guint n_pages, reused = 0, created = 0;
  char *p;

  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error) || argc < 2)
    {
      g_printerr ("usage: render-bench [--runs N] [--html FILE] PLAN.json\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &contents, NULL, &error) ||
      (plan = thidua_plan_new_from_json (contents, -1, &error)) == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }

  for (int i = 2; i < argc; i++)
    {
      g_autofree char *more = NULL;
      g_autoptr(ThiduaPlan) other = NULL;
      g_autofree char *longer = NULL;

      if (!g_file_get_contents (argv[i], &more, NULL, &error) ||
          (other = thidua_plan_new_from_json (more, -1, &error)) == NULL)
        {
          g_printerr ("%s: %s\n", argv[i], error->message);
          return 1;
        }
      longer = g_strconcat (thidua_plan_get_body (plan), "\n\n", thidua_plan_get_body (other), NULL);
      thidua_plan_set_body (plan, longer);
    }

  /* Repeat the body until the plan is at least ten pages long, then drop
   * lines from its end until it is ten pages. */
  original = g_strdup (thidua_plan_get_body (plan));
  {
    g_autoptr(ThiduaLayout) probe = thidua_layout_new_for_plan (plan, &error);

    if (probe == NULL)
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
    while (thidua_layout_get_n_pages (probe) < 10)
      {
        g_autofree char *longer = g_strconcat (thidua_plan_get_body (plan), "\n\n", original, NULL);
        thidua_plan_set_body (plan, longer);
        thidua_layout_update (probe, plan);
      }
    while (thidua_layout_get_n_pages (probe) > 10)
      {
        g_autofree char *shorter = g_strdup (thidua_plan_get_body (plan));
        char *cut = strrchr (shorter, '\n');

        if (cut == NULL)
          break;
        *cut = '\0';
        thidua_plan_set_body (plan, shorter);
        thidua_layout_update (probe, plan);
      }
  }

  body = thidua_body_parse (thidua_plan_get_body (plan));
  for (guint i = 0; i < thidua_body_n_blocks (body); i++)
    {
      const ThiduaBlock *b = thidua_body_get_block (body, i);
      g_ptr_array_add (paragraphs, b->label[0] ? g_strconcat (b->label, " ", b->text, NULL)
                                               : g_strdup (b->text));
    }
  if (html != NULL)
    write_html (plan, body, html);
  if (plan_json != NULL)
    {
      g_autofree char *json = thidua_plan_to_json (plan, FALSE);
      g_file_set_contents (plan_json, json, -1, NULL);
    }
  if (floor_text != NULL)
    {
      g_autoptr(ThiduaLayout) l = thidua_layout_new_for_plan (plan, NULL);
      const ThiduaProfileValues *v = thidua_profile_get_values (thidua_layout_get_profile (l));
      g_autoptr(GString) t = g_string_new (NULL);

      g_string_append_printf (t, "%s\t%g\t%g\t%g\t%g\t%g\t%g\t%g\t%g\t%g\t%g\n",
                              v->font_family, v->body_size,
                              THIDUA_MM_TO_PT (v->page_width_mm), THIDUA_MM_TO_PT (v->page_height_mm),
                              THIDUA_MM_TO_PT (v->margin_left_mm), THIDUA_MM_TO_PT (v->margin_right_mm),
                              THIDUA_MM_TO_PT (v->margin_top_mm), THIDUA_MM_TO_PT (v->margin_bottom_mm),
                              THIDUA_MM_TO_PT (v->body_first_line_indent_mm),
                              v->body_line_spacing, v->body_paragraph_space_pt);
      for (guint i = 0; i < paragraphs->len; i++)
        {
          g_autofree char *one = g_strdelimit (g_strdup (paragraphs->pdata[i]), "\n", ' ');
          g_string_append_printf (t, "%s\n", one);
        }
      g_file_set_contents (floor_text, t->str, (gssize) t->len, NULL);
    }

  tmpdir = g_dir_make_tmp ("thidua-bench-XXXXXX", &error);
  g_assert_no_error (error);
  out_thidua = pdf ? g_strdup (pdf) : g_build_filename (tmpdir, "thidua.pdf", NULL);
  out_floor = g_build_filename (tmpdir, "floor.pdf", NULL);

  /* Warm the font map for both. */
  {
    g_autoptr(ThiduaLayout) warm = thidua_layout_new_for_plan (plan, NULL);
    thidua_render_to_pdf (warm, plan, out_thidua, NULL);
    floor_render (thidua_profile_get_values (thidua_layout_get_profile (warm)), paragraphs, out_floor);
  }
  if (floor_fonts != NULL)
    write_pdf_fonts (out_thidua, floor_fonts);

  for (int r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double dt;

      {
        g_autoptr(ThiduaLayout) l = thidua_layout_new_for_plan (plan, &error);
        g_assert_no_error (error);
        thidua_render_to_pdf (l, plan, out_thidua, &error);
        g_assert_no_error (error);
        if (r == 0)
          layout = g_object_ref (l);
      }
      dt = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (t_thidua, dt);

      t0 = g_get_monotonic_time ();
      floor_render (thidua_profile_get_values (thidua_layout_get_profile (layout)), paragraphs, out_floor);
      dt = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (t_floor, dt);
    }
  n_pages = thidua_layout_get_n_pages (layout);

  /* The live preview: one paragraph edited, then the whole plan again. */
  edited = g_strdup (thidua_plan_get_body (plan));
  p = strstr (edited + strlen (edited) / 2, "\n");
  g_assert_nonnull (p);
  for (int r = 0; r < runs * 4; r++)
    {
      gint64 t0;
      double dt;

      /* Alternate the edit so the changed paragraph is never in the cache. */
      {
        g_autofree char *text = g_strdup_printf ("%.*s thêm %d%s", (int) (p - edited), edited, r, p);
        thidua_plan_set_body (plan, text);
      }
      t0 = g_get_monotonic_time ();
      thidua_layout_update (layout, plan);
      dt = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (t_relayout, dt);
    }
  thidua_layout_get_cache_stats (layout, &reused, &created);

  g_print ("pages\t%u\n", n_pages);
  g_print ("thidua_pdf_ms\t%.1f\n", median (t_thidua));
  g_print ("floor_pdf_ms\t%.1f\n", median (t_floor));
  g_print ("ratio_to_floor\t%.2f\n", median (t_thidua) / median (t_floor));
  g_print ("relayout_ms\t%.2f\n", median (t_relayout));
  g_print ("relayout_cache\treused %u, laid out %u\n", reused, created);

  g_unlink (out_floor);
  if (pdf == NULL)
    g_unlink (out_thidua);
  g_rmdir (tmpdir);
  return 0;
}
