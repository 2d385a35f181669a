/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-word-layout.c — the .docx and .odt exports laid out by LibreOffice
 * (converted to PDF) and read back with poppler, with the position checks
 * the native PDFs get in tests/render/test-render.c (the helpers are the
 * same, copied because that file is its own program): A4 and margins,
 * header columns and rules, centred title, justified body with its
 * first-line indent and ≥ 6 pt between paragraphs over the line step, the
 * closing level and the signer's name under the position, page numbers
 * from page 2. */
#include "config.h"
#include "thidua-export.h"
#include "thidua-layout.h"
#include "thidua-profile-private.h"
#include "thidua-word.h"
#include "../thidua-test-tmp.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#define TOL 1.5   /* pt: LibreOffice rounds to twips and its own metrics */

typedef struct {
  PopplerPage      *page;
  char             *text;
  gunichar         *chars;
  glong             n_chars;
  PopplerRectangle *rects;
  guint             n_rects;
  GList            *attrs;
  double            width, height;
} PdfPage;

typedef struct {
  PopplerDocument *doc;
  GPtrArray       *pages;
} Pdf;

static void
pdf_page_free (PdfPage *p)
{
  g_object_unref (p->page);
  g_free (p->text);
  g_free (p->chars);
  g_free (p->rects);
  poppler_page_free_text_attributes (p->attrs);
  g_free (p);
}

static void
pdf_free (Pdf *pdf)
{
  g_ptr_array_unref (pdf->pages);
  g_object_unref (pdf->doc);
  g_free (pdf);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pdf, pdf_free)

static Pdf *
pdf_open (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  Pdf *pdf = g_new0 (Pdf, 1);

  pdf->doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  pdf->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) pdf_page_free);
  for (int i = 0; i < poppler_document_get_n_pages (pdf->doc); i++)
    {
      PdfPage *p = g_new0 (PdfPage, 1);

      p->page = poppler_document_get_page (pdf->doc, i);
      poppler_page_get_size (p->page, &p->width, &p->height);
      p->text = poppler_page_get_text (p->page);
      p->chars = g_utf8_to_ucs4_fast (p->text, -1, &p->n_chars);
      g_assert_true (poppler_page_get_text_layout (p->page, &p->rects, &p->n_rects));
      p->attrs = poppler_page_get_text_attributes (p->page);
      g_ptr_array_add (pdf->pages, p);
    }
  return pdf;
}

typedef struct {
  gboolean found;
  glong    first, last;
  double   x1, y1, x2, y2;
} Match;

static Match
pdf_find (PdfPage *p, const char *needle)
{
  g_autofree gunichar *n = g_utf8_to_ucs4_fast (needle, -1, NULL);
  g_autoptr(GArray) hay = g_array_new (FALSE, FALSE, sizeof (glong));
  g_autoptr(GArray) pat = g_array_new (FALSE, FALSE, sizeof (gunichar));
  Match m = { FALSE, 0, 0, G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  for (glong i = 0; i < p->n_chars; i++)
    if (!g_unichar_isspace (p->chars[i]))
      g_array_append_val (hay, i);
  for (glong i = 0; n[i]; i++)
    if (!g_unichar_isspace (n[i]))
      g_array_append_val (pat, n[i]);
  for (guint s = 0; pat->len > 0 && s + pat->len <= hay->len; s++)
    {
      guint k = 0;

      while (k < pat->len && p->chars[g_array_index (hay, glong, s + k)] == g_array_index (pat, gunichar, k))
        k++;
      if (k < pat->len)
        continue;
      m.found = TRUE;
      m.first = g_array_index (hay, glong, s);
      m.last = g_array_index (hay, glong, s + pat->len - 1);
      for (guint j = s; j < s + pat->len; j++)
        {
          glong c = g_array_index (hay, glong, j);
          if ((guint) c >= p->n_rects)
            continue;
          m.x1 = MIN (m.x1, p->rects[c].x1);
          m.y1 = MIN (m.y1, p->rects[c].y1);
          m.x2 = MAX (m.x2, p->rects[c].x2);
          m.y2 = MAX (m.y2, p->rects[c].y2);
        }
      break;
    }
  return m;
}

static Match
pdf_find_required (PdfPage *p, const char *needle)
{
  Match m = pdf_find (p, needle);

  if (!m.found)
    g_test_message ("not found on the page: “%s”\n--- page text:\n%s", needle, p->text);
  g_assert_true (m.found);
  return m;
}

static PopplerTextAttributes *
pdf_attrs_at (PdfPage *p, glong offset)
{
  for (GList *l = p->attrs; l; l = l->next)
    {
      PopplerTextAttributes *a = l->data;
      if (a->start_index <= offset && offset <= a->end_index)
        return a;
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
font_is_times (const char *name)
{
  return strstr (name, "LiberationSerif") != NULL || strstr (name, "TimesNewRoman") != NULL ||
         strstr (name, "Times New Roman") != NULL || strstr (name, "Liberation Serif") != NULL;
}

static void
assert_style (PdfPage *p, const Match *m, double size, gboolean bold, gboolean italic)
{
  PopplerTextAttributes *a = pdf_attrs_at (p, m->first);

  if (!font_is_times (a->font_name))
    g_test_message ("font %s", a->font_name);
  g_assert_true (font_is_times (a->font_name));
  g_assert_cmpfloat_with_epsilon (a->font_size, size, 0.1);
  g_assert_cmpint (strstr (a->font_name, "Bold") != NULL, ==, bold);
  g_assert_cmpint (strstr (a->font_name, "Italic") != NULL, ==, italic);
}

static double
centre_x (const Match *m)
{
  return (m->x1 + m->x2) / 2;
}

static double
baseline_of (PdfPage *p, const Match *m)
{
  PopplerTextAttributes *a = pdf_attrs_at (p, m->first);

  return p->rects[m->first].y2 - 0.216 * a->font_size;
}

/* The length (pt) of the longest dark horizontal run through x = cx
 * between y0 and y1 in the rendered page: a rule; 0 when none. */
static double
rule_length (PdfPage *p, double cx, double y0, double y1)
{
  const double scale = 4.0;
  int w = (int) (p->width * scale), h = (int) (p->height * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (surface);
  unsigned char *data;
  int stride, best = 0;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (p->page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
#define DARK(x, y) ((*(guint32 *) (data + (y) * stride + (x) * 4) & 0xff) < 160)
  for (int y = (int) (y0 * scale); y <= (int) (y1 * scale) && y < h; y++)
    {
      int x = (int) (cx * scale), l = x, r = x;

      if (!DARK (x, y))
        continue;
      while (l > 0 && DARK (l - 1, y))
        l--;
      while (r + 1 < w && DARK (r + 1, y))
        r++;
      best = MAX (best, r - l + 1);
    }
#undef DARK
  cairo_surface_destroy (surface);
  return best / scale;
}

/* --- lines of text ---------------------------------------------------- */

typedef struct {
  double x1, x2, y2, size, baseline;
} Line;

static GArray *
page_lines (PdfPage *p)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));

  for (glong c = 0; c < p->n_chars && (guint) c < p->n_rects; c++)
    {
      const PopplerRectangle *r = &p->rects[c];
      Line *l = lines->len ? &g_array_index (lines, Line, lines->len - 1) : NULL;

      if (g_unichar_isspace (p->chars[c]))
        continue;
      if (l == NULL || fabs (l->y2 - r->y2) > 0.8 || r->x1 < l->x2 - 1)
        {
          Line n = { r->x1, r->x2, r->y2, pdf_attrs_at (p, c)->font_size, 0 };
          n.baseline = r->y2 - 0.216 * n.size;
          g_array_append_val (lines, n);
        }
      else
        l->x2 = MAX (l->x2, r->x2);
    }
  return lines;
}

/* --- the plan and its export ------------------------------------------- */

static ThiduaPlan *
load_plan (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), "render", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  ThiduaPlan *plan;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  plan = thidua_plan_new_from_json (contents, -1, &error);
  g_assert_no_error (error);
  return plan;
}

/* The export laid out by LibreOffice: path of the PDF in dir. */
static char *
export_to_pdf (ThiduaPlan *plan, ThiduaLayout *layout, const char *dir, const char *ext)
{
  g_autofree char *doc = g_strdup_printf ("%s/plan.%s", dir, ext);
  g_autofree char *profile = g_build_filename (dir, "lo-profile", NULL);
  g_autofree char *profile_uri = g_filename_to_uri (profile, NULL, NULL);
  g_autofree char *env = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
  g_autofree char *soffice = thidua_word_find_soffice ();
  g_autoptr(GError) error = NULL;
  const char *argv[] = { soffice, env, "--headless", "--norestore", "--convert-to", "pdf",
                         "--outdir", dir, doc, NULL };
  int status;

  g_assert_nonnull (soffice);
  g_assert_true (thidua_export_to_file (layout, plan, doc, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_build_filename (dir, "plan.pdf", NULL);
}

static void
check_margins (const ThiduaProfileValues *v, Pdf *pdf)
{
  double top = THIDUA_MM_TO_PT (v->margin_top_mm), bottom = THIDUA_MM_TO_PT (v->margin_bottom_mm);
  double left = THIDUA_MM_TO_PT (v->margin_left_mm), right = THIDUA_MM_TO_PT (v->margin_right_mm);

  for (guint i = 0; i < pdf->pages->len; i++)
    {
      PdfPage *p = g_ptr_array_index (pdf->pages, i);
      Match draft = pdf_find (p, "DỰ THẢO");

      g_assert_cmpfloat_with_epsilon (p->width, 595.28, 0.5);
      g_assert_cmpfloat_with_epsilon (p->height, 841.89, 0.5);
      for (glong c = 0; c < p->n_chars && (guint) c < p->n_rects; c++)
        {
          const PopplerRectangle *r = &p->rects[c];

          if (g_unichar_isspace (p->chars[c]))
            continue;
          g_assert_cmpfloat (r->y2, <=, p->height - bottom + TOL);
          if (r->y1 < top - TOL)
            {
              /* the top margin: the page number from page 2, the draft
               * marking on every page (right-aligned in the header) */
              if (draft.found && c >= draft.first && c <= draft.last)
                continue;
              g_assert_cmpuint (i, >=, 1);
              g_assert_true (g_unichar_isdigit (p->chars[c]));
              continue;
            }
          g_assert_cmpfloat (r->x1, >=, left - TOL);
          g_assert_cmpfloat (r->x2, <=, p->width - right + TOL);
        }
    }
}

static void
check_header (const ThiduaProfileValues *v, ThiduaPlan *plan, ThiduaLayout *layout, Pdf *pdf)
{
  PdfPage *p = g_ptr_array_index (pdf->pages, 0);
  double ml = THIDUA_MM_TO_PT (v->margin_left_mm), mr = THIDUA_MM_TO_PT (v->margin_right_mm);
  double split = ml + THIDUA_MM_TO_PT (v->header_left_column_mm);
  double text_centre = ml + (p->width - ml - mr) / 2;
  double right_centre = (split + p->width - mr) / 2;
  const char *issuing = thidua_plan_get_issuing_body (plan);
  double r_issuing, r_motto, r_subject;
  Match nat, is = { 0 }, num, date, type, subj = { 0 }, last;

  thidua_layout_get_header_rules (layout, &r_issuing, &r_motto, &r_subject);
  nat = pdf_find_required (p, v->national_name_text);
  assert_style (p, &nat, v->national_name_size, TRUE, FALSE);
  g_assert_cmpfloat (nat.x1, >=, split - TOL);
  g_assert_cmpfloat_with_epsilon (centre_x (&nat), right_centre, 2.0);
  last = nat;
  if (v->motto_text[0] != '\0')
    {
      last = pdf_find_required (p, v->motto_text);
      assert_style (p, &last, v->motto_size, TRUE, FALSE);
      g_assert_cmpfloat_with_epsilon (centre_x (&last), right_centre, 2.0);
    }
  /* the rule under the motto, as long as the pages draw it */
  g_assert_cmpfloat_with_epsilon (rule_length (p, right_centre, last.y2, last.y2 + 8), r_motto, 3.0);

  if (thidua_plan_get_superior_body (plan)[0] != '\0')
    {
      Match m = pdf_find_required (p, thidua_plan_get_superior_body (plan));
      assert_style (p, &m, v->superior_body_size, FALSE, FALSE);
      g_assert_cmpfloat (m.x2, <=, split + TOL);
      g_assert_cmpfloat_with_epsilon (centre_x (&m), (ml + split) / 2, 2.0);
    }
  if (issuing[0] != '\0')
    {
      is = pdf_find_required (p, issuing);
      assert_style (p, &is, v->issuing_body_size, TRUE, FALSE);
      g_assert_cmpfloat_with_epsilon (centre_x (&is), (ml + split) / 2, 2.0);
      if (v->issuing_body_mark == THIDUA_MARK_RULE)
        {
          g_assert_cmpfloat_with_epsilon (rule_length (p, (ml + split) / 2, is.y2, is.y2 + 8), r_issuing, 3.0);
        }
      else
        {
          Match star = pdf_find_required (p, "*");
          g_assert_cmpfloat (star.y1, >, is.y1);
        }
    }

  num = pdf_find_required (p, v->number_prefix);
  assert_style (p, &num, v->number_size, FALSE, FALSE);
  g_assert_cmpfloat (num.x2, <=, split + TOL);
  date = pdf_find_required (p, "ngày");
  assert_style (p, &date, v->date_size, FALSE, TRUE);
  g_assert_cmpfloat (date.x1, >=, split - TOL);
  g_assert_cmpfloat_with_epsilon (baseline_of (p, &num), baseline_of (p, &date), 1.5);

  type = pdf_find_required (p, thidua_plan_get_type_name (plan));
  assert_style (p, &type, v->type_name_size, TRUE, FALSE);
  g_assert_cmpfloat (type.y1, >, date.y2);
  g_assert_cmpfloat_with_epsilon (centre_x (&type), text_centre, 2.0);
  if (thidua_plan_get_subject (plan)[0] != '\0')
    {
      g_autofree char *first_words = g_utf8_substring (thidua_plan_get_subject (plan), 0, 20);
      subj = pdf_find_required (p, first_words);
      assert_style (p, &subj, v->subject_size, TRUE, FALSE);
      if (v->subject_mark == THIDUA_MARK_RULE)
        {
          /* under the subject's last line */
          GArray *lines = page_lines (p);
          double bottom = subj.y2;

          for (guint i = 0; i < lines->len; i++)
            {
              Line *l = &g_array_index (lines, Line, i);
              if (l->y2 > bottom && l->y2 < bottom + v->subject_size * 1.3 && l->size == v->subject_size)
                bottom = l->y2;
            }
          g_array_unref (lines);
          g_assert_cmpfloat_with_epsilon (rule_length (p, text_centre, bottom, bottom + 10), r_subject, 3.0);
        }
    }
}

/* Justified body with the first-line indent, and at least 6 pt more
 * between paragraphs than between the lines of one. */
static void
check_body (const ThiduaProfileValues *v, Pdf *pdf)
{
  double ml = THIDUA_MM_TO_PT (v->margin_left_mm), mr = THIDUA_MM_TO_PT (v->margin_right_mm);
  double indent = THIDUA_MM_TO_PT (v->body_first_line_indent_mm);
  guint indented_then_full = 0;
  double pitch = G_MAXDOUBLE;
  guint para_gaps = 0;
  /* the second page is body text only */
  PdfPage *p = g_ptr_array_index (pdf->pages, 1);
  g_autoptr(GArray) lines = page_lines (p);
  double top = THIDUA_MM_TO_PT (v->margin_top_mm);

  /* the page number and the draft marking live in the top margin */
  for (guint i = lines->len; i > 0; i--)
    if (g_array_index (lines, Line, i - 1).y2 < top)
      g_array_remove_index (lines, i - 1);

  for (guint i = 0; i + 1 < lines->len; i++)
    {
      Line *a = &g_array_index (lines, Line, i), *b = &g_array_index (lines, Line, i + 1);

      if (a->size != v->body_size || b->size != v->body_size)
        continue;
      pitch = MIN (pitch, b->baseline - a->baseline);
      if (fabs (a->x1 - (ml + indent)) < TOL && fabs (b->x1 - ml) < TOL
          && fabs (a->x2 - (p->width - mr)) < TOL)
        indented_then_full++;
    }
  g_assert_cmpuint (indented_then_full, >=, 1);
  /* the line step: the spacing factor times the font's line height */
  g_assert_cmpfloat_with_epsilon (pitch, v->body_size * 1.149 * v->body_line_spacing, 0.6);
  for (guint i = 0; i + 1 < lines->len; i++)
    {
      Line *a = &g_array_index (lines, Line, i), *b = &g_array_index (lines, Line, i + 1);
      double gap;

      if (a->size != v->body_size || b->size != v->body_size)
        continue;
      gap = b->baseline - a->baseline;
      /* a step is a line step or a paragraph step, nothing between */
      if (gap > pitch + 0.5)
        {
          if (gap < pitch + 5.9)
            g_test_message ("lines at %.1f and %.1f: %.2f pt over the line step", a->baseline, b->baseline, gap - pitch);
          g_assert_cmpfloat (gap, >=, pitch + 5.9);
          para_gaps++;
        }
    }
  g_assert_cmpuint (para_gaps, >=, 1);
}

static void
check_closing (const ThiduaProfileValues *v, ThiduaPlan *plan, Pdf *pdf)
{
  PdfPage *p = g_ptr_array_index (pdf->pages, pdf->pages->len - 1);
  double split = THIDUA_MM_TO_PT (v->margin_left_mm + v->closing_left_column_mm);
  const char *authority = thidua_plan_get_signer_authority (plan);
  const char *position = thidua_plan_get_signer_position (plan);
  const char *name = thidua_plan_get_signer_name (plan);
  Match title, first_sig = { 0 }, pos = { 0 };

  title = pdf_find_required (p, v->recipients_title_text);
  g_assert_cmpfloat (title.x2, <=, split + TOL);
  pos = pdf_find_required (p, position);
  g_assert_cmpfloat (pos.x1, >=, split - TOL);
  first_sig = pos;
  if (authority[0] != '\0')
    {
      g_autofree char *line = g_strconcat (authority, " ", thidua_plan_get_signer_on_behalf_of (plan), NULL);
      first_sig = pdf_find_required (p, line);
      assert_style (p, &first_sig, v->signature_size, TRUE, FALSE);
    }
  /* the closing table's two columns start level */
  g_assert_cmpfloat_with_epsilon (baseline_of (p, &title), baseline_of (p, &first_sig), 1.5);
  {
    const char * const *r = thidua_plan_get_recipients (plan);
    g_autofree char *line = g_strconcat ("- ", r[0], NULL);
    Match m = pdf_find_required (p, line);
    g_assert_cmpfloat (m.y1, >, title.y1);
    g_assert_cmpfloat (m.x2, <=, split + TOL);
  }
  if (name[0] != '\0')
    {
      Match n = pdf_find_required (p, name);

      assert_style (p, &n, v->signature_size, TRUE, FALSE);
      g_assert_cmpfloat_with_epsilon (centre_x (&n), centre_x (&pos), 2.0);
      g_assert_cmpfloat (n.y1 - pos.y2, >=, 3 * v->signature_size * 1.1);
    }
}

static void
check_page_numbers (const ThiduaProfileValues *v, Pdf *pdf)
{
  double top = THIDUA_MM_TO_PT (v->margin_top_mm);
  double ml = THIDUA_MM_TO_PT (v->margin_left_mm), mr = THIDUA_MM_TO_PT (v->margin_right_mm);

  g_assert_cmpuint (pdf->pages->len, >=, 2);
  for (guint i = 0; i < pdf->pages->len; i++)
    {
      PdfPage *p = g_ptr_array_index (pdf->pages, i);
      g_autofree char *num = g_strdup_printf ("%u", i + 1);
      Match m = pdf_find (p, num);

      g_assert_true (pdf_find (p, "DỰ THẢO").found);   /* seeds are drafts */
      if (i == 0)
        {
          for (glong c = 0; c < p->n_chars && (guint) c < p->n_rects; c++)
            if (p->rects[c].y2 < top)
              g_assert_false (g_unichar_isdigit (p->chars[c]));
          continue;
        }
      g_assert_true (m.found);
      g_assert_cmpfloat (m.y2, <, top);
      g_assert_cmpfloat_with_epsilon (centre_x (&m), ml + (p->width - ml - mr) / 2, 2.0);
      /* the number's line centred on page_number.top_mm */
      g_assert_cmpfloat_with_epsilon ((m.y1 + m.y2) / 2, THIDUA_MM_TO_PT (v->page_number_top_mm), 4.0);
      assert_style (p, &m, v->page_number_size, FALSE, FALSE);
    }
}

static void
test_layout (gconstpointer data)
{
  g_auto(GStrv) parts = g_strsplit (data, ":", 2);     /* "seed-004.json:docx" */
  g_autoptr(ThiduaPlan) plan = load_plan (parts[0]);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = thidua_layout_new_for_plan (plan, &error);
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-word-layout");
  g_autofree char *pdf_path = NULL;
  g_autoptr(Pdf) pdf = NULL;
  const ThiduaProfileValues *v;

  g_assert_no_error (error);
  v = thidua_profile_get_values (thidua_layout_get_profile (layout));
  pdf_path = export_to_pdf (plan, layout, dir, parts[1]);
  pdf = pdf_open (pdf_path);
  /* the same number of pages as the native renderer, give or take one */
  g_assert_cmpint (ABS ((int) pdf->pages->len - (int) thidua_layout_get_n_pages (layout)), <=, 1);
  check_margins (v, pdf);
  check_header (v, plan, layout, pdf);
  check_body (v, pdf);
  check_closing (v, plan, pdf);
  check_page_numbers (v, pdf);
  /* properties: title = subject, author = issuing body */
  {
    g_autofree char *title = poppler_document_get_title (pdf->doc);
    g_autofree char *author = poppler_document_get_author (pdf->doc);
    g_assert_cmpstr (title, ==, thidua_plan_get_subject (plan));
    g_assert_cmpstr (author, ==, thidua_plan_get_issuing_body (plan));
  }
  if (g_getenv ("THIDUA_KEEP_PDF"))
    {
      g_autofree char *keep = g_strdup_printf ("%s/%s-%s.pdf", g_getenv ("THIDUA_KEEP_PDF"), parts[0], parts[1]);
      g_autofree char *contents = NULL;
      gsize len;
      g_file_get_contents (pdf_path, &contents, &len, NULL);
      g_file_set_contents (keep, contents, (gssize) len, NULL);
    }
  thidua_test_tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  /* the state, Party and union seeds, each long enough for page 2 */
  static const char *cases[] = {
    "seed-003.json:docx", "seed-003.json:odt",
    "seed-002.json:docx", "seed-002.json:odt",
    "seed-004.json:docx", "seed-004.json:odt",
  };

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/word/layout/%s", cases[i]);
      g_strdelimit (name, ":", '/');
      g_test_add_data_func (name, cases[i], test_layout);
    }
  return g_test_run ();
}
