/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-pdf.c — a PDF's text layer rebuilt as the page shows it.
 *
 * Every glyph (its box, font name and size) is taken from poppler; the
 * order poppler reads them in is not trusted.  Glyphs are grouped into
 * lines by their vertical centres, and the page into zones: the header
 * (page 1, above the type name), the title, the body and the closing
 * (from "Nơi nhận:" or a trailing signature column).  The header and the
 * closing are split into columns at the widest empty vertical strip near
 * the middle and their lines are grouped again per column, so the two
 * columns never mix.  See thidua-pdf.h for what comes out.
 */
#include "config.h"
#include "thidua-pdf.h"
#include "thidua-import.h"
#include "thidua-markup.h"
#include "thidua-text.h"

#include <poppler.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK (thidua-pdf-error-quark, thidua_pdf_error)

/* ------------------------------------------------------------------ */
/* Glyphs and lines                                                   */

typedef struct {
  char    text[32];     /* the character and its combining marks */
  double  x1, y1, x2, y2;
  double  size;
  guint   order;        /* poppler's order, to keep sorting stable */
  guint8  bold;
  guint8  italic;
} Glyph;

typedef struct {
  GArray  *glyphs;      /* Glyph, left to right */
  double   x1, y1, x2, y2;
  double   size;        /* the largest glyph size */
  guint    page;
  gboolean bold;        /* every glyph */
  gboolean italic;
  gboolean dropped;
} Line;

typedef struct {
  double x1, x2;
} Span;

typedef struct {
  GArray  *glyphs;      /* Glyph of the page, in poppler's order */
  GPtrArray *lines;     /* Line, top to bottom */
  double   width, height;
  gboolean landscape;
} Page;

static void
line_free (Line *line)
{
  g_array_unref (line->glyphs);
  g_free (line);
}

static void
page_free (Page *page)
{
  g_array_unref (page->glyphs);
  g_ptr_array_unref (page->lines);
  g_free (page);
}

void
thidua_pdf_text_free (ThiduaPdfText *text)
{
  if (text == NULL)
    return;
  g_ptr_array_unref (text->header_left);
  g_ptr_array_unref (text->header_right);
  g_ptr_array_unref (text->title);
  g_free (text->body);
  g_ptr_array_unref (text->closing_left);
  g_ptr_array_unref (text->closing_right);
  g_free (text);
}

static double
glyph_mid (const Glyph *g)
{
  return (g->y1 + g->y2) / 2;
}

static int
compare_by_y (gconstpointer a, gconstpointer b)
{
  const Glyph *ga = a, *gb = b;
  double d = glyph_mid (ga) - glyph_mid (gb);

  if (d < 0)
    return -1;
  if (d > 0)
    return 1;
  return ga->order < gb->order ? -1 : ga->order > gb->order;
}

static int
compare_by_x (gconstpointer a, gconstpointer b)
{
  const Glyph *ga = a, *gb = b;

  if (ga->x1 < gb->x1 - 0.01)
    return -1;
  if (ga->x1 > gb->x1 + 0.01)
    return 1;
  return ga->order < gb->order ? -1 : ga->order > gb->order;
}

static void
line_finish (Line *line)
{
  g_array_sort (line->glyphs, compare_by_x);
  line->x1 = line->y1 = G_MAXDOUBLE;
  line->x2 = line->y2 = -G_MAXDOUBLE;
  line->size = 0;
  line->bold = line->italic = line->glyphs->len > 0;
  for (guint i = 0; i < line->glyphs->len; i++)
    {
      const Glyph *g = &g_array_index (line->glyphs, Glyph, i);

      line->x1 = MIN (line->x1, g->x1);
      line->x2 = MAX (line->x2, g->x2);
      line->y1 = MIN (line->y1, g->y1);
      line->y2 = MAX (line->y2, g->y2);
      line->size = MAX (line->size, g->size);
      line->bold &= g->bold;
      line->italic &= g->italic;
    }
}

/* Glyphs (any order) to lines, top to bottom: a glyph joins the line whose
 * vertical centre is within half a glyph height of its own. */
static GPtrArray *
group_lines (GArray *glyphs, guint page)
{
  g_autoptr(GArray) sorted = g_array_copy (glyphs);
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  Line *cur = NULL;
  double cur_mid = 0, cur_h = 0;

  g_array_sort (sorted, compare_by_y);
  for (guint i = 0; i < sorted->len; i++)
    {
      const Glyph *g = &g_array_index (sorted, Glyph, i);
      double h = MAX (g->y2 - g->y1, 1.0);

      if (cur == NULL || fabs (glyph_mid (g) - cur_mid) > 0.45 * MIN (h, cur_h))
        {
          cur = g_new0 (Line, 1);
          cur->glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
          cur->page = page;
          cur_mid = glyph_mid (g);
          cur_h = h;
          g_ptr_array_add (lines, cur);
        }
      g_array_append_val (cur->glyphs, *g);
    }
  for (guint i = 0; i < lines->len; i++)
    line_finish (g_ptr_array_index (lines, i));
  return lines;
}

/* The gap after which a space is read between two glyphs. */
static gboolean
is_word_gap (const Glyph *a, const Glyph *b)
{
  return b->x1 - a->x2 > 0.12 * MIN (a->size, b->size);
}

/* The line's text with spaces where the glyphs stand apart. */
static char *
line_text (const Line *line)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < line->glyphs->len; i++)
    {
      const Glyph *g = &g_array_index (line->glyphs, Glyph, i);

      if (i > 0 && is_word_gap (&g_array_index (line->glyphs, Glyph, i - 1), g))
        g_string_append_c (s, ' ');
      g_string_append (s, g->text);
    }
  return g_string_free (s, FALSE);
}

/* Width of the line's first word. */
static double
first_word_width (const Line *line)
{
  const Glyph *first = &g_array_index (line->glyphs, Glyph, 0);
  double x2 = first->x2;

  for (guint i = 1; i < line->glyphs->len; i++)
    {
      const Glyph *g = &g_array_index (line->glyphs, Glyph, i);

      if (is_word_gap (&g_array_index (line->glyphs, Glyph, i - 1), g))
        break;
      x2 = g->x2;
    }
  return x2 - first->x1;
}

/* Would the next line's first word have fitted at the end of a, inside a
 * column ending at right?  If not, a was wrapped there. */
static gboolean
was_wrapped (const Line *a, const Line *b, double col_width, double right)
{
  double need = 0.25 * a->size + first_word_width (b);

  if (right > 0)
    return a->x2 + need > right - 0.5;
  return (a->x2 - a->x1) + need > col_width * 0.92;
}

/* Letters present and none of them lower case. */
static gboolean
is_upper (const char *s)
{
  gboolean letters = FALSE;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        return FALSE;
      letters |= g_unichar_isupper (c) || g_unichar_istitle (c);
    }
  return letters;
}

static char *
folded_text (const Line *line)
{
  g_autofree char *t = line_text (line);

  return thidua_text_fold (t);
}

/* ------------------------------------------------------------------ */
/* Reading pages                                                      */

static gboolean
font_is_bold (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);

  return strstr (lower, "bold") != NULL || strstr (lower, "black") != NULL
         || strstr (lower, "heavy") != NULL || strstr (lower, "demi") != NULL
         || g_str_has_suffix (lower, ",b") || g_str_has_suffix (lower, ",bi")
         || strstr (lower, "-bd") != NULL;
}

static gboolean
font_is_italic (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);

  return strstr (lower, "italic") != NULL || strstr (lower, "oblique") != NULL
         || g_str_has_suffix (lower, ",i") || g_str_has_suffix (lower, ",bi")
         || g_str_has_suffix (lower, "-it") || g_str_has_suffix (lower, "-bdit");
}

static gboolean
is_blank_char (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x200B || c == 0xFEFF || c == 0xFFFD
         || g_unichar_iscntrl (c);
}

/* Text of annotations (a signature field's appearance, stamps, free
 * text) is not the document's text: they are hidden before the text is
 * read, so the page's own text under them stays.  Returns how many. */
static guint
hide_annotations (PopplerPage *page)
{
  GList *mapping = poppler_page_get_annot_mapping (page);
  guint n = 0;

  for (GList *l = mapping; l != NULL; l = l->next)
    {
      PopplerAnnotMapping *m = l->data;

      if (poppler_annot_get_annot_type (m->annot) == POPPLER_ANNOT_LINK)
        continue;
      poppler_annot_set_flags (m->annot,
                               poppler_annot_get_flags (m->annot) | POPPLER_ANNOT_FLAG_HIDDEN);
      n++;
    }
  poppler_page_free_annot_mapping (mapping);
  return n;
}

static Page *
read_page (PopplerPage *ppage, guint index, guint *n_dropped)
{
  Page *page = g_new0 (Page, 1);
  guint hidden = hide_annotations (ppage);
  g_autofree char *text = poppler_page_get_text (ppage);
  g_autofree PopplerRectangle *rects = NULL;
  g_autofree PopplerTextAttributes **attr_of = NULL;
  GList *attrs;
  guint n_rects = 0, n_chars, k;
  const char *p;
  Glyph *prev = NULL;

  poppler_page_get_size (ppage, &page->width, &page->height);
  page->landscape = page->width > page->height * 1.05;
  page->glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
  page->lines = NULL;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      page->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
      return page;
    }
  if (!poppler_page_get_text_layout (ppage, &rects, &n_rects))
    n_rects = 0;
  n_chars = MIN ((guint) g_utf8_strlen (text, -1), n_rects);
  attrs = poppler_page_get_text_attributes (ppage);
  attr_of = g_new0 (PopplerTextAttributes *, n_chars + 1);
  for (GList *l = attrs; l != NULL; l = l->next)
    {
      PopplerTextAttributes *a = l->data;

      for (int i = MAX (a->start_index, 0); i <= a->end_index && (guint) i < n_chars; i++)
        attr_of[i] = a;
    }
  *n_dropped += hidden;

  for (p = text, k = 0; k < n_chars; p = g_utf8_next_char (p), k++)
    {
      gunichar c = g_utf8_get_char (p);
      const PopplerRectangle *r = &rects[k];
      PopplerTextAttributes *a = attr_of[k];
      Glyph g = { 0 };

      if (is_blank_char (c))
        continue;
      if (!isfinite (r->x1) || !isfinite (r->x2) || !isfinite (r->y1) || !isfinite (r->y2)
          || fabs (r->x1) > 1e5 || fabs (r->y1) > 1e5 || fabs (r->x2) > 1e5 || fabs (r->y2) > 1e5)
        continue;
      /* a combining mark belongs to the letter before it */
      if (g_unichar_ismark (c) && prev != NULL)
        {
          gsize len = strlen (prev->text);

          if (len + 6 < sizeof prev->text)
            prev->text[len + g_unichar_to_utf8 (c, prev->text + len)] = '\0';
          continue;
        }
      g.x1 = MIN (r->x1, r->x2);
      g.x2 = MAX (r->x1, r->x2);
      g.y1 = MIN (r->y1, r->y2);
      g.y2 = MAX (r->y1, r->y2);
      g.text[g_unichar_to_utf8 (c, g.text)] = '\0';
      g.size = a != NULL && a->font_size > 0 && a->font_size < 500 ? a->font_size
                                                                   : MAX (g.y2 - g.y1, 1.0);
      g.bold = a != NULL && font_is_bold (a->font_name);
      g.italic = a != NULL && font_is_italic (a->font_name);
      g.order = page->glyphs->len;
      g_array_append_val (page->glyphs, g);
      prev = &g_array_index (page->glyphs, Glyph, page->glyphs->len - 1);
    }
  poppler_page_free_text_attributes (attrs);
  page->lines = group_lines (page->glyphs, index);
  return page;
}

/* ------------------------------------------------------------------ */
/* What is not the document's text                                    */

static gboolean
is_page_number (const char *t)
{
  static GRegex *re = NULL;

  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("^[-–—\\s]*(?:(?:trang|page)\\s*)?[0-9]{1,4}"
                                         "(?:\\s*/\\s*[0-9]{1,4})?[-–—\\s]*$",
                                         G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (re, t, 0, NULL);
}

/* Lines of a signature's appearance flattened into the page. */
static gboolean
is_certificate_line (const char *folded)
{
  static const char * const prefixes[] = {
    "ky boi", "nguoi ky:", "signed by", "digitally signed", "signature valid",
    "signature not verified", "thoi gian ky", "ngay ky:", "ky ngay:", "ky so", NULL,
  };

  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (folded, prefixes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_certificate_detail (const char *folded)
{
  static const char * const prefixes[] = {
    "email:", "e-mail:", "co quan:", "to chuc:", "chuc vu:", "reason:", "location:", "date:",
    "ly do:", "dia diem:", NULL,
  };

  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (folded, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* "DỰ THẢO", "DỰ THẢO LẦN 2": the draft marking (Nghị định 30, Phụ lục I,
 * ô số 12), on top of a draft's pages; and Thi Đua's own proof of issue
 * ("Mã xác thực: …") in the bottom margin.  Neither is the plan's text. */
static gboolean
is_marking (const char *folded)
{
  const char *rest;

  if (g_str_has_prefix (folded, "ma xac thuc:"))
    return TRUE;
  if (!g_str_has_prefix (folded, "du thao"))
    return FALSE;
  rest = folded + strlen ("du thao");
  if (*rest == '\0')
    return TRUE;
  if (!g_str_has_prefix (rest, " lan "))
    return FALSE;
  for (rest += 5; *rest != '\0'; rest++)
    if (!g_ascii_isdigit (*rest))
      return FALSE;
  return TRUE;
}

static char *
without_digits (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static GArray *line_segments (const Line *line);

/* Each stretch of the line on its own: a page number and the draft marking
 * in the top margin come out as one line. */
static gboolean
all_segments_furniture (const Line *line, gboolean edge)
{
  g_autoptr(GArray) segs = line_segments (line);

  for (guint k = 0; k < segs->len; k++)
    {
      const Span *sp = &g_array_index (segs, Span, k);
      GString *t = g_string_new (NULL);
      g_autofree char *folded = NULL;
      const Glyph *prev = NULL;
      gboolean furniture;

      for (guint i = 0; i < line->glyphs->len; i++)
        {
          const Glyph *g = &g_array_index (line->glyphs, Glyph, i);

          if (g->x1 < sp->x1 - 0.01 || g->x2 > sp->x2 + 0.01)
            continue;
          if (prev != NULL && is_word_gap (prev, g))
            g_string_append_c (t, ' ');
          g_string_append (t, g->text);
          prev = g;
        }
      folded = thidua_text_fold (t->str);
      furniture = (edge && is_page_number (t->str)) || is_marking (folded);
      g_string_free (t, TRUE);
      if (!furniture)
        return FALSE;
    }
  return segs->len > 0;
}

/* Page numbers (first or last line of a page), running heads and feet (the
 * same text, digits aside, at the same height on several pages), and
 * certificate lines. */
static void
drop_furniture (GPtrArray *pages, guint *n_dropped)
{
  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = g_ptr_array_index (pages, p);
      GPtrArray *lines = page->lines;

      for (guint i = 0; i < lines->len; i++)
        {
          Line *line = g_ptr_array_index (lines, i);
          g_autofree char *t = line_text (line);
          g_autofree char *folded = thidua_text_fold (t);
          gboolean edge = i == 0 || i == lines->len - 1;

          if ((edge && is_page_number (t)) || is_certificate_line (folded) || is_marking (folded)
              || all_segments_furniture (line, edge))
            line->dropped = TRUE;
        }
      if (pages->len < 3)
        continue;
      for (guint end = 0; end < 2; end++)
        {
          Line *line;
          g_autofree char *key = NULL;
          guint same = 0;

          if (lines->len == 0)
            continue;
          line = g_ptr_array_index (lines, end == 0 ? 0 : lines->len - 1);
          {
            g_autofree char *t = line_text (line);
            key = without_digits (t);
          }
          for (guint q = 0; q < pages->len; q++)
            {
              Page *other = g_ptr_array_index (pages, q);
              Line *o;
              g_autofree char *ot = NULL;
              g_autofree char *okey = NULL;

              if (q == p || other->lines->len == 0)
                continue;
              o = g_ptr_array_index (other->lines, end == 0 ? 0 : other->lines->len - 1);
              ot = line_text (o);
              okey = without_digits (ot);
              if (strcmp (okey, key) == 0 && fabs (o->y1 - line->y1) < 2.0)
                same++;
            }
          if (same >= 1 && *key != '\0')
            line->dropped = TRUE;
        }
    }
  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = g_ptr_array_index (pages, p);

      for (guint i = 0; i < page->lines->len; i++)
        if (((Line *) g_ptr_array_index (page->lines, i))->dropped)
          (*n_dropped)++;
    }
}

/* ------------------------------------------------------------------ */
/* Columns                                                            */

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The middle of the widest strip between lo and hi that no glyph covers;
 * fallback when every x there is covered. */
static int compare_span (gconstpointer a, gconstpointer b);

static double
find_split (GArray *glyphs, double lo, double hi, double fallback)
{
  g_autoptr(GArray) iv = g_array_sized_new (FALSE, FALSE, sizeof (Span), glyphs->len);
  double best_w = 0, best_x = fallback, reach = lo;

  if (glyphs->len == 0)
    return fallback;
  for (guint i = 0; i < glyphs->len; i++)
    {
      const Glyph *g = &g_array_index (glyphs, Glyph, i);
      Span s = { g->x1, g->x2 };

      g_array_append_val (iv, s);
    }
  g_array_sort (iv, compare_span);
  for (guint i = 0; i < iv->len; i++)
    {
      const Span *s = &g_array_index (iv, Span, i);

      if (s->x1 > reach)
        {
          double a = MAX (reach, lo), b = MIN (s->x1, hi);

          if (b - a > best_w)
            {
              best_w = b - a;
              best_x = (a + b) / 2;
            }
        }
      reach = MAX (reach, s->x2);
    }
  if (reach < hi && hi - MAX (reach, lo) > best_w)
    best_x = (MAX (reach, lo) + hi) / 2;
  return best_x;
}

/* Glyphs of lines [from, to) of page with x < split (left) or >= split. */
static GArray *
column_glyphs (Page *page, guint from, guint to, double split, gboolean left)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Glyph));

  for (guint i = from; i < to && i < page->lines->len; i++)
    {
      Line *line = g_ptr_array_index (page->lines, i);

      if (line->dropped)
        continue;
      for (guint j = 0; j < line->glyphs->len; j++)
        {
          const Glyph *g = &g_array_index (line->glyphs, Glyph, j);

          if (((g->x1 + g->x2) / 2 < split) == left)
            g_array_append_val (out, *g);
        }
    }
  return out;
}

static gboolean
starts_with_fold (const Line *line, const char *prefix)
{
  g_autofree char *f = folded_text (line);

  return g_str_has_prefix (f, prefix);
}

/* Lines of one column made printed items: a line joins the one above when
 * that one was wrapped (same style, close below, the first word would not
 * have fitted). */
static void
column_items (GPtrArray *lines, double col_width, GPtrArray *out, gboolean upper_only)
{
  GString *cur = NULL;
  Line *prev = NULL;

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = g_ptr_array_index (lines, i);
      g_autofree char *t = line_text (line);
      gboolean join = FALSE;

      if (prev != NULL && cur != NULL)
        {
          g_autofree char *pt = line_text (prev);

          join = prev->bold == line->bold && prev->italic == line->italic
                 && fabs (prev->size - line->size) < 0.6
                 && line->y1 - prev->y2 < 0.6 * line->size
                 && was_wrapped (prev, line, col_width, -1)
                 && !starts_with_fold (line, "so")
                 && (!upper_only || (is_upper (pt) && is_upper (t)));
        }
      if (join)
        {
          g_string_append_c (cur, ' ');
          g_string_append (cur, t);
        }
      else
        {
          if (cur != NULL)
            g_ptr_array_add (out, g_string_free (cur, FALSE));
          cur = g_string_new (t);
        }
      prev = line;
    }
  if (cur != NULL)
    g_ptr_array_add (out, g_string_free (cur, FALSE));
}

/* ------------------------------------------------------------------ */
/* Body paragraphs                                                    */

typedef struct {
  double left, right;   /* the text column */
  double pitch;         /* baseline distance inside a paragraph */
} Measure;

/* The text column of the body lines: the left edge of the longest lines,
 * the right edge where justified lines end. */
static void
measure_body (GPtrArray *lines, double page_width, Measure *m)
{
  g_autoptr(GArray) rights = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) deltas = g_array_new (FALSE, FALSE, sizeof (double));
  double left = G_MAXDOUBLE, max_right = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = g_ptr_array_index (lines, i);

      max_right = MAX (max_right, line->x2);
      if (line->x2 - line->x1 > 0.5 * page_width)
        {
          g_array_append_val (rights, line->x2);
          left = MIN (left, line->x1);
        }
      if (i > 0)
        {
          Line *prev = g_ptr_array_index (lines, i - 1);
          double d = line->y2 - prev->y2;

          if (prev->page == line->page && d > 0.8 * line->size && d < 3 * line->size)
            g_array_append_val (deltas, d);
        }
    }
  if (left == G_MAXDOUBLE)
    for (guint i = 0; i < lines->len; i++)
      left = MIN (left, ((Line *) g_ptr_array_index (lines, i))->x1);
  m->left = left == G_MAXDOUBLE ? 0 : left;
  if (rights->len > 0)
    {
      g_array_sort (rights, compare_double);
      m->right = g_array_index (rights, double, rights->len * 3 / 4);
    }
  else
    m->right = max_right;
  if (deltas->len > 0)
    {
      g_array_sort (deltas, compare_double);
      m->pitch = g_array_index (deltas, double, deltas->len / 6);
    }
  else
    m->pitch = 0;
}

enum { STYLE_BOLD = 1, STYLE_ITALIC = 2 };

/* A paragraph's glyphs (with word gaps) to body markup. */
typedef struct {
  GString *text;        /* text being built */
  GArray  *styles;      /* per byte of text: style, or -1 for a space */
} Para;

static void
para_append_line (Para *para, const Line *line)
{
  if (para->text->len > 0)
    {
      gint8 s = -1;

      g_string_append_c (para->text, ' ');
      g_array_append_val (para->styles, s);
    }
  for (guint i = 0; i < line->glyphs->len; i++)
    {
      const Glyph *g = &g_array_index (line->glyphs, Glyph, i);
      gint8 style = (g->bold ? STYLE_BOLD : 0) | (g->italic ? STYLE_ITALIC : 0);

      if (i > 0 && is_word_gap (&g_array_index (line->glyphs, Glyph, i - 1), g))
        {
          gint8 s = -1;

          g_string_append_c (para->text, ' ');
          g_array_append_val (para->styles, s);
        }
      for (const char *c = g->text; *c != '\0'; c++)
        {
          g_string_append_c (para->text, *c);
          g_array_append_val (para->styles, style);
        }
    }
}

static const char *
markers (gint8 style)
{
  return style == (STYLE_BOLD | STYLE_ITALIC) ? "***" : style == STYLE_BOLD ? "**"
         : style == STYLE_ITALIC ? "*" : "";
}

/* Runs of one style become *…* / **…**; spaces between two glyphs of the
 * same style belong to the run, other spaces stand outside.  A block the
 * renderer prints bold anyway (a heading, a titled item) gets no markers
 * for its bold. */
static char *
para_markup (Para *para)
{
  GString *out = g_string_new (NULL);
  const char *s = para->text->str;
  gsize n = para->text->len;
  gint8 *st = (gint8 *) para->styles->data;
  gboolean all_bold = TRUE, any = FALSE;

  for (gsize i = 0; i < n; i++)
    if (st[i] >= 0)
      {
        any = TRUE;
        all_bold &= (st[i] & STYLE_BOLD) != 0;
      }
  if (any && all_bold)
    {
      g_autoptr(ThiduaBody) body = thidua_body_parse (s);

      if (thidua_body_n_blocks (body) == 1)
        {
          const ThiduaBlock *b = thidua_body_get_block (body, 0);

          if (b->kind == THIDUA_BLOCK_HEADING || b->titled)
            for (gsize i = 0; i < n; i++)
              if (st[i] >= 0)
                st[i] &= ~STYLE_BOLD;
        }
    }
  /* a space takes the style of its neighbours when they agree */
  for (gsize i = 0; i < n; i++)
    if (st[i] < 0)
      {
        gsize j = i;
        gint8 before = i > 0 ? st[i - 1] : 0;

        while (j < n && st[j] < 0)
          j++;
        if (i > 0 && j < n && st[j] == before)
          for (gsize k = i; k < j; k++)
            st[k] = before;
        i = j > i ? j - 1 : i;
      }
  for (gsize i = 0; i < n;)
    {
      gint8 style = st[i] < 0 ? 0 : st[i];
      gsize j = i;

      while (j < n && (st[j] < 0 ? 0 : st[j]) == style)
        j++;
      g_string_append (out, markers (style));
      g_string_append_len (out, s + i, j - i);
      g_string_append (out, markers (style));
      i = j;
    }
  return g_string_free (out, FALSE);
}

static void
flush_para (Para *para, GString *body)
{
  g_autofree char *markup = NULL;

  if (para->text->len == 0)
    return;
  markup = para_markup (para);
  if (body->len > 0)
    g_string_append_c (body, '\n');
  g_string_append (body, markup);
  g_string_truncate (para->text, 0);
  g_array_set_size (para->styles, 0);
}

/* Body lines (in page order) to paragraphs, one per markup line. */
static void
build_paragraphs (GPtrArray *lines, const Measure *m, GString *body)
{
  Para para = { g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (gint8)) };
  Line *prev = NULL;

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = g_ptr_array_index (lines, i);
      gboolean join = FALSE;

      if (prev != NULL)
        {
          gboolean indented = line->x1 > MIN (prev->x1, m->left) + 0.4 * line->size;
          gboolean spaced = prev->page == line->page && m->pitch > 0
                            && line->y2 - prev->y2 > m->pitch + 0.25 * line->size;

          join = was_wrapped (prev, line, 0, m->right) && !indented && !spaced
                 && line->page >= prev->page;
        }
      if (!join)
        flush_para (&para, body);
      para_append_line (&para, line);
      prev = line;
    }
  flush_para (&para, body);
  g_string_free (para.text, TRUE);
  g_array_unref (para.styles);
}

/* ------------------------------------------------------------------ */
/* Annex tables                                                       */

static int
compare_span (gconstpointer a, gconstpointer b)
{
  const Span *sa = a, *sb = b;

  return sa->x1 < sb->x1 ? -1 : sa->x1 > sb->x1;
}

/* The line's stretches of text apart by more than a wide gap. */
static GArray *
line_segments (const Line *line)
{
  GArray *segs = g_array_new (FALSE, FALSE, sizeof (Span));
  Span cur = { 0 };

  for (guint i = 0; i < line->glyphs->len; i++)
    {
      const Glyph *g = &g_array_index (line->glyphs, Glyph, i);

      if (i == 0)
        cur = (Span) { g->x1, g->x2 };
      else if (g->x1 - cur.x2 > 1.2 * g->size)
        {
          g_array_append_val (segs, cur);
          cur = (Span) { g->x1, g->x2 };
        }
      else
        cur.x2 = MAX (cur.x2, g->x2);
    }
  if (line->glyphs->len > 0)
    g_array_append_val (segs, cur);
  return segs;
}

static void
append_cell (GString *row, const char *text)
{
  g_string_append (row, "| ");
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '|')
        g_string_append_c (row, '\\');
      g_string_append_c (row, *p);
    }
  g_string_append_c (row, ' ');
}

/* A landscape page: its lines in columns become a markup table; text above
 * and below it, paragraphs.  Returns FALSE when the page is not tabular. */
/* A column's rule cell from where its cells stand (header row left out):
 * the same left edge is left-aligned, the same right edge right-aligned,
 * the same centre centred; one row says nothing. */
static const char *
rule_cell (GArray *extents, guint n_cols, guint c, guint from, guint n_rows)
{
  double lo1 = G_MAXDOUBLE, hi1 = -G_MAXDOUBLE, lo2 = G_MAXDOUBLE, hi2 = -G_MAXDOUBLE;
  double loc = G_MAXDOUBLE, hic = -G_MAXDOUBLE;
  guint n = 0;

  for (guint r = from; r < n_rows; r++)
    {
      const Span *e = &g_array_index (extents, Span, r * n_cols + c);

      if (e->x1 > e->x2)
        continue;
      lo1 = MIN (lo1, e->x1);
      hi1 = MAX (hi1, e->x1);
      lo2 = MIN (lo2, e->x2);
      hi2 = MAX (hi2, e->x2);
      loc = MIN (loc, (e->x1 + e->x2) / 2);
      hic = MAX (hic, (e->x1 + e->x2) / 2);
      n++;
    }
  if (n < 2 || hi1 - lo1 < 1.0)
    return "|---";
  if (hi2 - lo2 < 1.0)
    return "|---:";
  if (hic - loc < 1.0)
    return "|:---:";
  return "|---";
}

static gboolean
build_table (GPtrArray *lines, double page_width, GString *body)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) cols = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GPtrArray) before = g_ptr_array_new ();
  g_autoptr(GPtrArray) after = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GArray) row_bold = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) extents = g_array_new (FALSE, FALSE, sizeof (Span));  /* row × column */
  int first = -1, last = -1;
  guint multi = 0;
  double min_delta = G_MAXDOUBLE, max_delta = 0;
  Measure m;

  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(GArray) segs = line_segments (g_ptr_array_index (lines, i));

      if (segs->len >= 2)
        {
          if (first < 0)
            first = i;
          last = i;
          multi++;
          g_array_append_vals (spans, segs->data, segs->len);
        }
    }
  if (multi < 2)
    return FALSE;

  /* columns: the x ranges the multi-cell lines cover */
  g_array_sort (spans, compare_span);
  for (guint i = 0; i < spans->len; i++)
    {
      Span s = g_array_index (spans, Span, i);

      if (cols->len > 0 && s.x1 <= g_array_index (cols, Span, cols->len - 1).x2 + 2.0)
        {
          Span *c = &g_array_index (cols, Span, cols->len - 1);
          c->x2 = MAX (c->x2, s.x2);
        }
      else
        g_array_append_val (cols, s);
    }
  if (cols->len < 2)
    return FALSE;

  for (int i = 0; i < first; i++)
    g_ptr_array_add (before, g_ptr_array_index (lines, i));
  for (guint i = last + 1; i < lines->len; i++)
    g_ptr_array_add (after, g_ptr_array_index (lines, i));

  for (int i = first + 1; i <= last; i++)
    {
      Line *a = g_ptr_array_index (lines, i - 1), *b = g_ptr_array_index (lines, i);
      double d = b->y2 - a->y2;

      min_delta = MIN (min_delta, d);
      max_delta = MAX (max_delta, d);
    }

  /* rows: a wider distance between baselines is a row's padding and rule */
  {
    GString **cells = NULL;
    Span *ext = NULL;
    gboolean bold = TRUE;
    Line *prev = NULL;

    for (int i = first; i <= last + 1; i++)
      {
        Line *line = i <= last ? g_ptr_array_index (lines, i) : NULL;
        gboolean new_row = line == NULL || prev == NULL
                           || max_delta - min_delta < 0.3 * line->size
                           || line->y2 - prev->y2 > min_delta + 0.3 * line->size;

        if (new_row && cells != NULL)
          {
            char **row = g_new0 (char *, cols->len + 1);

            for (guint c = 0; c < cols->len; c++)
              row[c] = g_string_free (cells[c], FALSE);
            g_free (cells);
            cells = NULL;
            g_ptr_array_add (rows, row);
            g_array_append_val (row_bold, bold);
            g_array_append_vals (extents, ext, cols->len);
            g_free (ext);
            ext = NULL;
          }
        if (line == NULL)
          break;
        if (cells == NULL)
          {
            cells = g_new0 (GString *, cols->len);
            ext = g_new (Span, cols->len);
            for (guint c = 0; c < cols->len; c++)
              {
                cells[c] = g_string_new (NULL);
                ext[c] = (Span) { G_MAXDOUBLE, -G_MAXDOUBLE };
              }
            bold = TRUE;
          }
        /* each glyph to the column it stands in (or the nearest) */
        {
          g_autofree char *dummy = NULL;
          int cur_col = -1;
          const Glyph *pg = NULL;

          for (guint j = 0; j < line->glyphs->len; j++)
            {
              const Glyph *g = &g_array_index (line->glyphs, Glyph, j);
              double cx = (g->x1 + g->x2) / 2;
              guint c = 0;

              while (c + 1 < cols->len && cx > (g_array_index (cols, Span, c).x2
                                                + g_array_index (cols, Span, c + 1).x1) / 2)
                c++;
              if ((int) c != cur_col)
                {
                  if (cells[c]->len > 0)
                    g_string_append_c (cells[c], ' ');
                }
              else if (pg != NULL && is_word_gap (pg, g))
                g_string_append_c (cells[c], ' ');
              g_string_append (cells[c], g->text);
              ext[c].x1 = MIN (ext[c].x1, g->x1);
              ext[c].x2 = MAX (ext[c].x2, g->x2);
              bold &= g->bold;
              cur_col = c;
              pg = g;
            }
        }
        prev = line;
      }
  }

  measure_body (before, page_width, &m);
  build_paragraphs (before, &m, body);
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      g_autoptr(GString) s = g_string_new (NULL);

      for (guint c = 0; row[c] != NULL; c++)
        append_cell (s, row[c]);
      g_string_append_c (s, '|');
      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, s->str);
      /* a bold first row over regular ones is the header */
      if (r == 0 && rows->len > 1 && g_array_index (row_bold, gboolean, 0)
          && !g_array_index (row_bold, gboolean, 1))
        {
          g_string_append_c (body, '\n');
          for (guint c = 0; row[c] != NULL; c++)
            g_string_append (body, rule_cell (extents, cols->len, c, 1, rows->len));
          g_string_append_c (body, '|');
        }
    }
  measure_body (after, page_width, &m);
  build_paragraphs (after, &m, body);
  return TRUE;
}

/* Portrait body lines: runs of lines standing in columns (two or more
 * stretches apart, or one stretch inside a column under them) are a table,
 * the rest paragraphs. */
static void
build_flow (GPtrArray *lines, const Measure *m, double page_width, GString *body)
{
  g_autoptr(GPtrArray) run = g_ptr_array_new ();
  guint i = 0;

  while (i < lines->len)
    {
      Line *line = g_ptr_array_index (lines, i);
      g_autoptr(GArray) segs = line_segments (line);

      if (segs->len >= 2)
        {
          g_autoptr(GArray) spans = g_array_copy (segs);
          guint j = i + 1, multi = 1;

          while (j < lines->len)
            {
              Line *l = g_ptr_array_index (lines, j), *p = g_ptr_array_index (lines, j - 1);
              g_autoptr(GArray) s2 = line_segments (l);
              gboolean inside = FALSE;

              if (fabs (l->size - line->size) > 0.5 || l->page != p->page
                  || l->y2 - p->y2 > 2.5 * l->size)
                break;
              if (s2->len >= 2)
                {
                  g_array_append_vals (spans, s2->data, s2->len);
                  multi++;
                  j++;
                  continue;
                }
              for (guint k = 0; k < spans->len && !inside; k++)
                {
                  const Span *sp = &g_array_index (spans, Span, k);

                  inside = l->x1 >= sp->x1 - 2 && l->x2 <= sp->x2 + 2;
                }
              if (!inside)
                break;
              j++;
            }
          if (multi >= 2)
            {
              g_autoptr(GPtrArray) region = g_ptr_array_new ();

              for (guint k = i; k < j; k++)
                g_ptr_array_add (region, g_ptr_array_index (lines, k));
              build_paragraphs (run, m, body);
              g_ptr_array_set_size (run, 0);
              if (build_table (region, page_width, body))
                {
                  i = j;
                  continue;
                }
            }
        }
      g_ptr_array_add (run, line);
      i++;
    }
  build_paragraphs (run, m, body);
}

/* ------------------------------------------------------------------ */
/* Zones                                                              */

static const char * const type_names[] = {
  "ke hoach", "chuong trinh", "huong dan", "phuong an", "de an", "bao cao",
  "thong bao", "quyet dinh", "to trinh", "ke hoach lien tich", NULL,
};

static gboolean
is_type_line (const Line *line)
{
  g_autofree char *f = folded_text (line);

  for (guint i = 0; type_names[i] != NULL; i++)
    if (strcmp (f, type_names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_separator_text (const char *t)
{
  guint n = 0;

  for (const char *p = t; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '-' || c == '_' || c == 0x2013 || c == 0x2014 || c == '=')
        n++;
      else if (c != ' ')
        return FALSE;
    }
  return n >= 3;
}

static void
add_column (Page *page, guint from, guint to, double split, gboolean left, double width,
            GPtrArray *out, gboolean upper_only)
{
  g_autoptr(GArray) glyphs = column_glyphs (page, from, to, split, left);
  g_autoptr(GPtrArray) lines = group_lines (glyphs, 0);

  column_items (lines, width, out, upper_only);
  /* "Số:" with neither number nor symbol says nothing */
  for (guint i = out->len; i-- > 0;)
    {
      g_autofree char *f = thidua_text_fold (g_ptr_array_index (out, i));

      if (strcmp (f, "so") == 0 || strcmp (f, "so:") == 0 || is_marking (f))
        g_ptr_array_remove_index (out, i);
    }
}

/* The recipients' column: "Nơi nhận:" first, then one item per recipient;
 * a line without its own "-" (or further right than the dashes) goes on
 * the recipient above. */
static void
recipients_items (GPtrArray *lines, GPtrArray *out)
{
  GString *cur = NULL;
  double item_x = 0;
  gboolean dashes = FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = g_ptr_array_index (lines, i);
      g_autofree char *t = line_text (line);
      gunichar c = g_utf8_get_char (t);
      gboolean marker = c == '-' || c == '+' || c == 0x2022 || c == 0x2013 || c == 0x2014;
      g_autofree char *folded = thidua_text_fold (t);

      if (g_str_has_prefix (folded, "noi nhan"))
        {
          if (cur != NULL)
            g_ptr_array_add (out, g_string_free (cur, FALSE));
          cur = NULL;
          g_ptr_array_add (out, g_strdup (t));
          continue;
        }
      if (is_certificate_detail (folded))
        continue;
      if (cur != NULL && ((dashes && (!marker || line->x1 > item_x + 0.3 * line->size))
                          || (!dashes && line->x1 > item_x + 0.3 * line->size)))
        {
          g_string_append_c (cur, ' ');
          g_string_append (cur, t);
          continue;
        }
      if (cur != NULL)
        g_ptr_array_add (out, g_string_free (cur, FALSE));
      dashes |= marker;
      item_x = line->x1;
      if (marker)
        {
          const char *rest = g_utf8_next_char (t);

          while (*rest == ' ')
            rest++;
          cur = g_string_new ("- ");
          g_string_append (cur, rest);
        }
      else
        cur = g_string_new (t);
    }
  if (cur != NULL)
    g_ptr_array_add (out, g_string_free (cur, FALSE));
}

typedef struct {
  guint page;
  guint line;
} Pos;

static gboolean
read_document (PopplerDocument *doc, ThiduaPdfText *out, GError **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  g_autoptr(GPtrArray) body_lines = g_ptr_array_new ();
  g_autoptr(GString) body = g_string_new (NULL);
  int n_pages = poppler_document_get_n_pages (doc);
  gint64 start = g_get_monotonic_time ();
  guint n_glyphs = 0;
  Page *first;
  guint type_line = G_MAXUINT, title_end = 0, header_end = 0;
  Pos closing = { G_MAXUINT, 0 };
  gboolean recipients_heading = FALSE;
  g_autoptr(GPtrArray) subject_lines = g_ptr_array_new ();
  Measure m;

  if (n_pages <= 0)
    {
      g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_NO_TEXT,
                   _("the PDF has no pages"));
      return FALSE;
    }
  if (n_pages > THIDUA_PDF_MAX_PAGES)
    {
      g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_TOO_MANY_PAGES,
                   _("the PDF has %d pages; a plan has at most %d"), n_pages,
                   THIDUA_PDF_MAX_PAGES);
      return FALSE;
    }
  out->n_pages = n_pages;
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *ppage;
      Page *page;

      if (g_get_monotonic_time () - start > THIDUA_PDF_TIME_LIMIT_S * G_USEC_PER_SEC)
        {
          g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_TOO_SLOW,
                       _("reading the PDF took longer than %d seconds (stopped at page %d of %d)"),
                       THIDUA_PDF_TIME_LIMIT_S, i + 1, n_pages);
          return FALSE;
        }
      if ((ppage = poppler_document_get_page (doc, i)) == NULL)
        {
          g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_NOT_PDF,
                       _("page %d of the PDF cannot be read"), i + 1);
          return FALSE;
        }
      page = read_page (ppage, i, &out->n_dropped);
      g_object_unref (ppage);
      n_glyphs += page->glyphs->len;
      g_ptr_array_add (pages, page);
      if (n_glyphs > THIDUA_PDF_MAX_GLYPHS)
        {
          g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_TOO_MANY_PAGES,
                       _("the PDF holds more text than a plan (over %d characters by page %d)"),
                       THIDUA_PDF_MAX_GLYPHS, i + 1);
          return FALSE;
        }
    }
  if (n_glyphs == 0)
    {
      g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_NO_TEXT,
                   _("the PDF has no text layer (its pages are images, as a scan is): there is "
                     "no text to import; Thi Đua does not guess text from images"));
      return FALSE;
    }
  drop_furniture (pages, &out->n_dropped);

  /* Header and title: page 1 down to the type name and the centred lines
   * after it. */
  first = g_ptr_array_index (pages, 0);
  for (guint i = 0; i < first->lines->len && i < 40; i++)
    {
      Line *line = g_ptr_array_index (first->lines, i);

      if (!line->dropped && is_type_line (line))
        {
          type_line = i;
          break;
        }
    }
  if (type_line == G_MAXUINT)
    {
      /* no type name: the header is the top lines that keep to one half */
      double mid = first->width / 2;

      for (header_end = 0; header_end < first->lines->len; header_end++)
        {
          Line *line = g_ptr_array_index (first->lines, header_end);

          g_autoptr(GArray) segs = line_segments (line);

          if (!line->dropped && line->x1 < mid - 15 && line->x2 > mid + 15 && segs->len == 1)
            break;
        }
      if (header_end == first->lines->len)
        header_end = 0;
      title_end = header_end;
    }
  else
    {
      Line *tl = g_ptr_array_index (first->lines, type_line);
      double centre = (tl->x1 + tl->x2) / 2;
      Line *prev = tl;

      header_end = type_line;
      g_ptr_array_add (out->title, line_text (tl));
      for (title_end = type_line + 1; title_end < first->lines->len; title_end++)
        {
          Line *line = g_ptr_array_index (first->lines, title_end);
          g_autofree char *t = line_text (line);

          if (line->dropped)
            continue;
          if (fabs ((line->x1 + line->x2) / 2 - centre) > 0.5 * line->size
              || line->y1 - prev->y2 > 1.5 * line->size
              || (subject_lines->len > 0 && !line->bold && prev->bold))
            break;
          prev = line;
          if (is_separator_text (t))
            {
              title_end++;
              break;
            }
          g_ptr_array_add (subject_lines, line);
        }
    }
  /* The closing: the last "Nơi nhận:" on a portrait page, with the
   * signature lines just above it, or else a trailing run of lines that
   * keep to the right half. */
  for (guint p = pages->len; p-- > 0 && closing.page == G_MAXUINT;)
    {
      Page *page = g_ptr_array_index (pages, p);

      if (page->landscape)
        continue;
      for (guint i = page->lines->len; i-- > 0;)
        {
          Line *line = g_ptr_array_index (page->lines, i);

          if (p == 0 && i < title_end)
            break;
          if (!line->dropped && starts_with_fold (line, "noi nhan"))
            {
              closing = (Pos) { p, i };
              recipients_heading = TRUE;
              /* an authority line printed a little above the heading */
              while (closing.line > (p == 0 ? title_end : 0))
                {
                  Line *above = g_ptr_array_index (page->lines, closing.line - 1);
                  Line *below = g_ptr_array_index (page->lines, closing.line);

                  if (above->dropped || above->x1 < page->width / 2 - 20
                      || below->y1 - above->y2 > 0.8 * above->size)
                    break;
                  closing.line--;
                }
              break;
            }
        }
    }
  if (closing.page == G_MAXUINT)
    {
      for (guint p = pages->len; p-- > 0 && closing.page == G_MAXUINT;)
        {
          Page *page = g_ptr_array_index (pages, p);
          guint i = page->lines->len;

          if (page->landscape)
            continue;
          while (i > (p == 0 ? title_end : 0))
            {
              Line *line = g_ptr_array_index (page->lines, i - 1);

              if (!line->dropped && line->x1 < page->width / 2 - 20)
                break;
              i--;
            }
          if (i < page->lines->len)
            closing = (Pos) { p, i };
          else
            break;
        }
    }
  /* Body: what lies between, portrait lines as paragraphs, a landscape
   * page on its own. */
  {
    GPtrArray *portrait = g_ptr_array_new ();

    for (guint p = 0; p < pages->len; p++)
      {
        Page *page = g_ptr_array_index (pages, p);

        if (page->landscape)
          continue;
        if (closing.page != G_MAXUINT && p > closing.page)
          break;
        for (guint i = p == 0 ? title_end : 0; i < page->lines->len; i++)
          {
            Line *line = g_ptr_array_index (page->lines, i);

            if (closing.page == p && i >= closing.line)
              break;
            if (!line->dropped)
              g_ptr_array_add (portrait, line);
          }
      }
    measure_body (portrait, first->width, &m);
    g_ptr_array_unref (portrait);
  }
  /* The subject: wrapped lines joined with a space, a line the author
   * broke (the next word would have fitted) with a line break. */
  if (subject_lines->len > 0)
    {
      GString *subject = g_string_new (NULL);

      for (guint i = 0; i < subject_lines->len; i++)
        {
          Line *line = g_ptr_array_index (subject_lines, i);
          g_autofree char *t = line_text (line);

          if (i > 0)
            g_string_append_c (subject, was_wrapped (g_ptr_array_index (subject_lines, i - 1), line,
                                                     m.right - m.left, -1) ? ' ' : '\n');
          g_string_append (subject, t);
        }
      g_ptr_array_add (out->title, g_string_free (subject, FALSE));
    }
  if (header_end > 0)
    {
      g_autoptr(GArray) all = column_glyphs (first, 0, header_end, G_MAXDOUBLE, TRUE);
      double split = find_split (all, first->width * 0.25, first->width * 0.75, first->width / 2);
      double left_edge = G_MAXDOUBLE, right_edge = 0;

      for (guint i = 0; i < all->len; i++)
        {
          const Glyph *g = &g_array_index (all, Glyph, i);
          left_edge = MIN (left_edge, g->x1);
          right_edge = MAX (right_edge, g->x2);
        }
      left_edge = MIN (left_edge, m.left);
      right_edge = MAX (right_edge, m.right);
      add_column (first, 0, header_end, split, TRUE, split - left_edge, out->header_left, TRUE);
      add_column (first, 0, header_end, split, FALSE, right_edge - split, out->header_right, TRUE);
    }

  if (closing.page != G_MAXUINT)
    {
      Page *page = g_ptr_array_index (pages, closing.page);
      g_autoptr(GArray) all = column_glyphs (page, closing.line, page->lines->len, G_MAXDOUBLE, TRUE);
      double split = recipients_heading
                     ? find_split (all, page->width * 0.3, page->width * 0.7, page->width / 2)
                     : 0;
      double right_edge = 0;
      g_autoptr(GArray) left = column_glyphs (page, closing.line, page->lines->len, split, TRUE);
      g_autoptr(GPtrArray) left_lines = group_lines (left, closing.page);
      g_autoptr(GArray) right = column_glyphs (page, closing.line, page->lines->len, split, FALSE);
      g_autoptr(GPtrArray) right_lines = group_lines (right, closing.page);
      g_autoptr(GPtrArray) sig = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < right->len; i++)
        right_edge = MAX (right_edge, g_array_index (right, Glyph, i).x2);
      /* centred lines: the column reaches the text's right margin */
      right_edge = MAX (right_edge, m.right);
      /* recipients that go on to the next portrait pages */
      for (guint p = closing.page + 1; p < pages->len; p++)
        {
          Page *next = g_ptr_array_index (pages, p);

          if (next->landscape)
            continue;
          for (guint i = 0; i < next->lines->len; i++)
            if (!((Line *) g_ptr_array_index (next->lines, i))->dropped)
              {
                Line *copy = g_new0 (Line, 1);

                *copy = *(Line *) g_ptr_array_index (next->lines, i);
                copy->glyphs = g_array_ref (copy->glyphs);
                g_ptr_array_add (left_lines, copy);
              }
        }
      recipients_items (left_lines, out->closing_left);
      column_items (right_lines, right_edge - split, sig, FALSE);
      for (guint i = 0; i < sig->len; i++)
        {
          g_autofree char *folded = thidua_text_fold (g_ptr_array_index (sig, i));

          if (is_certificate_detail (folded) || is_certificate_line (folded))
            continue;
          g_ptr_array_add (out->closing_right, g_strdup (g_ptr_array_index (sig, i)));
        }
    }

  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = g_ptr_array_index (pages, p);

      if (page->landscape)
        {
          g_autoptr(GPtrArray) lines = g_ptr_array_new ();
          Measure lm;

          build_flow (body_lines, &m, first->width, body);
          g_ptr_array_set_size (body_lines, 0);
          for (guint i = 0; i < page->lines->len; i++)
            if (!((Line *) g_ptr_array_index (page->lines, i))->dropped)
              g_ptr_array_add (lines, g_ptr_array_index (page->lines, i));
          if (!build_table (lines, page->width, body))
            {
              measure_body (lines, page->width, &lm);
              build_paragraphs (lines, &lm, body);
            }
          continue;
        }
      if (closing.page != G_MAXUINT && p > closing.page)
        continue;
      for (guint i = p == 0 ? title_end : 0; i < page->lines->len; i++)
        {
          Line *line = g_ptr_array_index (page->lines, i);

          if (closing.page == p && i >= closing.line)
            break;
          if (!line->dropped)
            g_ptr_array_add (body_lines, line);
        }
    }
  build_flow (body_lines, &m, first->width, body);
  out->body = g_string_free (g_steal_pointer (&body), FALSE);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Entry points                                                       */

static gboolean
has_encrypt_key (const guint8 *data, gsize len)
{
  static const char key[] = "/Encrypt";

  for (gsize i = 0; i + sizeof key - 1 <= len; i++)
    if (data[i] == '/' && memcmp (data + i, key, sizeof key - 1) == 0)
      {
        guint8 next = i + sizeof key - 1 < len ? data[i + sizeof key - 1] : ' ';

        /* "/EncryptMetadata" is another key */
        if (!g_ascii_isalnum (next))
          return TRUE;
      }
  return FALSE;
}

static void
poppler_quiet (const char *log_domain, GLogLevelFlags level, const char *message, gpointer data)
{
}

gboolean
thidua_pdf_read_data (const guint8 *data, gsize len, ThiduaPdfText **out, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  PopplerDocument *doc = NULL;
  gboolean ok;
  g_autoptr(GError) local = NULL;
  g_autoptr(ThiduaPdfText) text = NULL;

  g_return_val_if_fail (out != NULL, FALSE);
  *out = NULL;
  if (len > THIDUA_PDF_MAX_SIZE)
    {
      g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_TOO_LARGE,
                   _("the PDF is too large for a plan (%.1f MB; the limit is %d MB)"),
                   len / (1024.0 * 1024.0), THIDUA_PDF_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }
  if (!thidua_pdf_sniff (data, len))
    {
      g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_NOT_PDF, _("this is not a PDF file"));
      return FALSE;
    }
  /* Encrypted also when it opens without a password (restrictions only):
   * the office's plan is not ours to unlock. */
  if (has_encrypt_key (data, len))
    {
      g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_ENCRYPTED,
                   _("the PDF is encrypted (password-protected): Thi Đua does not import "
                     "encrypted PDFs; ask the sender for an unprotected copy"));
      return FALSE;
    }
  bytes = g_bytes_new (data, len);
  {
    guint handler = g_log_set_handler ("Poppler", G_LOG_LEVEL_MASK, poppler_quiet, NULL);

    doc = poppler_document_new_from_bytes (bytes, NULL, &local);
    g_log_remove_handler ("Poppler", handler);
  }
  if (doc == NULL)
    {
      if (g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_ENCRYPTED,
                     _("the PDF is encrypted (password-protected): Thi Đua does not import "
                       "encrypted PDFs; ask the sender for an unprotected copy"));
      else
        g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_NOT_PDF,
                     _("the PDF is damaged and cannot be read (%s)"), local->message);
      return FALSE;
    }
  text = g_new0 (ThiduaPdfText, 1);
  text->header_left = g_ptr_array_new_with_free_func (g_free);
  text->header_right = g_ptr_array_new_with_free_func (g_free);
  text->title = g_ptr_array_new_with_free_func (g_free);
  text->closing_left = g_ptr_array_new_with_free_func (g_free);
  text->closing_right = g_ptr_array_new_with_free_func (g_free);
  ok = read_document (doc, text, error);
  g_object_unref (doc);
  if (!ok)
    return FALSE;
  *out = g_steal_pointer (&text);
  return TRUE;
}

gboolean
thidua_pdf_read (const char *path, ThiduaPdfText **out, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) data = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *name = g_filename_display_name (path);
  guint8 buf[65536];
  gssize n;

  *out = NULL;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &local);
  if (info == NULL)
    {
      g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_NOT_FILE, "%s: %s", name,
                   local->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_NOT_FILE,
                   g_file_info_get_file_type (info) == G_FILE_TYPE_SYMBOLIC_LINK
                   ? _("%s: is a symbolic link; open the file it points to instead")
                   : _("%s: is not a regular file"), name);
      return FALSE;
    }
  if (g_file_info_get_size (info) > THIDUA_PDF_MAX_SIZE)
    {
      g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_TOO_LARGE,
                   _("%s: the PDF is too large for a plan (%.1f MB; the limit is %d MB)"), name,
                   g_file_info_get_size (info) / (1024.0 * 1024.0),
                   THIDUA_PDF_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }
  stream = g_file_read (file, NULL, &local);
  if (stream == NULL)
    {
      g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_NOT_FILE, "%s: %s", name,
                   local->message);
      return FALSE;
    }
  /* read with the cap, whatever the size said a moment ago */
  data = g_byte_array_new ();
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buf, sizeof buf, NULL, &local)) > 0)
    {
      if (data->len + n > THIDUA_PDF_MAX_SIZE)
        {
          g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_TOO_LARGE,
                       _("%s: the PDF is too large for a plan (the limit is %d MB)"), name,
                       THIDUA_PDF_MAX_SIZE / (1024 * 1024));
          return FALSE;
        }
      g_byte_array_append (data, buf, n);
    }
  if (n < 0)
    {
      g_set_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_NOT_FILE, "%s: %s", name,
                   local->message);
      return FALSE;
    }
  if (!thidua_pdf_read_data (data->data, data->len, out, &local))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", name);
      return FALSE;
    }
  return TRUE;
}

char *
thidua_pdf_text_to_plain (const ThiduaPdfText *text)
{
  GString *s = g_string_new (NULL);
  guint rows = MAX (text->header_left->len, text->header_right->len);

  for (guint i = 0; i < rows; i++)
    {
      const char *l = i < text->header_left->len ? g_ptr_array_index (text->header_left, i) : "";
      const char *r = i < text->header_right->len ? g_ptr_array_index (text->header_right, i) : "";

      g_string_append_printf (s, "%s\t%s\n", l, r);
    }
  if (rows > 0)
    g_string_append_c (s, '\n');
  for (guint i = 0; i < text->title->len; i++)
    g_string_append_printf (s, "%s\n", (char *) g_ptr_array_index (text->title, i));
  if (text->title->len > 0)
    g_string_append_c (s, '\n');
  if (text->body != NULL && text->body[0] != '\0')
    g_string_append_printf (s, "%s\n\n", text->body);
  for (guint i = 0; i < text->closing_left->len; i++)
    g_string_append_printf (s, "%s\n", (char *) g_ptr_array_index (text->closing_left, i));
  if (text->closing_left->len > 0)
    g_string_append_c (s, '\n');
  for (guint i = 0; i < text->closing_right->len; i++)
    g_string_append_printf (s, "%s\n", (char *) g_ptr_array_index (text->closing_right, i));
  return g_string_free (s, FALSE);
}

ThiduaPlan *
thidua_pdf_import (const char *path, int profile, GPtrArray *warnings, GError **error)
{
  g_autoptr(ThiduaPdfText) text = NULL;
  g_autofree char *plain = NULL;
  ThiduaPlan *plan;

  if (!thidua_pdf_read (path, &text, error))
    return NULL;
  plain = thidua_pdf_text_to_plain (text);
  plan = thidua_import_text (plain, -1, profile, warnings);
  /* The recogniser joins a subject's lines; the page showed where its
   * author broke it. */
  if (text->title->len >= 2)
    {
      const char *subject = g_ptr_array_index (text->title, 1);
      g_autofree char *joined = g_strdup (subject);

      g_strdelimit (joined, "\n", ' ');
      if (strchr (subject, '\n') != NULL
          && g_strcmp0 (thidua_plan_get_subject (plan), joined) == 0)
        thidua_plan_set_subject (plan, subject);
    }
  return plan;
}
