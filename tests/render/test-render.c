/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-render.c — the printed page, read back from the PDF with poppler.
 *
 * Every plan built from the seeds is rendered to PDF by the same code the
 * app and the CLI use, then checked with an independent parser: page size,
 * margins, fonts, each header component's column, size and style, the
 * centring of the title, page numbers, the closing block, and the text.
 */
#include "config.h"
#include "thidua-layout.h"
#include "thidua-profile-private.h"
#include "thidua-render.h"
#include "thidua-issue-check.h"
#include "thidua-paths.h"
#include "thidua-text.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <signal.h>
#include <sys/resource.h>
#endif

#define TOL 1.0   /* pt, for "inside" checks */

/* ------------------------------------------------------------------ */
/* Reading the PDF back                                               */

typedef struct {
  PopplerPage      *page;
  char             *text;
  gunichar         *chars;     /* text as code points: indices match rects */
  glong             n_chars;
  PopplerRectangle *rects;
  guint             n_rects;
  GList            *attrs;     /* PopplerTextAttributes */
  double            width, height;
} PdfPage;

typedef struct {
  PopplerDocument *doc;
  GPtrArray       *pages;      /* PdfPage */
  char            *path;
} Pdf;

static void
pdf_page_free (PdfPage *p)
{
  g_free (p->rects);
  g_free (p->chars);
  g_free (p->text);
  poppler_page_free_text_attributes (p->attrs);
  g_object_unref (p->page);
  g_free (p);
}

static void
pdf_free (Pdf *pdf)
{
  g_ptr_array_unref (pdf->pages);
  g_object_unref (pdf->doc);
  g_unlink (pdf->path);
  g_free (pdf->path);
  g_free (pdf);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pdf, pdf_free)

static Pdf *
pdf_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  Pdf *pdf = g_new0 (Pdf, 1);

  g_assert_no_error (error);
  pdf->path = g_strdup (path);
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

static PdfPage *
pdf_page (Pdf *pdf, guint i)
{
  g_assert_cmpuint (i, <, pdf->pages->len);
  return g_ptr_array_index (pdf->pages, i);
}

typedef struct {
  gboolean found;
  glong    first, last;       /* char offsets */
  double   x1, y1, x2, y2;    /* union of the glyph boxes */
} Match;

/* Finds `needle` in the page's text ignoring white space (the PDF has no
 * spaces where lines wrap, and justified lines stretch them). */
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

      while (k < pat->len &&
             p->chars[g_array_index (hay, glong, s + k)] == g_array_index (pat, gunichar, k))
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
  /* "ABCDEF+LiberationSerif-Bold", "TimesNewRomanPS-BoldMT" */
  return strstr (name, "LiberationSerif") != NULL || strstr (name, "TimesNewRoman") != NULL ||
         strstr (name, "Times New Roman") != NULL || strstr (name, "Liberation Serif") != NULL;
}

static gboolean
font_is_bold (const char *name)
{
  return strstr (name, "Bold") != NULL;
}

static gboolean
font_is_italic (const char *name)
{
  return strstr (name, "Italic") != NULL || strstr (name, "Oblique") != NULL;
}

/* Checks a found component's style: size within 0.1 pt, bold, italic. */
static void
assert_style (PdfPage *p, const Match *m, double size, gboolean bold, gboolean italic)
{
  PopplerTextAttributes *a = pdf_attrs_at (p, m->first);

  g_assert_true (font_is_times (a->font_name));
  g_assert_cmpfloat_with_epsilon (a->font_size, size, 0.1);
  g_assert_cmpint (font_is_bold (a->font_name), ==, bold);
  g_assert_cmpint (font_is_italic (a->font_name), ==, italic);
}

static double
centre_x (const Match *m)
{
  return (m->x1 + m->x2) / 2;
}

/* Poppler's glyph boxes run from the font's ascent to its descent, so the
 * baseline sits a fixed fraction of the size above the box's bottom. */
static double
baseline_of (PdfPage *p, const Match *m)
{
  PopplerTextAttributes *a = pdf_attrs_at (p, m->first);
  glong c = m->first;

  return p->rects[c].y2 - 0.216 * a->font_size;
}

/* All text of the document without white space and without '*' (the
 * inline-markup markers never print). */
static char *
compact (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *q = s; *q; q = g_utf8_next_char (q))
    {
      gunichar c = g_utf8_get_char (q);
      if (!g_unichar_isspace (c) && c != '*')
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Fixtures                                                           */

static ThiduaPlan *
load_fixture (const char *name)
{
  const char *dir = g_getenv ("THIDUA_TEST_FIXTURES");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  ThiduaPlan *plan;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, "render", name, NULL);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  plan = thidua_plan_new_from_json (contents, (gssize) len, &error);
  g_assert_no_error (error);
  return plan;
}

static Pdf *
render_pdf (ThiduaLayout *layout, ThiduaPlan *plan)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpl = NULL;
  int fd = g_file_open_tmp ("thidua-render-XXXXXX.pdf", &tmpl, &error);

  g_assert_no_error (error);
  g_close (fd, NULL);
  thidua_render_to_pdf (layout, plan, tmpl, &error);
  g_assert_no_error (error);
  return pdf_open (tmpl);
}

/* ------------------------------------------------------------------ */
/* Profiles                                                           */

static char *
read_profile_text (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = thidua_paths_find_data ("profiles", file, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The state profile with one member changed (value NULL removes it). */
static char *
edited_profile (const char *group, const char *member, JsonNode *value)
{
  g_autofree char *text = read_profile_text ("state");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *obj;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  obj = json_node_get_object (json_parser_get_root (parser));
  if (group != NULL)
    obj = json_object_get_object_member (obj, group);
  if (value == NULL)
    json_object_remove_member (obj, member);
  else
    json_object_set_member (obj, member, value);
  json_generator_set_root (gen, json_parser_get_root (parser));
  return json_generator_to_data (gen, NULL);
}

static void
test_profile_builtin (void)
{
  const char *names[] = { "state", "party", "union" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThiduaProfile) profile = thidua_profile_load (names[i], &error);
      double top, bottom, left, right, v;

      g_assert_no_error (error);
      g_assert_cmpstr (thidua_profile_get_name (profile), ==, names[i]);
      g_assert_cmpfloat_with_epsilon (thidua_profile_get_page_width (profile), 595.28, 0.01);
      g_assert_cmpfloat_with_epsilon (thidua_profile_get_page_height (profile), 841.89, 0.01);
      thidua_profile_get_margins (profile, &top, &bottom, &left, &right);
      g_assert_cmpfloat (left, >=, THIDUA_MM_TO_PT (30) - 0.01);
      g_assert_cmpfloat (right, >=, THIDUA_MM_TO_PT (15) - 0.01);
      g_assert_true (thidua_profile_lookup_number (profile, "body.size", &v));
      g_assert_cmpfloat (v, >=, 13);
      g_assert_cmpstr (thidua_profile_get_ending_mark (profile), ==, "./.");
    }
}

static void
assert_profile_rejected (const char *json, ThiduaProfileError code, const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaProfile) profile = thidua_profile_load_from_data (json, NULL, &error);

  g_assert_null (profile);
  g_assert_error (error, THIDUA_PROFILE_ERROR, (int) code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, key));
}

static void
test_profile_missing_key (void)
{
  g_autofree char *a = edited_profile ("body", "size", NULL);
  g_autofree char *b = edited_profile ("margin", "left_mm", NULL);
  g_autofree char *c = edited_profile (NULL, "recipients", NULL);

  assert_profile_rejected (a, THIDUA_PROFILE_ERROR_MISSING_KEY, "“body.size”");
  assert_profile_rejected (b, THIDUA_PROFILE_ERROR_MISSING_KEY, "“margin.left_mm”");
  assert_profile_rejected (c, THIDUA_PROFILE_ERROR_MISSING_KEY, "“recipients.");
}

static void
test_profile_out_of_range (void)
{
  g_autofree char *a = edited_profile ("body", "size", json_node_init_double (json_node_alloc (), 18));
  g_autofree char *b = edited_profile ("margin", "left_mm", json_node_init_int (json_node_alloc (), 10));
  g_autofree char *c = edited_profile ("body", "line_spacing", json_node_init_double (json_node_alloc (), 2.5));
  g_autofree char *d = edited_profile ("body", "size", json_node_init_string (json_node_alloc (), "14"));
  g_autofree char *e = edited_profile ("body", "sise", json_node_init_int (json_node_alloc (), 14));
  g_autofree char *f = edited_profile ("title", "subject", json_node_init_int (json_node_alloc (), 1));
  g_autofree char *ok = edited_profile ("body", "size", json_node_init_int (json_node_alloc (), 13));
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaProfile) profile = NULL;

  assert_profile_rejected (a, THIDUA_PROFILE_ERROR_OUT_OF_RANGE, "“body.size”");
  assert_profile_rejected (b, THIDUA_PROFILE_ERROR_OUT_OF_RANGE, "“margin.left_mm”");
  assert_profile_rejected (c, THIDUA_PROFILE_ERROR_OUT_OF_RANGE, "“body.line_spacing”");
  assert_profile_rejected (d, THIDUA_PROFILE_ERROR_BAD_TYPE, "“body.size”");
  assert_profile_rejected (e, THIDUA_PROFILE_ERROR_UNKNOWN_KEY, "“body.sise”");
  assert_profile_rejected (f, THIDUA_PROFILE_ERROR_MISSING_KEY, "“title.subject.size”");

  /* A change inside the range is accepted and used. */
  profile = thidua_profile_load_from_data (ok, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (thidua_profile_get_values (profile)->body_size, ==, 13);
}

static void
test_profile_file_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaProfile) a = thidua_profile_load ("nosuch", &error);
  g_autofree char *tmp = NULL;
  int fd;

  g_assert_null (a);
  g_assert_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Broken JSON names the file and the place. */
  fd = g_file_open_tmp ("thidua-profile-XXXXXX.json", &tmp, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (tmp, "{ \"name\": \"state\",\n  \"page\": }", -1, &error);
  g_assert_no_error (error);
  a = thidua_profile_load_from_file (tmp, &error);
  g_assert_null (a);
  g_assert_error (error, THIDUA_PROFILE_ERROR, THIDUA_PROFILE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, tmp));
  g_unlink (tmp);
}

/* ------------------------------------------------------------------ */
/* Seeds                                                              */

static void
check_margins (ThiduaProfile *profile, Pdf *pdf)
{
  double top, bottom, left, right;

  thidua_profile_get_margins (profile, &top, &bottom, &left, &right);
  for (guint i = 0; i < pdf->pages->len; i++)
    {
      PdfPage *p = pdf_page (pdf, i);

      /* A4 */
      g_assert_cmpfloat_with_epsilon (p->width, 595.28, 0.5);
      g_assert_cmpfloat_with_epsilon (p->height, 841.89, 0.5);

      for (glong c = 0; c < p->n_chars && (guint) c < p->n_rects; c++)
        {
          const PopplerRectangle *r = &p->rects[c];

          if (g_unichar_isspace (p->chars[c]))
            continue;
          g_assert_cmpfloat (r->x1, >=, left - TOL);
          g_assert_cmpfloat (r->x2, <=, p->width - right + TOL);
          g_assert_cmpfloat (r->y2, <=, p->height - bottom + TOL);
          /* Only the page number lives in the top margin, from page 2,
           * and the draft marking ("DỰ THẢO", right half) on every page. */
          if (r->y1 < top - TOL
              && !(r->x1 > p->width / 2 && (g_unichar_isupper (p->chars[c])
                                            || g_unichar_isdigit (p->chars[c]))))
            {
              g_assert_cmpuint (i, >=, 1);
              g_assert_true (g_unichar_isdigit (p->chars[c]));
            }
        }
    }
}

static void
check_fonts (ThiduaProfile *profile, Pdf *pdf)
{
  PopplerFontInfo *info = poppler_font_info_new (pdf->doc);
  PopplerFontsIter *iter = NULL;
  g_autoptr(GHashTable) sizes = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint n_fonts = 0;
  int best_size = 0;
  guint best_count = 0;
  GHashTableIter hi;
  gpointer k, val;

  while (poppler_font_info_scan (info, (int) pdf->pages->len, &iter))
    {
      if (iter == NULL)
        break;
      do
        {
          const char *name = poppler_fonts_iter_get_name (iter);

          g_assert_nonnull (name);
          g_assert_true (font_is_times (name));
          g_assert_true (poppler_fonts_iter_is_embedded (iter));
          g_assert_true (poppler_fonts_iter_is_subset (iter));
          n_fonts++;
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
      iter = NULL;
    }
  g_object_unref (info);
  g_assert_cmpuint (n_fonts, >, 0);

  /* The body is most of the text: its size is the most common one. */
  for (guint i = 0; i < pdf->pages->len; i++)
    for (GList *l = pdf_page (pdf, i)->attrs; l; l = l->next)
      {
        PopplerTextAttributes *a = l->data;
        int size = (int) (a->font_size * 10 + 0.5);
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (sizes, GINT_TO_POINTER (size)));

        g_assert_true (font_is_times (a->font_name));
        g_hash_table_insert (sizes, GINT_TO_POINTER (size),
                             GUINT_TO_POINTER (count + (guint) (a->end_index - a->start_index + 1)));
      }
  g_hash_table_iter_init (&hi, sizes);
  while (g_hash_table_iter_next (&hi, &k, &val))
    if (GPOINTER_TO_UINT (val) > best_count)
      {
        best_count = GPOINTER_TO_UINT (val);
        best_size = GPOINTER_TO_INT (k);
      }
  g_assert_cmpfloat (best_size / 10.0, >=, 13);
  g_assert_cmpfloat (best_size / 10.0, <=, 15);
  g_assert_cmpfloat_with_epsilon (best_size / 10.0, thidua_profile_get_values (profile)->body_size, 0.05);
}

static void
check_header (ThiduaProfile *profile, ThiduaPlan *plan, Pdf *pdf)
{
  const ThiduaProfileValues *v = thidua_profile_get_values (profile);
  PdfPage *p = pdf_page (pdf, 0);
  double ml = THIDUA_MM_TO_PT (v->margin_left_mm);
  double mr = THIDUA_MM_TO_PT (v->margin_right_mm);
  double split = ml + THIDUA_MM_TO_PT (v->header_left_column_mm);
  double text_centre = ml + (p->width - ml - mr) / 2;
  const char *superior = thidua_plan_get_superior_body (plan);
  const char *issuing = thidua_plan_get_issuing_body (plan);
  Match nat, motto, m = { 0 }, num, date, type;

  /* Right column: national name (and motto), bold. */
  nat = pdf_find_required (p, v->national_name_text);
  g_assert_cmpfloat (nat.x1, >=, split - TOL);
  assert_style (p, &nat, v->national_name_size, TRUE, FALSE);
  if (v->motto_text[0] != '\0')
    {
      motto = pdf_find_required (p, v->motto_text);
      g_assert_cmpfloat (motto.x1, >=, split - TOL);
      g_assert_cmpfloat (motto.y1, >, nat.y1);
      assert_style (p, &motto, v->motto_size, TRUE, FALSE);
      g_assert_cmpfloat_with_epsilon (centre_x (&motto), centre_x (&nat), 2.0);
    }
  else
    motto = nat;

  /* Left column: superior body regular over issuing body bold. */
  if (superior[0] != '\0')
    {
      m = pdf_find_required (p, superior);
      g_assert_cmpfloat (m.x2, <=, split + TOL);
      assert_style (p, &m, v->superior_body_size, FALSE, FALSE);
      g_assert_cmpfloat_with_epsilon (centre_x (&m), (ml + split) / 2, 2.0);
    }
  if (issuing[0] != '\0')
    {
      Match is = pdf_find_required (p, issuing);
      g_assert_cmpfloat (is.x2, <=, split + TOL);
      assert_style (p, &is, v->issuing_body_size, TRUE, FALSE);
      g_assert_cmpfloat_with_epsilon (centre_x (&is), (ml + split) / 2, 2.0);
      if (superior[0] != '\0')
        g_assert_cmpfloat (is.y1, >, m.y1);
      if (v->issuing_body_mark == THIDUA_MARK_STAR)
        {
          Match star = pdf_find_required (p, "*");
          g_assert_cmpfloat (star.y1, >, is.y1);
          g_assert_cmpfloat_with_epsilon (centre_x (&star), (ml + split) / 2, 2.0);
        }
    }

  /* Number line in the left column, level with the italic date line
   * centred under the motto. */
  {
    g_autofree char *symbol_part = g_strconcat (v->number_separator, thidua_plan_get_symbol (plan), NULL);
    g_autofree char *year = g_strdup_printf ("năm %u", thidua_plan_get_year (plan));

    num = pdf_find_required (p, v->number_prefix);
    g_assert_cmpfloat (num.x2, <=, split + TOL);
    assert_style (p, &num, v->number_size, FALSE, FALSE);
    m = pdf_find_required (p, symbol_part);
    g_assert_cmpfloat (m.x2, <=, split + TOL);
    if (thidua_plan_get_number (plan)[0] == '\0')
      g_assert_cmpfloat (m.x1 - num.x2, >=, 12.0);   /* room to write the number */
    else
      {
        g_autofree char *whole = g_strdup_printf ("%s%s", thidua_plan_get_number (plan), symbol_part);
        pdf_find_required (p, whole);
      }

    date = pdf_find_required (p, "ngày");
    g_assert_cmpfloat (date.x1, >=, split - TOL);
    assert_style (p, &date, v->date_size, FALSE, TRUE);
    m = pdf_find_required (p, year);
    g_assert_cmpfloat_with_epsilon (baseline_of (p, &num), baseline_of (p, &date), 1.5);
    g_assert_cmpfloat_with_epsilon (baseline_of (p, &m), baseline_of (p, &date), 1.5);
    if (thidua_plan_get_place (plan)[0] != '\0')
      {
        Match place = pdf_find_required (p, thidua_plan_get_place (plan));
        Match whole = { 0 };

        whole.x1 = place.x1;
        whole.x2 = m.x2;
        /* The place-and-date line is centred under the motto. */
        g_assert_cmpfloat_with_epsilon (centre_x (&whole), centre_x (&motto), 2.0);
      }
  }

  /* Type name centred on the text width, below the header. */
  type = pdf_find_required (p, thidua_plan_get_type_name (plan));
  g_assert_cmpfloat (type.y1, >, date.y2);
  g_assert_cmpfloat_with_epsilon (centre_x (&type), text_centre, 2.0);
  assert_style (p, &type, v->type_name_size, TRUE, FALSE);
  if (thidua_plan_get_subject (plan)[0] != '\0')
    {
      m = pdf_find_required (p, thidua_plan_get_subject (plan));
      g_assert_cmpfloat (m.y1, >, type.y1);
      g_assert_cmpfloat_with_epsilon (centre_x (&m), text_centre, 2.0);
      assert_style (p, &m, v->subject_size, TRUE, FALSE);
    }
}

static void
check_page_numbers (ThiduaProfile *profile, Pdf *pdf)
{
  double top, left, right;

  thidua_profile_get_margins (profile, &top, NULL, &left, &right);
  for (guint i = 0; i < pdf->pages->len; i++)
    {
      PdfPage *p = pdf_page (pdf, i);
      g_autofree char *num = g_strdup_printf ("%u", i + 1);
      Match m = pdf_find (p, num);
      gboolean in_margin = FALSE;

      /* The draft marking (upper case, right half) is not a page number. */
      for (glong c = 0; c < p->n_chars && (guint) c < p->n_rects; c++)
        if (!g_unichar_isspace (p->chars[c]) && p->rects[c].y2 < top
            && !(p->rects[c].x1 > p->width / 2 && g_unichar_isupper (p->chars[c])))
          in_margin = TRUE;
      if (i == 0)
        {
          g_assert_false (in_margin);
          continue;
        }
      g_assert_true (in_margin);
      g_assert_true (m.found);
      g_assert_cmpfloat (m.y2, <, top);
      g_assert_cmpfloat_with_epsilon (centre_x (&m), left + (p->width - left - right) / 2, 2.0);
      assert_style (p, &m, thidua_profile_get_values (profile)->page_number_size, FALSE, FALSE);
    }
}

/* Poppler does not report Pango's underlines as such: look for a dark row
 * across the text just under its baseline in the rendered page. */
static gboolean
has_underline (PdfPage *p, const Match *m)
{
  const double scale = 4.0;
  int w = (int) (p->width * scale), h = (int) (p->height * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (surface);
  double base = baseline_of (p, m);
  gboolean found = FALSE;
  unsigned char *data;
  int stride;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (p->page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  for (int y = (int) ((base + 0.3) * scale); y <= (int) ((base + 4.0) * scale) && !found; y++)
    {
      int dark = 0, total = 0;

      for (int x = (int) (m->x1 * scale) + 2; x < (int) (m->x2 * scale) - 2; x++)
        {
          guint32 px = *(guint32 *) (data + y * stride + x * 4);
          total++;
          if ((px & 0xff) < 128)
            dark++;
        }
      found = total > 0 && dark >= total * 9 / 10;
    }
  cairo_surface_destroy (surface);
  return found;
}

static void
check_closing (ThiduaProfile *profile, ThiduaPlan *plan, Pdf *pdf)
{
  const ThiduaProfileValues *v = thidua_profile_get_values (profile);
  PdfPage *p = pdf_page (pdf, pdf->pages->len - 1);
  const char * const *recipients = thidua_plan_get_recipients (plan);
  const char *authority = thidua_plan_get_signer_authority (plan);
  const char *position = thidua_plan_get_signer_position (plan);
  const char *name = thidua_plan_get_signer_name (plan);
  double split = THIDUA_MM_TO_PT (v->margin_left_mm + v->closing_left_column_mm);
  Match title, first_sig = { 0 }, pos = { 0 };

  if (recipients == NULL || recipients[0] == NULL)
    return;

  title = pdf_find_required (p, v->recipients_title_text);
  {
    PopplerTextAttributes *a = pdf_attrs_at (p, title.first);
    g_assert_cmpfloat_with_epsilon (a->font_size, v->recipients_title_size, 0.1);
    g_assert_cmpint (font_is_bold (a->font_name), ==, v->recipients_title_bold);
    g_assert_cmpint (font_is_italic (a->font_name), ==, v->recipients_title_italic);
    g_assert_cmpint (has_underline (p, &title), ==, v->recipients_title_underline);
  }
  for (guint i = 0; recipients[i] != NULL; i++)
    {
      g_autofree char *line = g_strconcat ("- ", recipients[i], NULL);
      Match r = pdf_find_required (p, line);

      g_assert_cmpfloat (r.y1, >, title.y1);
      g_assert_cmpfloat (r.x2, <=, split + TOL);
      assert_style (p, &r, v->recipients_size, FALSE, FALSE);
    }

  if (position[0] != '\0')
    {
      pos = pdf_find_required (p, position);
      g_assert_cmpfloat (pos.x1, >=, split - TOL);
      first_sig = pos;
    }
  if (authority[0] != '\0')
    {
      g_autofree char *line = g_strconcat (authority, " ", thidua_plan_get_signer_on_behalf_of (plan), NULL);
      first_sig = pdf_find_required (p, line);
      assert_style (p, &first_sig, v->signature_size, TRUE, FALSE);
      g_assert_cmpfloat (first_sig.y1, <, pos.y1);
    }
  if (first_sig.found)
    {
      /* "Nơi nhận:" level with the authority line (or the position). */
      g_assert_cmpfloat_with_epsilon (baseline_of (p, &title), baseline_of (p, &first_sig), 1.5);
    }
  if (name[0] != '\0')
    {
      Match n = pdf_find_required (p, name);
      double line = v->signature_size * 1.1;

      assert_style (p, &n, v->signature_size, TRUE, FALSE);
      g_assert_cmpfloat_with_epsilon (centre_x (&n), centre_x (&pos), 2.0);
      /* At least three blank lines for the signature and the seal. */
      g_assert_cmpfloat (n.y1 - pos.y2, >=, 3 * line);
    }
}

static void
check_text (ThiduaPlan *plan, Pdf *pdf)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *printed = NULL;
  g_autofree char *body = compact (thidua_plan_get_body (plan));
  g_autofree char *nfc = NULL;

  for (guint i = 0; i < pdf->pages->len; i++)
    {
      PdfPage *p = pdf_page (pdf, i);
      g_auto(GStrv) lines = g_strsplit (p->text, "\n", -1);
      g_autoptr(GString) kept = g_string_new (NULL);
      const char *text;

      /* The draft marking is on every page of a plan not issued: its own
       * line, wherever the text extraction puts it. */
      for (guint l = 0; lines[l] != NULL; l++)
        if (!g_str_has_prefix (lines[l], "DỰ THẢO"))
          {
            g_string_append (kept, lines[l]);
            if (lines[l + 1] != NULL)
              g_string_append_c (kept, '\n');
          }
      text = kept->str;
      /* The page number is the first line from page 2 on. */
      if (i > 0)
        {
          g_autofree char *num = g_strdup_printf ("%u\n", i + 1);
          g_assert_true (g_str_has_prefix (text, num));
          text += strlen (num);
        }
      g_string_append (all, text);
    }
  nfc = g_utf8_normalize (all->str, -1, G_NORMALIZE_NFC);
  g_assert_cmpstr (nfc, ==, all->str);

  printed = compact (all->str);
  if (strstr (printed, body) == NULL)
    {
      g_test_message ("body:\n%s\nprinted:\n%s", body, printed);
      g_assert_nonnull (strstr (printed, body));
    }
}

static void
test_seed (gconstpointer data)
{
  const char *fixture = data;
  g_autoptr(ThiduaPlan) plan = load_fixture (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = thidua_layout_new_for_plan (plan, &error);
  g_autoptr(Pdf) pdf = NULL;
  ThiduaProfile *profile;

  g_assert_no_error (error);
  profile = thidua_layout_get_profile (layout);
  g_assert_cmpstr (thidua_profile_get_name (profile), ==,
                   thidua_profile_kind_to_string (thidua_plan_get_profile (plan)));
  pdf = render_pdf (layout, plan);
  g_assert_cmpuint (pdf->pages->len, ==, thidua_layout_get_n_pages (layout));
  g_assert_cmpuint (pdf->pages->len, >=, 1);

  check_margins (profile, pdf);
  check_fonts (profile, pdf);
  check_header (profile, plan, pdf);
  check_page_numbers (profile, pdf);
  check_closing (profile, plan, pdf);
  check_text (plan, pdf);
}

/* Every built-in template (data/templates) renders inside the margins;
 * those with a body pass the whole seed check. */
static void
test_templates (void)
{
  g_autofree char *dir_path = thidua_paths_find_data ("templates", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  const char *name;
  guint n = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(ThiduaPlan) plan = NULL;
      g_autoptr(ThiduaLayout) layout = NULL;
      g_autoptr(Pdf) pdf = NULL;
      JsonNode *plan_node;
      ThiduaProfile *profile;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_test_message ("template %s", name);
      path = g_build_filename (dir_path, name, NULL);
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      plan_node = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "plan");
      g_assert_nonnull (plan_node);
      plan = thidua_plan_new_from_json_node (plan_node, &error);
      g_assert_no_error (error);

      layout = thidua_layout_new_for_plan (plan, &error);
      g_assert_no_error (error);
      profile = thidua_layout_get_profile (layout);
      pdf = render_pdf (layout, plan);
      check_margins (profile, pdf);
      check_page_numbers (profile, pdf);
      check_text (plan, pdf);
      /* The header check reads the date line: templates left undated
       * (dated when used) are checked for text and pages only. */
      if (strlen (thidua_plan_get_body (plan)) > 1000 && thidua_plan_get_year (plan) != 0)
        {
          check_fonts (profile, pdf);
          check_header (profile, plan, pdf);
          check_closing (profile, plan, pdf);
        }
      n++;
    }
  g_assert_cmpuint (n, >=, 4);
}

/* ------------------------------------------------------------------ */
/* Pagination                                                         */

static ThiduaPlan *
long_plan (guint sections)
{
  static const char *roman[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII" };
  const char *words[] = { "thi", "đua", "phong", "trào", "cán", "bộ", "viên", "chức", "thực",
                          "hiện", "kế", "hoạch", "năm", "học", "nhiệm", "vụ", "khen", "thưởng" };
  g_autoptr(GString) body = g_string_new (NULL);
  const char *recipients[] = { "Ban TĐKT tỉnh;", "Các phòng, ban;", "Lưu: VT, TĐKT.", NULL };
  ThiduaPlan *plan = thidua_plan_new ();
  guint seed = 7;

  g_assert_cmpuint (sections, <=, G_N_ELEMENTS (roman));
  for (guint s = 0; s < sections; s++)
    {
      g_string_append_printf (body, "%s. NỘI DUNG THI ĐUA PHẦN %u\n", roman[s], s + 1);
      for (guint item = 1; item <= 3; item++)
        {
          g_string_append_printf (body, "%u. Nhiệm vụ trọng tâm số %u\n", item, item);
          for (guint para = 0; para < 2; para++)
            {
              /* Paragraphs of 1 to 7 lines, so breaks fall everywhere. */
              guint n_words = 8 + (seed = seed * 1103515245 + 12345) % 90;

              g_string_append (body, "Các đơn vị");
              for (guint w = 0; w < n_words; w++)
                {
                  seed = seed * 1103515245 + 12345;
                  g_string_append_printf (body, " %s", words[(seed >> 16) % G_N_ELEMENTS (words)]);
                }
              g_string_append (body, para == 1 && item == 3 && s == sections - 1 ? "./.\n" : ".\n");
            }
        }
    }

  thidua_plan_set_profile (plan, THIDUA_PROFILE_STATE);
  thidua_plan_set_superior_body (plan, "UBND TỈNH ĐIỆN BIÊN");
  thidua_plan_set_issuing_body (plan, "SỞ Y TẾ");
  thidua_plan_set_number (plan, "215");
  thidua_plan_set_symbol (plan, "KH-SYT");
  thidua_plan_set_place (plan, "Điện Biên");
  thidua_plan_set_date (plan, 8, 2, 2024);
  thidua_plan_set_subject (plan, "Phát động phong trào thi đua năm 2024");
  thidua_plan_set_body (plan, body->str);
  thidua_plan_set_recipients (plan, recipients);
  thidua_plan_set_signer_authority (plan, "KT.");
  thidua_plan_set_signer_on_behalf_of (plan, "GIÁM ĐỐC");
  thidua_plan_set_signer_position (plan, "PHÓ GIÁM ĐỐC");
  thidua_plan_set_signer_name (plan, "Lò Văn Thắng");
  return plan;
}

/* The y of the lowest body line of a page and whether it is bold. */
static gboolean
last_line_is_bold (PdfPage *p, double top)
{
  double max_y = -1;
  glong at = -1;

  for (glong c = 0; c < p->n_chars && (guint) c < p->n_rects; c++)
    if (!g_unichar_isspace (p->chars[c]) && p->rects[c].y1 >= top - TOL && p->rects[c].y2 > max_y)
      {
        max_y = p->rects[c].y2;
        at = c;
      }
  g_assert_cmpint (at, >=, 0);
  return font_is_bold (pdf_attrs_at (p, at)->font_name);
}

static void
test_long_plan (void)
{
  g_autoptr(GError) error = NULL;
  ThiduaLayout *layout = NULL;
  ThiduaProfile *profile;
  g_autoptr(Pdf) pdf = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  double top;
  PdfPage *last;
  Match title;
  gboolean body_above = FALSE;

  /* Try several lengths so the closing lands at different page positions. */
  for (guint sections = 7; sections <= 12; sections++)
    {
      g_clear_object (&layout);
      g_clear_pointer (&pdf, pdf_free);
      g_clear_object (&plan);

      plan = long_plan (sections);
      layout = thidua_layout_new_for_plan (plan, &error);
      g_assert_no_error (error);
      if (thidua_layout_get_n_pages (layout) < 8)
        continue;

      profile = thidua_layout_get_profile (layout);
      thidua_profile_get_margins (profile, &top, NULL, NULL, NULL);
      pdf = render_pdf (layout, plan);
      g_assert_cmpuint (pdf->pages->len, >=, 8);
      check_margins (profile, pdf);
      check_page_numbers (profile, pdf);
      check_closing (profile, plan, pdf);
      check_text (plan, pdf);

      /* No heading (bold in this plan) is the last line of a page. */
      for (guint i = 0; i + 1 < pdf->pages->len; i++)
        g_assert_false (last_line_is_bold (pdf_page (pdf, i), top));

      /* The signature block shares its page with body lines. */
      last = pdf_page (pdf, pdf->pages->len - 1);
      title = pdf_find_required (last, "Nơi nhận:");
      body_above = FALSE;
      for (glong c = 0; c < last->n_chars && (guint) c < last->n_rects; c++)
        if (!g_unichar_isspace (last->chars[c]) && last->rects[c].y1 >= top - TOL &&
            last->rects[c].y2 < title.y1)
          body_above = TRUE;
      g_assert_true (body_above);
      pdf_find_required (last, "Lò Văn Thắng");
    }
  g_assert_nonnull (pdf);
  g_clear_object (&layout);
}

/* ------------------------------------------------------------------ */
/* Document numbers never break                                       */

static void
test_document_numbers (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = NULL;
  g_autoptr(Pdf) pdf = NULL;
  guint whole = 0;

  /* Shift the numbers along the line one letter at a time. */
  for (guint i = 0; i < 60; i++)
    {
      g_string_append (body, "Thực hiện");
      for (guint k = 0; k < i; k++)
        g_string_append (body, k % 2 ? " a" : " i");
      g_string_append (body, " Chỉ thị số 05/CT-TTg và Hướng dẫn số 30-HD/HVCTQG của Học viện.\n");
    }
  thidua_plan_set_profile (plan, THIDUA_PROFILE_PARTY);
  thidua_plan_set_issuing_body (plan, "TRƯỜNG CHÍNH TRỊ");
  thidua_plan_set_subject (plan, "thử ngắt dòng");
  thidua_plan_set_body (plan, body->str);
  layout = thidua_layout_new_for_plan (plan, &error);
  g_assert_no_error (error);
  pdf = render_pdf (layout, plan);

  for (guint i = 0; i < pdf->pages->len; i++)
    {
      g_auto(GStrv) lines = g_strsplit (pdf_page (pdf, i)->text, "\n", -1);

      for (guint l = 0; lines[l]; l++)
        {
          const char *s = lines[l];

          g_assert_false (g_str_has_suffix (s, "05/") || g_str_has_suffix (s, "05/CT-") ||
                          g_str_has_suffix (s, "30-") || g_str_has_suffix (s, "30-HD/"));
          g_assert_false (g_str_has_prefix (s, "CT-TTg") || g_str_has_prefix (s, "TTg") ||
                          g_str_has_prefix (s, "HD/HVCTQG") || g_str_has_prefix (s, "HVCTQG"));
          if (strstr (s, "05/CT-TTg"))
            whole++;
        }
    }
  g_assert_cmpuint (whole, ==, 60);
}

/* ------------------------------------------------------------------ */
/* Warnings                                                           */

static const ThiduaLayoutWarning *
find_warning (ThiduaLayout *layout, const char *field)
{
  GPtrArray *warnings = thidua_layout_get_warnings (layout);

  for (guint i = 0; i < warnings->len; i++)
    {
      const ThiduaLayoutWarning *w = g_ptr_array_index (warnings, i);
      if (g_strcmp0 (w->field, field) == 0)
        return w;
    }
  return NULL;
}

static void
test_warnings (void)
{
  g_autoptr(ThiduaPlan) plan = load_fixture ("seed-003.json");
  g_autoptr(ThiduaPlan) good = long_plan (2);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = thidua_layout_new_for_plan (good, &error);
  const ThiduaLayoutWarning *w;
  const char *no_luu[] = { "UBND huyện;", "Sở GD&ĐT;", NULL };

  g_assert_no_error (error);
  /* A complete plan has nothing to report. */
  g_assert_cmpuint (thidua_layout_get_warnings (layout)->len, ==, 0);

  /* Seed 003 numbers two sections IV. and has no signer's name. */
  thidua_layout_update (layout, plan);
  w = find_warning (layout, "body");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "IV."));
  g_assert_cmpint (w->line, >, 0);
  g_assert_nonnull (find_warning (layout, "signer.name"));
  g_assert_null (find_warning (layout, "recipients"));

  thidua_plan_set_issuing_body (plan, "");
  thidua_plan_set_subject (plan, "");
  thidua_plan_set_recipients (plan, no_luu);
  thidua_plan_set_body (plan, "I. MỤC ĐÍCH\nKhông có dấu kết thúc.");
  thidua_layout_update (layout, plan);
  g_assert_nonnull (find_warning (layout, "issuing_body"));
  g_assert_nonnull (find_warning (layout, "subject"));
  w = find_warning (layout, "recipients");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "Lưu"));
  w = find_warning (layout, "body");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "./."));

  /* A header name too long for its column. */
  thidua_plan_set_issuing_body (plan, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN KHOÁI CHÂU TỈNH HƯNG YÊN "
                                "TRUNG TÂM GIÁO DỤC NGHỀ NGHIỆP GIÁO DỤC THƯỜNG XUYÊN");
  thidua_layout_update (layout, plan);
  g_assert_nonnull (find_warning (layout, "issuing_body"));

  /* The plan switches to the party format: the layout follows, and the
   * party profile has no Lưu rule. */
  thidua_plan_set_profile (plan, THIDUA_PROFILE_PARTY);
  thidua_layout_update (layout, plan);
  g_assert_cmpstr (thidua_profile_get_name (thidua_layout_get_profile (layout)), ==, "party");
  g_assert_null (find_warning (layout, "recipients"));
  g_assert_null (find_warning (layout, "font"));
}

/* A file that cannot be written is named with the system's reason. */
static void
test_write_errors (void)
{
  g_autoptr(ThiduaPlan) plan = long_plan (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = thidua_layout_new_for_plan (plan, &error);
  g_autofree char *dir = g_dir_make_tmp ("thidua-render-XXXXXX", &error);
  g_autofree char *missing = NULL;
  const char *exts[] = { "pdf", "png", "svg" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *name = g_strconcat ("plan.", exts[i], NULL);

      g_clear_pointer (&missing, g_free);
      missing = g_build_filename (dir, "no-such-folder", name, NULL);
      g_assert_false (thidua_render_to_file (layout, plan, missing, 0, 72, &error));
      g_assert_error (error, THIDUA_RENDER_ERROR, THIDUA_RENDER_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, missing));
      g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
      g_clear_error (&error);
    }
  g_rmdir (dir);
}

/* An export that fails half way (here: the file size limit) keeps the
 * previous file byte for byte and leaves no half-written new one. */
static void
test_write_failure_keeps_file (void)
{
#ifdef G_OS_UNIX
  if (g_test_subprocess ())
    {
      g_autoptr(ThiduaPlan) plan = long_plan (8);
      g_autoptr(GError) error = NULL;
      g_autoptr(ThiduaLayout) layout = thidua_layout_new_for_plan (plan, &error);
      g_autofree char *dir = g_dir_make_tmp ("thidua-render-XXXXXX", &error);
      g_autofree char *old = g_build_filename (dir, "old.pdf", NULL);
      g_autofree char *fresh = g_build_filename (dir, "new.pdf", NULL);
      g_autofree char *kept = NULL;
      const char *before = "%PDF-1.5 the export of yesterday\n";
      struct rlimit lim = { 16 * 1024, 16 * 1024 };
      GDir *d;

      g_assert_no_error (error);
      g_file_set_contents (old, before, -1, &error);
      g_assert_no_error (error);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &lim), ==, 0);

      g_assert_false (thidua_render_to_pdf (layout, plan, old, &error));
      g_assert_error (error, THIDUA_RENDER_ERROR, THIDUA_RENDER_ERROR_WRITE);
      g_clear_error (&error);
      g_file_get_contents (old, &kept, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (kept, ==, before);

      g_assert_false (thidua_render_to_pdf (layout, plan, fresh, &error));
      g_clear_error (&error);
      g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));

      /* Nothing else was left in the folder. */
      d = g_dir_open (dir, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (g_dir_read_name (d), ==, "old.pdf");
      g_assert_null (g_dir_read_name (d));
      g_dir_close (d);
      g_remove (old);
      g_rmdir (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
#else
  g_test_skip ("needs RLIMIT_FSIZE");
#endif
}

/* The room to sign between the position and the name, in points. */
static double
signature_room (const char *name)
{
  g_autoptr(ThiduaPlan) plan = long_plan (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = NULL;
  g_autoptr(Pdf) pdf = NULL;
  PdfPage *p;
  Match pos, nm;

  thidua_plan_set_signer_authority (plan, "KT.");
  thidua_plan_set_signer_on_behalf_of (plan, "GIÁM ĐỐC");
  thidua_plan_set_signer_position (plan, "PHÓ GIÁM ĐỐC");
  thidua_plan_set_signer_name (plan, name);
  layout = thidua_layout_new_for_plan (plan, &error);
  g_assert_no_error (error);
  pdf = render_pdf (layout, plan);
  p = pdf_page (pdf, pdf->pages->len - 1);
  pos = pdf_find_required (p, "PHÓ GIÁM ĐỐC");
  nm = pdf_find_required (p, name);
  g_assert_cmpfloat (nm.y1, >, pos.y2);
  return nm.y1 - pos.y2;
}

/* A name long enough to wrap in the right column gets the same room to
 * sign as a short one, not a multiple of it. */
static void
test_signature_room (void)
{
  const char *long_name = "Nguyễn Thị Hồng Nhung Phương Thảo Minh Khai Thanh Xuân Bảo Ngọc";
  double short_room = signature_room ("Lò Văn Thắng");
  double long_room = signature_room (long_name);

  /* Room for the signature and seal: at least three blank 14 pt lines. */
  g_assert_cmpfloat (short_room, >=, 3 * 14.0);
  g_assert_cmpfloat_with_epsilon (long_room, short_room, 1.0);
}

/* Body warnings judge the printed text and every numbered item, not only
 * the outline's headings. */
static guint
count_warnings (ThiduaLayout *layout, const char *field, const char *needle)
{
  GPtrArray *warnings = thidua_layout_get_warnings (layout);
  guint n = 0;

  for (guint i = 0; i < warnings->len; i++)
    {
      const ThiduaLayoutWarning *w = g_ptr_array_index (warnings, i);
      if (g_strcmp0 (w->field, field) == 0 && strstr (w->message, needle) != NULL)
        n++;
    }
  return n;
}

static void
test_body_warnings (void)
{
  g_autoptr(ThiduaPlan) plan = long_plan (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = thidua_layout_new_for_plan (plan, &error);
  const ThiduaLayoutWarning *w;

  g_assert_no_error (error);
  g_assert_cmpuint (thidua_layout_get_warnings (layout)->len, ==, 0);

  /* The ending mark inside bold markers is printed last: nothing to say. */
  thidua_plan_set_body (plan, "I. MỤC ĐÍCH\nĐề nghị các đơn vị **thực hiện nghiêm túc./.**\n");
  thidua_layout_update (layout, plan);
  g_assert_null (find_warning (layout, "body"));

  /* Markers after the text do not hide a missing mark either. */
  thidua_plan_set_body (plan, "I. MỤC ĐÍCH\nĐề nghị các đơn vị **thực hiện nghiêm túc**");
  thidua_layout_update (layout, plan);
  g_assert_cmpuint (count_warnings (layout, "body", "./."), ==, 1);

  /* Lettered items out of order and a numbered sentence that skips one. */
  thidua_plan_set_body (plan,
                        "I. MỤC ĐÍCH\n"
                        "1. Thi đua thực hiện tốt công tác phòng, chống dịch trong cơ quan.\n"
                        "3. Thi đua dạy tốt, học tốt trong điều kiện giãn cách xã hội, "
                        "bảo đảm tiến độ đào tạo của Tỉnh giao.\n"
                        "a) Phạm vi: trong nội bộ cơ quan;\n"
                        "c) Đối tượng: cán bộ, viên chức./.");
  thidua_layout_update (layout, plan);
  g_assert_cmpuint (count_warnings (layout, "body", "repeats or skips"), ==, 2);
  g_assert_cmpuint (count_warnings (layout, "body", "“3. Thi đua dạy tốt"), ==, 1);
  g_assert_cmpuint (count_warnings (layout, "body", "“c) Đối tượng"), ==, 1);
  w = find_warning (layout, "body");
  g_assert_cmpint (w->line, ==, 2);
  /* A long item is named by its first words. */
  g_assert_nonnull (strstr (w->message, "…"));
  g_assert_null (strstr (w->message, "Tỉnh giao"));

  /* In order, nothing is reported. */
  thidua_plan_set_body (plan,
                        "I. MỤC ĐÍCH\n"
                        "1. Thi đua thực hiện tốt công tác phòng, chống dịch trong cơ quan.\n"
                        "2. Thi đua dạy tốt, học tốt.\n"
                        "a) Phạm vi: trong nội bộ cơ quan;\n"
                        "b) Đối tượng: cán bộ, viên chức./.");
  thidua_layout_update (layout, plan);
  g_assert_null (find_warning (layout, "body"));
}

/* A profile whose font is not Times New Roman (nor its metric twin) is
 * reported, never printed silently in another face. */
static void
test_font_warning (void)
{
  g_autofree char *json = edited_profile ("font", "family",
                                          json_node_init_string (json_node_alloc (), "DejaVu Sans"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaProfile) profile = thidua_profile_load_from_data (json, NULL, &error);
  g_autoptr(ThiduaLayout) layout = NULL;
  g_autoptr(ThiduaPlan) plan = long_plan (1);
  const ThiduaLayoutWarning *w;

  g_assert_no_error (error);
  layout = thidua_layout_new (profile);
  thidua_layout_update (layout, plan);
  w = find_warning (layout, "font");
  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "DejaVu Sans"));
  g_assert_cmpstr (thidua_layout_get_font_family_used (layout), !=, "Liberation Serif");
  /* Not an accepted family: the texts still ask for the profile's. */
  g_assert_cmpstr (thidua_layout_get_print_family (layout), ==, "DejaVu Sans");
}

/* A file's bytes with its /CreationDate value blanked (cairo writes the
 * time there); the rest is binary and compared as it is. */
static GBytes *
read_without_date (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len;
  const char *key = "/CreationDate (";
  char *p = NULL;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  for (gsize i = 0; p == NULL && i + strlen (key) <= len; i++)
    if (memcmp (contents + i, key, strlen (key)) == 0)
      p = contents + i;
  g_assert_nonnull (p);
  for (p += strlen (key); p < contents + len && *p != ')'; p++)
    *p = 'X';
  return g_bytes_new_take (contents, len);
}

static void
render_both (ThiduaLayout *layout, ThiduaPlan *plan, const char *dir, const char *name,
             char **pdf_text, GBytes **png)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_strconcat (dir, G_DIR_SEPARATOR_S, name, ".pdf", NULL);
  g_autofree char *image = g_strconcat (dir, G_DIR_SEPARATOR_S, name, ".png", NULL);
  g_autofree char *bytes = NULL;
  gsize len;

  g_assert_true (thidua_render_to_pdf (layout, plan, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (thidua_render_to_file (layout, plan, image, 0, 80, &error));
  g_assert_no_error (error);
  g_file_get_contents (image, &bytes, &len, &error);
  g_assert_no_error (error);
  *png = g_bytes_new (bytes, len);
  *pdf_text = g_strdup (pdf);
}

/* thidua-cli lays out with thidua_layout_new_for_print(): the texts ask
 * for the family fontconfig found and the font map is at 72 dpi, so that
 * Pango's own measuring of each font shares the page's fontconfig look-up
 * (issue 10).  The pages must be the very same as the app's: the same PDF
 * but for its date, the same pixels. */
static void
test_print_layout_same_pages (void)
{
  g_autoptr(ThiduaPlan) plan = load_fixture ("seed-003.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thidua-render-XXXXXX", &error);
  PangoCairoFontMap *map = PANGO_CAIRO_FONT_MAP (pango_cairo_font_map_get_default ());
  double before = pango_cairo_font_map_get_resolution (map);
  g_autofree char *pdf_a = NULL, *pdf_b = NULL;
  g_autoptr(GBytes) text_a = NULL;
  g_autoptr(GBytes) text_b = NULL;
  g_autoptr(GBytes) png_a = NULL;
  g_autoptr(GBytes) png_b = NULL;

  g_assert_no_error (error);
  /* Italic and bold runs in the body: every face of the family is used;
   * characters Liberation Serif lacks come from fontconfig's fallbacks. */
  thidua_plan_set_body (plan, "I. MỤC ĐÍCH\n"
                        "1. Thi đua *dạy tốt*, **học tốt**, ***cả hai***; số 05/CT-TTg.\n"
                        "2. Nội dung ☎ ① ‰ → ≤ 5%.");
  {
    g_autoptr(ThiduaLayout) app = thidua_layout_new_for_plan (plan, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (pango_cairo_font_map_get_resolution (map), ==, before);
    render_both (app, plan, dir, "app", &pdf_a, &png_a);
  }
  {
    g_autoptr(ThiduaLayout) print = thidua_layout_new_for_print (plan, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (pango_cairo_font_map_get_resolution (map), ==, 72.0);
    g_assert_null (find_warning (print, "font"));
    g_assert_cmpstr (thidua_layout_get_print_family (print), ==,
                     thidua_layout_get_font_family_used (print));
    render_both (print, plan, dir, "print", &pdf_b, &png_b);
  }
  text_a = read_without_date (pdf_a);
  text_b = read_without_date (pdf_b);
  g_assert_cmpuint (g_bytes_get_size (text_a), >, 10000);
  g_assert_true (g_bytes_equal (text_a, text_b));
  g_assert_true (g_bytes_equal (png_a, png_b));

  pango_cairo_font_map_set_resolution (map, before);
  g_unlink (pdf_a);
  g_unlink (pdf_b);
  {
    g_autofree char *a = g_strconcat (dir, G_DIR_SEPARATOR_S, "app.png", NULL);
    g_autofree char *b = g_strconcat (dir, G_DIR_SEPARATOR_S, "print.png", NULL);
    g_unlink (a);
    g_unlink (b);
  }
  g_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* Incremental update                                                 */

static void
test_cache (void)
{
  g_autoptr(ThiduaPlan) plan = long_plan (10);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = thidua_layout_new_for_plan (plan, &error);
  g_autofree char *body = NULL;
  guint reused, created, n_pages;
  char *p;

  g_assert_no_error (error);
  n_pages = thidua_layout_get_n_pages (layout);
  thidua_layout_get_cache_stats (layout, &reused, &created);
  g_assert_cmpuint (created, >, 50);

  /* The preview scrolls to the page showing the cursor's paragraph. */
  {
    const char *b = thidua_plan_get_body (plan);
    const char *last = g_strrstr (b, "Các đơn vị");

    g_assert_cmpuint (thidua_layout_get_page_for_body_offset (layout, 0), ==, 0);
    g_assert_cmpuint (thidua_layout_get_page_for_body_offset (layout, (gsize) (last - b)), ==,
                      n_pages - 1);
    g_assert_cmpuint (thidua_layout_get_page_for_body_offset (layout, strlen (b) / 2), >, 0);
    g_assert_cmpuint (thidua_layout_get_page_for_body_offset (layout, strlen (b) / 2), <, n_pages - 1);
  }

  /* Nothing changed: nothing is laid out again. */
  thidua_layout_update (layout, plan);
  thidua_layout_get_cache_stats (layout, &reused, &created);
  g_assert_cmpuint (created, ==, 0);
  g_assert_cmpuint (reused, >, 50);

  /* One paragraph edited: only that paragraph is laid out again. */
  body = g_strdup (thidua_plan_get_body (plan));
  p = strstr (body, "Các đơn vị");
  g_assert_nonnull (p);
  memcpy (p, "Các đơn vớ", strlen ("Các đơn vị"));  /* same byte length */
  thidua_plan_set_body (plan, body);
  thidua_layout_update (layout, plan);
  thidua_layout_get_cache_stats (layout, &reused, &created);
  g_assert_cmpuint (created, ==, 1);
  g_assert_cmpuint (thidua_layout_get_n_pages (layout), ==, n_pages);
}

/* ------------------------------------------------------------------ */
/* Number and date lines                                              */

static void
test_number_date (void)
{
  g_autoptr(ThiduaPlan) plan = long_plan (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = NULL;
  g_autoptr(Pdf) pdf = NULL;
  Match a, b;

  /* State: leading zero for numbers below 10, days below 10, months 1–2. */
  thidua_plan_set_number (plan, "5");
  thidua_plan_set_date (plan, 8, 2, 2024);
  layout = thidua_layout_new_for_plan (plan, &error);
  g_assert_no_error (error);
  pdf = render_pdf (layout, plan);
  pdf_find_required (pdf_page (pdf, 0), "Số: 05/KH-SYT");
  pdf_find_required (pdf_page (pdf, 0), "Điện Biên, ngày 08 tháng 02 năm 2024");
  g_clear_pointer (&pdf, pdf_free);

  thidua_plan_set_number (plan, "215");
  thidua_plan_set_date (plan, 15, 9, 2024);
  thidua_layout_update (layout, plan);
  pdf = render_pdf (layout, plan);
  pdf_find_required (pdf_page (pdf, 0), "Số: 215/KH-SYT");
  pdf_find_required (pdf_page (pdf, 0), "ngày 15 tháng 9 năm 2024");
  g_clear_pointer (&pdf, pdf_free);

  /* A blank day prints as room to write it in. */
  thidua_plan_set_date (plan, 0, 9, 2021);
  thidua_layout_update (layout, plan);
  pdf = render_pdf (layout, plan);
  a = pdf_find_required (pdf_page (pdf, 0), "ngày");
  b = pdf_find_required (pdf_page (pdf, 0), "tháng 9 năm 2021");
  g_assert_cmpfloat (b.x1 - a.x2, >=, 12.0);
  g_clear_pointer (&pdf, pdf_free);

  /* Party: "Số 100-KH/TCT", no colon, number-type/body. */
  thidua_plan_set_profile (plan, THIDUA_PROFILE_PARTY);
  thidua_plan_set_number (plan, "100");
  thidua_plan_set_symbol (plan, "KH/TCT");
  g_clear_object (&layout);
  layout = thidua_layout_new_for_plan (plan, &error);
  g_assert_no_error (error);
  pdf = render_pdf (layout, plan);
  pdf_find_required (pdf_page (pdf, 0), "Số 100-KH/TCT");
  g_assert_false (pdf_find (pdf_page (pdf, 0), "Số:").found);
}

/* ------------------------------------------------------------------ */
/* Recipients longer than a page                                      */

static void
test_long_recipients (void)
{
  g_autoptr(ThiduaPlan) plan = long_plan (1);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = NULL;
  g_autoptr(Pdf) pdf = NULL;
  guint title_page = G_MAXUINT, last_page = G_MAXUINT;

  for (guint i = 1; i <= 90; i++)
    g_ptr_array_add (lines, g_strdup_printf ("Trường tiểu học số %u;", i));
  g_ptr_array_add (lines, g_strdup ("Lưu: VT, TĐKT."));
  g_ptr_array_add (lines, NULL);
  thidua_plan_set_recipients (plan, (const char * const *) lines->pdata);
  layout = thidua_layout_new_for_plan (plan, &error);
  g_assert_no_error (error);
  pdf = render_pdf (layout, plan);

  for (guint i = 0; i < pdf->pages->len; i++)
    {
      if (title_page == G_MAXUINT && pdf_find (pdf_page (pdf, i), "Nơi nhận:").found)
        title_page = i;
      if (pdf_find (pdf_page (pdf, i), "- Lưu: VT, TĐKT.").found)
        last_page = i;
    }
  /* The list continues on the next page, the signature stays with its
   * head, and every glyph is still inside the margins. */
  g_assert_cmpuint (title_page, !=, G_MAXUINT);
  g_assert_cmpuint (last_page, >, title_page);
  pdf_find_required (pdf_page (pdf, title_page), "Lò Văn Thắng");
  pdf_find_required (pdf_page (pdf, title_page), "- Trường tiểu học số 1;");
  check_margins (thidua_layout_get_profile (layout), pdf);
}

/* ------------------------------------------------------------------ */
/* Other outputs and the font                                         */

static void
test_png_svg (void)
{
  g_autoptr(ThiduaPlan) plan = load_fixture ("seed-004.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = thidua_layout_new_for_plan (plan, &error);
  g_autofree char *dir = g_dir_make_tmp ("thidua-render-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "page.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "page.svg", NULL);
  g_autofree char *bad = g_build_filename (dir, "page.doc", NULL);
  g_autofree char *svg_text = NULL;
  cairo_surface_t *image;

  g_assert_no_error (error);
  g_assert_true (thidua_render_to_file (layout, plan, png, 1, 150, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1240);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1754);
  cairo_surface_destroy (image);

  g_assert_true (thidua_render_to_file (layout, plan, svg, 0, 0, &error));
  g_assert_no_error (error);
  g_file_get_contents (svg, &svg_text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (svg_text, "<svg"));
  g_assert_nonnull (strstr (svg_text, "width=\"595.2"));   /* A4 in points */
  g_assert_nonnull (strstr (svg_text, "fill:rgb(100%,100%,100%)"));  /* a white sheet, not transparent */

  g_assert_false (thidua_render_to_file (layout, plan, png, 99, 150, &error));
  g_assert_error (error, THIDUA_RENDER_ERROR, THIDUA_RENDER_ERROR_NO_PAGE);
  g_clear_error (&error);
  g_assert_false (thidua_render_to_file (layout, plan, bad, 0, 150, &error));
  g_assert_error (error, THIDUA_RENDER_ERROR, THIDUA_RENDER_ERROR_FORMAT);

  g_unlink (png);
  g_unlink (svg);
  g_rmdir (dir);
}

static void
test_font_check (void)
{
  g_autofree char *used = NULL;
  g_autofree char *other = NULL;

  g_assert_true (thidua_render_check_font ("Times New Roman", &used));
  g_assert_true (g_str_equal (used, "Liberation Serif") || g_str_equal (used, "Times New Roman"));
  /* A sans family is never accepted as the print font. */
  g_assert_false (thidua_render_check_font ("DejaVu Sans", &other));
  g_assert_nonnull (other);
}

/* The layout checks its font in its own context (72 dpi, unhinted) at
 * the body size: it must come to the same answer as the check on its own
 * context, and still refuse a sans family there. */
static void
test_font_check_in_context (void)
{
  g_autoptr(ThiduaPlan) plan = long_plan (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = thidua_layout_new_for_plan (plan, &error);
  g_autofree char *used = NULL;
  g_autofree char *in_context = NULL;
  g_autofree char *sans = NULL;
  PangoContext *context;
  cairo_font_options_t *options;

  g_assert_no_error (error);
  g_assert_null (find_warning (layout, "font"));
  g_assert_true (thidua_render_check_font ("Times New Roman", &used));
  g_assert_cmpstr (thidua_layout_get_font_family_used (layout), ==, used);

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  g_assert_true (thidua_render_check_font_in (context, "Times New Roman", 14, &in_context));
  g_assert_cmpstr (in_context, ==, used);
  g_assert_false (thidua_render_check_font_in (context, "DejaVu Sans", 14, &sans));
  g_assert_cmpstr (sans, !=, used);
  g_object_unref (context);
}

/* The exports gather cairo's stream before writing it: the file must hold
 * exactly the bytes cairo writes to a file of its own for the same page
 * (an SVG page is over 100 kB, so the gathered writes, a full buffer and
 * the last part are all crossed; a PNG is written in pieces of its own). */
static void
test_export_bytes (void)
{
  g_autoptr(ThiduaPlan) plan = long_plan (8);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = thidua_layout_new_for_plan (plan, &error);
  g_autofree char *dir = g_dir_make_tmp ("thidua-render-XXXXXX", &error);
  g_autofree char *svg = g_build_filename (dir, "page.svg", NULL);
  g_autofree char *svg_cairo = g_build_filename (dir, "cairo.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "page.png", NULL);
  g_autofree char *png_cairo = g_build_filename (dir, "cairo.png", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize len_a, len_b;
  double w = thidua_layout_get_page_width (layout), h = thidua_layout_get_page_height (layout);
  double scale = 150 / 72.0;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_no_error (error);

  g_assert_true (thidua_render_to_svg (layout, svg, 0, &error));
  g_assert_no_error (error);
  surface = cairo_svg_surface_create (svg_cairo, w, h);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  thidua_layout_draw_page (layout, cr, 0);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_file_get_contents (svg, &a, &len_a, &error);
  g_assert_no_error (error);
  g_file_get_contents (svg_cairo, &b, &len_b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len_a, >, 64 * 1024);
  {
    /* Cairo numbers its surfaces across the process ("surface6"). */
    g_autoptr(GRegex) ids = g_regex_new ("surface[0-9]+", 0, 0, NULL);
    g_autofree char *x = g_regex_replace_literal (ids, a, (gssize) len_a, 0, "surface", 0, NULL);
    g_autofree char *y = g_regex_replace_literal (ids, b, (gssize) len_b, 0, "surface", 0, NULL);

    g_assert_cmpuint (strlen (a), ==, len_a);   /* no NUL: the strings below are the whole files */
    g_assert_cmpstr (x, ==, y);
  }
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);

  g_assert_true (thidua_render_to_png (layout, png, 0, 150, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (w * scale + 0.5), (int) (h * scale + 0.5));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  thidua_layout_draw_page (layout, cr, 0);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png_cairo), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_file_get_contents (png, &a, &len_a, &error);
  g_assert_no_error (error);
  g_file_get_contents (png_cairo, &b, &len_b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len_a, ==, len_b);
  g_assert_true (memcmp (a, b, len_a) == 0);

  g_unlink (svg);
  g_unlink (svg_cairo);
  g_unlink (png);
  g_unlink (png_cairo);
  g_rmdir (dir);
}

/* The completeness check of an issue reads the plan and its profile
 * without composing a page; it must refuse exactly what the layout's
 * warnings for those fields said (the rules it replaced): a blank issuing
 * body, no subject, no signer's name, recipients without the filing line
 * where the profile requires one, plus no position and no date. */
static GPtrArray *
blockers_from_layout (ThiduaPlan *plan)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = thidua_layout_new_for_plan (plan, &error);
  const ThiduaProfileValues *v;
  GPtrArray *warnings;

  g_assert_no_error (error);
  v = thidua_profile_get_values (thidua_layout_get_profile (layout));
  warnings = thidua_layout_get_warnings (layout);
  for (guint i = 0; i < warnings->len; i++)
    {
      ThiduaLayoutWarning *w = g_ptr_array_index (warnings, i);
      gboolean is_error = FALSE;

      if (g_strcmp0 (w->field, "issuing_body") == 0)
        is_error = thidua_plan_get_issuing_body (plan)[0] == '\0';
      else if (g_strcmp0 (w->field, "subject") == 0 || g_strcmp0 (w->field, "signer.name") == 0)
        is_error = TRUE;
      else if (g_strcmp0 (w->field, "recipients") == 0)
        is_error = v->recipients_require_luu;
      if (is_error)
        g_ptr_array_add (out, g_strdup (w->message));
    }
  if (thidua_plan_get_signer_position (plan)[0] == '\0')
    g_ptr_array_add (out, g_strdup ("The signer's position is missing"));
  if (thidua_plan_get_day (plan) == 0 || thidua_plan_get_month (plan) == 0
      || thidua_plan_get_year (plan) == 0)
    g_ptr_array_add (out, g_strdup ("The date of issue is missing"));
  return g_steal_pointer (&out);
}

static void
test_issue_check (void)
{
  const ThiduaProfileKind profiles[] = { THIDUA_PROFILE_STATE, THIDUA_PROFILE_PARTY,
                                         THIDUA_PROFILE_UNION, THIDUA_PROFILE_YOUTH };
  const char *no_luu[] = { "UBND huyện;", "Sở GD&ĐT;", NULL };
  const char *none[] = { NULL };
  guint refused = 0;

  for (guint p = 0; p < G_N_ELEMENTS (profiles); p++)
    for (guint variant = 0; variant < 9; variant++)
      {
        g_autoptr(ThiduaPlan) plan = long_plan (1);
        g_autoptr(GPtrArray) expected = NULL;
        g_autoptr(GPtrArray) got = NULL;

        thidua_plan_set_profile (plan, profiles[p]);
        switch (variant)
          {
          case 1: thidua_plan_set_issuing_body (plan, ""); break;
          case 2: thidua_plan_set_subject (plan, ""); break;
          case 3: thidua_plan_set_recipients (plan, no_luu); break;
          case 4: thidua_plan_set_recipients (plan, none); break;
          case 5: thidua_plan_set_signer_name (plan, ""); break;
          case 6: thidua_plan_set_signer_position (plan, ""); break;
          case 7: thidua_plan_set_date (plan, 0, thidua_plan_get_month (plan), thidua_plan_get_year (plan)); break;
          case 8:
            thidua_plan_set_issuing_body (plan, "");
            thidua_plan_set_subject (plan, "");
            thidua_plan_set_recipients (plan, no_luu);
            thidua_plan_set_signer_name (plan, "");
            break;
          default: break;
          }
        expected = blockers_from_layout (plan);
        got = thidua_issue_blockers (plan);
        g_assert_cmpuint (got->len, ==, expected->len);
        for (guint i = 0; i < got->len; i++)
          g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (expected, i));
        if (variant == 0)
          g_assert_cmpuint (got->len, ==, 0);
        refused += got->len > 0;
      }
  /* Every variant but the complete plan is refused somewhere (3 and 4
   * only where the profile files a copy). */
  g_assert_cmpuint (refused, >=, 4 * 6);
}

int
main (int argc, char **argv)
{
  static const char *seeds[] = {
    "seed-000.json", "seed-001.json", "seed-002.json", "seed-003.json", "seed-004.json",
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/profile/builtin", test_profile_builtin);
  g_test_add_func ("/render/profile/missing-key", test_profile_missing_key);
  g_test_add_func ("/render/profile/out-of-range", test_profile_out_of_range);
  g_test_add_func ("/render/profile/file-errors", test_profile_file_errors);
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *path = g_strdup_printf ("/render/seed/%.3s", seeds[i] + 5);
      g_test_add_data_func (path, seeds[i], test_seed);
    }
  g_test_add_func ("/render/templates", test_templates);
  g_test_add_func ("/render/long-plan", test_long_plan);
  g_test_add_func ("/render/document-numbers", test_document_numbers);
  g_test_add_func ("/render/warnings", test_warnings);
  g_test_add_func ("/render/issue-check", test_issue_check);
  g_test_add_func ("/render/body-warnings", test_body_warnings);
  g_test_add_func ("/render/signature-room", test_signature_room);
  g_test_add_func ("/render/write-errors", test_write_errors);
  g_test_add_func ("/render/write-failure-keeps-file", test_write_failure_keeps_file);
  g_test_add_func ("/render/font-warning", test_font_warning);
  g_test_add_func ("/render/print-layout-same-pages", test_print_layout_same_pages);
  g_test_add_func ("/render/cache", test_cache);
  g_test_add_func ("/render/number-date", test_number_date);
  g_test_add_func ("/render/long-recipients", test_long_recipients);
  g_test_add_func ("/render/png-svg", test_png_svg);
  g_test_add_func ("/render/font-check", test_font_check);
  g_test_add_func ("/render/font-check-in-context", test_font_check_in_context);
  g_test_add_func ("/render/export-bytes", test_export_bytes);

  return g_test_run ();
}
