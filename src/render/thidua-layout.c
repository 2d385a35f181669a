/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-layout.c — compose a plan into pages and draw them.
 *
 * Composition has three steps:
 *  1. every piece of text becomes a CachedText (a PangoLayout laid out at
 *     its final width, with its line metrics), looked up by a key made of
 *     its style, width and text, so an edit re-lays only what changed;
 *  2. the body and closing become a flat list of units (one per body line,
 *     one per table row, one for the closing head, one per recipient) with
 *     "no break before" flags for headings, widows/orphans, a table's
 *     header and first row, and the signature block;
 *  3. a greedy paginator places the units, moving back to the last
 *     allowed break when a unit does not fit, and repeats a table's header
 *     row above a row that starts a page.
 * Drawing replays the placed lines with pango_cairo_show_layout_line().
 */
#include "config.h"
#include "thidua-layout.h"
#include "thidua-profile-private.h"
#include "thidua-render.h"
#include "thidua-markup.h"
#include "thidua-text.h"
#include "thidua-stamp.h"
#include "thidua-legal.h"

#include <pango/pangocairo.h>
#include <string.h>
#include <glib/gi18n-lib.h>

/* ------------------------------------------------------------------ */
/* Cached text                                                        */

typedef struct {
  grefcount    ref;
  PangoLayout *layout;
  int          n_lines;
  double      *line_top;     /* pt from the layout's top */
  double      *line_bottom;
  double      *baseline;
  double      *line_x;       /* where the line's origin goes, from the layout's left */
  double       height;
  double       max_width;    /* widest line, logical */
} CachedText;

static CachedText *
cached_text_ref (CachedText *ct)
{
  g_ref_count_inc (&ct->ref);
  return ct;
}

static void
cached_text_unref (CachedText *ct)
{
  if (!g_ref_count_dec (&ct->ref))
    return;
  g_object_unref (ct->layout);
  g_free (ct->line_top);
  g_free (ct->line_bottom);
  g_free (ct->baseline);
  g_free (ct->line_x);
  g_free (ct);
}

typedef struct {
  double          size;
  gboolean        bold;
  gboolean        italic;
  gboolean        underline;
  PangoAlignment  align;
  gboolean        justify;
  double          width;      /* pt; wrap at this width */
  double          indent;     /* first-line indent, pt */
  double          spacing;    /* line spacing factor, 0 = natural */
  gboolean        upper;      /* print in upper case */
  gboolean        keep_numbers; /* no break inside 05/CT-TTg, 30-HD/HVCTQG */
} TextStyle;

/* ------------------------------------------------------------------ */
/* Units and pages                                                    */

typedef enum {
  UNIT_BODY_LINE,
  UNIT_TABLE_ROW,
  UNIT_CLOSING_HEAD,
  UNIT_RECIPIENT,
  UNIT_FORM_CLOSING,
} UnitKind;

/* A table's column boundaries on the page. */
typedef struct {
  guint   n_columns;
  double *col_x;              /* n_columns + 1 x positions, pt */
} TableGeom;

/* One row of a table laid out: a text per cell (one for a group row). */
typedef struct {
  TableGeom   *geom;
  CachedText **cells;
  guint        n_cells;
  gboolean     header;
  double       height;
} TableRow;

typedef struct {
  UnitKind  kind;
  CachedText *ct;             /* body line: the block's text */
  TableRow *row;              /* table row */
  int       header_unit;      /* table row: its table's header unit, or -1 */
  guint     block;            /* body block / recipient index */
  int       line;             /* line of the block's text */
  double    gap;              /* space before; dropped at the top of a page */
  double    height;           /* advance */
  double    need;             /* room needed from its top (>= height) */
  gboolean  no_break_before;
  gboolean  heading;          /* a line of a heading or titled item */
  /* placement */
  guint     page;
  double    y;
} Unit;

typedef struct {
  CachedText *ct;
  int         first_line;
  int         n_lines;
  double      x;              /* left of the layout */
  double      y;              /* top of the first drawn line */
} TextItem;

typedef struct {
  double x1, y1, x2, y2, width;
} RuleItem;

typedef struct {
  GArray *texts;   /* TextItem */
  GArray *rules;   /* RuleItem */
} Page;

static void
page_free (Page *page)
{
  for (guint i = 0; i < page->texts->len; i++)
    cached_text_unref (g_array_index (page->texts, TextItem, i).ct);
  g_array_unref (page->texts);
  g_array_unref (page->rules);
  g_free (page);
}

static void
warning_free (ThiduaLayoutWarning *w)
{
  g_free (w->field);
  g_free (w->message);
  g_free (w);
}

struct _ThiduaLayout
{
  GObject        parent_instance;

  ThiduaProfile *profile;
  PangoContext  *context;
  char          *font_family_used;
  gboolean       font_ok;

  GRegex        *number_regex;
  GHashTable    *cache;       /* key → CachedText */
  GHashTable    *old_cache;   /* during an update */
  guint          reused;
  guint          created;

  GPtrArray     *pages;       /* Page */
  GPtrArray     *warnings;    /* ThiduaLayoutWarning */
  GArray        *block_pages; /* per body block: (start offset, page) */
  gboolean       landscape;   /* the current composition is a landscape form */
  double         header_rules[3]; /* issuing body, motto, subject rule lengths (pt) */
  ThiduaLegalTable *legal;    /* legal documents, read at the first plan */
  char          *legal_error; /* why they could not be read */
};

typedef struct {
  gsize start;
  guint page;
} BlockPage;

G_DEFINE_FINAL_TYPE (ThiduaLayout, thidua_layout, G_TYPE_OBJECT)

enum { PROP_0, PROP_PROFILE, PROP_N_PAGES, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
thidua_layout_dispose (GObject *object)
{
  ThiduaLayout *self = THIDUA_LAYOUT (object);

  g_clear_object (&self->profile);
  g_clear_object (&self->context);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->number_regex, g_regex_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->block_pages, g_array_unref);
  g_clear_object (&self->legal);
  g_clear_pointer (&self->legal_error, g_free);
  G_OBJECT_CLASS (thidua_layout_parent_class)->dispose (object);
}

static void
thidua_layout_finalize (GObject *object)
{
  ThiduaLayout *self = THIDUA_LAYOUT (object);

  g_free (self->font_family_used);
  G_OBJECT_CLASS (thidua_layout_parent_class)->finalize (object);
}

static void
thidua_layout_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ThiduaLayout *self = THIDUA_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, self->pages->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_layout_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ThiduaLayout *self = THIDUA_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      thidua_layout_set_profile (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_layout_class_init (ThiduaLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = thidua_layout_dispose;
  object_class->finalize = thidua_layout_finalize;
  object_class->get_property = thidua_layout_get_property;
  object_class->set_property = thidua_layout_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, THIDUA_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after every update: the pages must be drawn again. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
thidua_layout_init (ThiduaLayout *self)
{
  cairo_font_options_t *options;

  /* Device-independent metrics: the preview, the printer and the PDF must
   * break lines at the same places. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) cached_text_unref);
  /* 05/CT-TTg, 30-HD/HVCTQG, 278/KH-UBND, 1791-CV/HVCTQG: digits, then
   * '/' or '-' and a code starting with a capital letter. */
  self->number_regex = g_regex_new ("\\d+[/-]\\p{Lu}[\\p{L}\\d&]*(?:[/-][\\p{L}\\d&]+)*",
                                    G_REGEX_OPTIMIZE, 0, NULL);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  self->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) warning_free);
  self->block_pages = g_array_new (FALSE, FALSE, sizeof (BlockPage));
}

/* ------------------------------------------------------------------ */

static void
add_warning (ThiduaLayout *self, const char *field, int line, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
add_warning (ThiduaLayout *self, const char *field, int line, const char *format, ...)
{
  ThiduaLayoutWarning *w = g_new0 (ThiduaLayoutWarning, 1);
  va_list args;

  va_start (args, format);
  w->message = g_strdup_vprintf (format, args);
  va_end (args);
  w->field = g_strdup (field);
  w->line = line;
  g_ptr_array_add (self->warnings, w);
}

/* A sentence named in a warning: its first words, not the paragraph. */
static char *
short_text (const char *text, glong max_chars)
{
  g_autofree char *head = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);
  head = g_utf8_substring (text, 0, max_chars);
  return g_strconcat (g_strchomp (head), "…", NULL);
}

/* The key of a text in the cache: everything that changes its layout. */
static char *
text_key (ThiduaLayout *self, const TextStyle *st, const char *text, GArray *runs)
{
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "%g|%d%d%d%d%d%d%d|%g|%g|%g|",
                          st->size, st->bold, st->italic, st->underline, st->align,
                          st->justify, st->upper, st->keep_numbers,
                          st->width, st->indent, st->spacing);
  if (runs != NULL)
    for (guint i = 0; i < runs->len; i++)
      {
        const ThiduaRun *r = &g_array_index (runs, ThiduaRun, i);
        g_string_append_printf (key, "%d\x1f%s\x1e", r->style, r->text);
      }
  else
    g_string_append (key, text);
  return g_string_free (key, FALSE);
}

static char *
printed_copy (const char *s, gboolean upper)
{
  char *out = upper ? g_utf8_strup (s, -1) : g_strdup (s);

  /* Source line breaks inside a paragraph are not printed breaks. */
  for (char *p = out; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return out;
}

static CachedText *
build_text (ThiduaLayout *self, const TextStyle *st, const char *text, GArray *runs)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_new ();
  PangoAttrList *attrs = pango_attr_list_new ();
  g_autoptr(GString) printed = g_string_new (NULL);
  CachedText *ct = g_new0 (CachedText, 1);
  PangoLayoutIter *iter;
  int i;

  g_ref_count_init (&ct->ref);

  if (runs != NULL)
    for (guint r = 0; r < runs->len; r++)
      {
        const ThiduaRun *run = &g_array_index (runs, ThiduaRun, r);
        g_autofree char *piece = printed_copy (run->text, st->upper);
        guint start = printed->len;
        PangoAttribute *a;

        g_string_append (printed, piece);
        if (run->style & THIDUA_RUN_BOLD)
          {
            a = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
            a->start_index = start;
            a->end_index = printed->len;
            pango_attr_list_insert (attrs, a);
          }
        if (run->style & THIDUA_RUN_ITALIC)
          {
            a = pango_attr_style_new (PANGO_STYLE_ITALIC);
            a->start_index = start;
            a->end_index = printed->len;
            pango_attr_list_insert (attrs, a);
          }
      }
  else if (st->upper)
    {
      g_autofree char *up = g_utf8_strup (text, -1);
      g_string_append (printed, up);
    }
  else
    g_string_append (printed, text);

  /* Vietnamese is written with spaces between syllables: never insert a
   * hyphen, and never break inside a document number. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  if (st->keep_numbers)
    {
      g_autoptr(GMatchInfo) match = NULL;

      g_regex_match (self->number_regex, printed->str, 0, &match);
      while (g_match_info_matches (match))
        {
          int s, e;
          PangoAttribute *a;

          g_match_info_fetch_pos (match, 0, &s, &e);
          a = pango_attr_allow_breaks_new (FALSE);
          a->start_index = s;
          a->end_index = e;
          pango_attr_list_insert (attrs, a);
          g_match_info_next (match, NULL);
        }
    }
  if (st->underline)
    pango_attr_list_insert (attrs, pango_attr_underline_new (PANGO_UNDERLINE_SINGLE));

  pango_font_description_set_family (desc, thidua_layout_get_print_family (self));
  pango_font_description_set_size (desc, (int) (st->size * PANGO_SCALE + 0.5));
  pango_font_description_set_weight (desc, st->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (desc, st->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);

  ct->layout = pango_layout_new (self->context);
  pango_layout_set_font_description (ct->layout, desc);
  pango_layout_set_text (ct->layout, printed->str, printed->len);
  pango_layout_set_attributes (ct->layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_wrap (ct->layout, PANGO_WRAP_WORD);
  if (st->width > 0)
    pango_layout_set_width (ct->layout, (int) (st->width * PANGO_SCALE));
  pango_layout_set_alignment (ct->layout, st->align);
  pango_layout_set_justify (ct->layout, st->justify);
  pango_layout_set_indent (ct->layout, (int) (st->indent * PANGO_SCALE));
  if (st->spacing > 0)
    pango_layout_set_line_spacing (ct->layout, (float) st->spacing);

  ct->n_lines = pango_layout_get_line_count (ct->layout);
  ct->line_top = g_new (double, ct->n_lines);
  ct->line_bottom = g_new (double, ct->n_lines);
  ct->baseline = g_new (double, ct->n_lines);
  ct->line_x = g_new (double, ct->n_lines);

  /* Line tops from the logical extents: with a line-spacing factor the
   * y-ranges Pango reports do not add up to the baseline distances. */
  iter = pango_layout_get_iter (ct->layout);
  i = 0;
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle line_logical, own;

      pango_layout_iter_get_line_extents (iter, NULL, &line_logical);
      pango_layout_line_get_extents (line, NULL, &own);
      ct->line_top[i] = (double) line_logical.y / PANGO_SCALE;
      ct->line_bottom[i] = (double) (line_logical.y + line_logical.height) / PANGO_SCALE;
      ct->baseline[i] = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      ct->line_x[i] = (double) (line_logical.x - own.x) / PANGO_SCALE;
      ct->max_width = MAX (ct->max_width, (double) line_logical.width / PANGO_SCALE);
      i++;
    }
  while (pango_layout_iter_next_line (iter) && i < ct->n_lines);
  pango_layout_iter_free (iter);

  /* A line ends where the next begins; the last keeps the same pitch. */
  for (i = 0; i + 1 < ct->n_lines; i++)
    ct->line_bottom[i] = MAX (ct->line_bottom[i], ct->line_top[i + 1]);
  if (ct->n_lines > 1)
    {
      double pitch = ct->line_top[ct->n_lines - 1] - ct->line_top[ct->n_lines - 2];
      ct->line_bottom[ct->n_lines - 1] = MAX (ct->line_bottom[ct->n_lines - 1],
                                              ct->line_top[ct->n_lines - 1] + pitch);
    }
  else if (st->spacing > 1)
    {
      /* The pitch Pango gives a second line: the factor times the font's
       * height (line gap included), not times the logical line (0.6 pt
       * less at 14 pt), so a one-line paragraph steps like the others. */
      PangoFontMetrics *fm = pango_context_get_metrics (self->context, desc, NULL);
      double h = (double) pango_font_metrics_get_height (fm) / PANGO_SCALE;

      pango_font_metrics_unref (fm);
      if (h <= 0)
        h = ct->line_bottom[0] - ct->line_top[0];
      ct->line_bottom[0] = ct->line_top[0] + h * st->spacing;
    }

  ct->height = ct->line_bottom[ct->n_lines - 1] - ct->line_top[0];
  return ct;
}

/* A text laid out in this style, from the cache when nothing changed.
 * The returned reference belongs to the cache. */
static CachedText *
get_text (ThiduaLayout *self, const TextStyle *st, const char *text, GArray *runs)
{
  g_autofree char *key = text_key (self, st, text, runs);
  CachedText *ct;

  if ((ct = g_hash_table_lookup (self->cache, key)) != NULL)
    return ct;
  if (self->old_cache != NULL && (ct = g_hash_table_lookup (self->old_cache, key)) != NULL)
    {
      self->reused++;
      g_hash_table_insert (self->cache, g_steal_pointer (&key), cached_text_ref (ct));
      return ct;
    }
  self->created++;
  ct = build_text (self, st, text, runs);
  g_hash_table_insert (self->cache, g_steal_pointer (&key), ct);
  return ct;
}

/* ------------------------------------------------------------------ */
/* Placing                                                            */

static Page *
ensure_page (ThiduaLayout *self, guint index)
{
  while (self->pages->len <= index)
    {
      Page *p = g_new0 (Page, 1);
      p->texts = g_array_new (FALSE, FALSE, sizeof (TextItem));
      p->rules = g_array_new (FALSE, FALSE, sizeof (RuleItem));
      g_ptr_array_add (self->pages, p);
    }
  return g_ptr_array_index (self->pages, index);
}

static void
place_lines (ThiduaLayout *self, guint page, CachedText *ct, int first, int n, double x, double y)
{
  TextItem item = { cached_text_ref (ct), first, n, x, y };
  g_array_append_val (ensure_page (self, page)->texts, item);
}

static void
place_text (ThiduaLayout *self, guint page, CachedText *ct, double x, double y)
{
  place_lines (self, page, ct, 0, ct->n_lines, x, y);
}

static void
place_line (ThiduaLayout *self, guint page, double x1, double y1, double x2, double y2,
            double width)
{
  RuleItem r = { x1, y1, x2, y2, width };
  g_array_append_val (ensure_page (self, page)->rules, r);
}

static void
place_rule (ThiduaLayout *self, guint page, double x1, double x2, double y, double width)
{
  place_line (self, page, x1, y, x2, y, width);
}

/* The page in points, turned for a landscape form. */
static void
page_size (ThiduaLayout *self, double *width, double *height)
{
  const ThiduaProfileValues *v = thidua_profile_get_values (self->profile);
  double w = THIDUA_MM_TO_PT (v->page_width_mm);
  double h = THIDUA_MM_TO_PT (v->page_height_mm);

  *width = self->landscape ? MAX (w, h) : w;
  *height = self->landscape ? MIN (w, h) : h;
}

/* Text centred in a column [x, x + w] at y; returns its bottom. */
static double
place_centred (ThiduaLayout *self, const TextStyle *base, double size, gboolean bold,
               gboolean italic, const char *text, double x, double w, double y,
               CachedText **out)
{
  TextStyle st = *base;
  CachedText *ct;

  st.size = size;
  st.bold = bold;
  st.italic = italic;
  st.align = PANGO_ALIGN_CENTER;
  st.width = w;
  ct = get_text (self, &st, text, NULL);
  place_text (self, 0, ct, x, y);
  if (out)
    *out = ct;
  return y + ct->height;
}

static char *
padded_number (guint n, double below)
{
  if (n < below && n < 10)
    return g_strdup_printf ("%02u", n);
  return g_strdup_printf ("%u", n);
}

static char *
room (double n)
{
  return g_strnfill ((gsize) n, ' ');
}

static char *
format_number_line (const ThiduaProfileValues *v, ThiduaPlan *plan)
{
  const char *number = thidua_plan_get_number (plan);
  const char *symbol = thidua_plan_get_symbol (plan);
  g_autofree char *num = NULL;
  guint64 value;

  if (number[0] == '\0')
    num = room (v->number_blank_room);
  else if (g_ascii_string_to_unsigned (number, 10, 0, G_MAXUINT, &value, NULL) &&
           strlen (number) == 1)
    num = padded_number ((guint) value, v->number_leading_zero_below);
  else
    num = g_strdup (number);

  /* "Số: 215/KH-SYT" (state) — "Số 100-KH/TCT" (party); a blank number is
   * room for the clerk: "Số:        /KH-SYT". */
  return g_strdup_printf ("%s%s%s%s%s", v->number_prefix,
                          number[0] != '\0' ? " " : "", num,
                          symbol[0] != '\0' ? v->number_separator : "", symbol);
}

static char *
format_date_line (const ThiduaProfileValues *v, ThiduaPlan *plan)
{
  guint day = thidua_plan_get_day (plan);
  guint month = thidua_plan_get_month (plan);
  guint year = thidua_plan_get_year (plan);
  const char *place = thidua_plan_get_place (plan);
  g_autofree char *d = day ? padded_number (day, v->date_leading_zero_day_below) : room (v->date_blank_room);
  g_autofree char *m = month ? padded_number (month, v->date_leading_zero_month_below) : room (v->date_blank_room);
  g_autofree char *y = year ? g_strdup_printf ("%u", year) : room (v->date_blank_room);

  return g_strdup_printf ("%s%sngày %s tháng %s năm %s", place, place[0] ? ", " : "", d, m, y);
}

/* The number and the place-and-date, on one baseline below the header
 * columns; returns the y below them. */
static double
place_number_and_date (ThiduaLayout *self, ThiduaPlan *plan, const TextStyle *base,
                       double y, double lw, double rx, double rw)
{
  const ThiduaProfileValues *v = thidua_profile_get_values (self->profile);
  double ml = THIDUA_MM_TO_PT (v->margin_left_mm);
  g_autofree char *number_line = format_number_line (v, plan);
  g_autofree char *date_line = format_date_line (v, plan);
  CachedText *num_ct, *date_ct;
  TextStyle st = *base;
  double nb, db, base_y;

  st.size = v->number_size;
  st.align = PANGO_ALIGN_CENTER;
  st.width = lw;
  num_ct = get_text (self, &st, number_line, NULL);
  st.size = v->date_size;
  st.italic = TRUE;
  st.width = rw;
  date_ct = get_text (self, &st, date_line, NULL);

  nb = num_ct->baseline[0];
  db = date_ct->baseline[0];
  base_y = y + MAX (nb, db);
  place_text (self, 0, num_ct, ml, base_y - nb);
  place_text (self, 0, date_ct, rx, base_y - db);
  if (thidua_plan_get_place (plan)[0] == '\0')
    add_warning (self, "place", -1, _("The place of issue (địa danh) is missing"));
  return MAX (base_y - nb + num_ct->height, base_y - db + date_ct->height);
}

/* The two-column header and the title, on page 1.  Returns the y where the
 * body starts. */
static double
compose_header (ThiduaLayout *self, ThiduaPlan *plan, const TextStyle *base,
                gboolean number_and_date)
{
  const ThiduaProfileValues *v = thidua_profile_get_values (self->profile);
  double ml = THIDUA_MM_TO_PT (v->margin_left_mm);
  double mr = THIDUA_MM_TO_PT (v->margin_right_mm);
  double mt = THIDUA_MM_TO_PT (v->margin_top_mm);
  double pw, ph;
  double text_w;
  double lw = THIDUA_MM_TO_PT (v->header_left_column_mm);
  double rx, rw;
  double ly = mt, ry = mt, y;
  const char *superior = thidua_plan_get_superior_body (plan);
  const char *issuing = thidua_plan_get_issuing_body (plan);
  CachedText *ct = NULL;

  page_size (self, &pw, &ph);
  text_w = pw - ml - mr;
  rx = ml + lw;
  rw = text_w - lw;
  memset (self->header_rules, 0, sizeof self->header_rules);

  /* Left: superior body over issuing body, a short rule or a star. */
  if (superior[0] != '\0')
    {
      ly = place_centred (self, base, v->superior_body_size, FALSE, FALSE, superior, ml, lw, ly, &ct);
      if (ct->n_lines > v->header_max_lines)
        add_warning (self, "superior_body", -1,
                     _("The superior body takes %d lines in its column (at most %g): shorten it"),
                     ct->n_lines, v->header_max_lines);
    }
  if (issuing[0] != '\0')
    {
      ly = place_centred (self, base, v->issuing_body_size, TRUE, FALSE, issuing, ml, lw, ly, &ct);
      if (ct->n_lines > v->header_max_lines)
        add_warning (self, "issuing_body", -1,
                     _("The issuing body takes %d lines in its column (at most %g): shorten it"),
                     ct->n_lines, v->header_max_lines);
      if (v->issuing_body_mark == THIDUA_MARK_RULE)
        {
          double rule_w = ct->max_width * v->issuing_body_rule_ratio;
          double cx = ml + lw / 2;

          self->header_rules[0] = rule_w;

          /* Below the dots under Vietnamese capitals (Ụ, Ạ). */
          place_rule (self, 0, cx - rule_w / 2, cx + rule_w / 2, ly + 2.5, v->header_rule_width_pt);
          ly += 8.0;
        }
      else
        ly = place_centred (self, base, v->issuing_body_size, FALSE, FALSE,
                            v->issuing_body_mark == THIDUA_MARK_STARS ? "***" : "*", ml, lw, ly, NULL);
    }
  else
    add_warning (self, "issuing_body", -1, _("The issuing body (cơ quan ban hành) is missing"));

  /* Right: national name and motto (or the Party's name) with the rule as
   * long as the last of them. */
  ry = place_centred (self, base, v->national_name_size, TRUE, FALSE, v->national_name_text,
                      rx, rw, ry, &ct);
  if (v->motto_text[0] != '\0')
    ry = place_centred (self, base, v->motto_size, TRUE, FALSE, v->motto_text, rx, rw, ry, &ct);
  {
    double cx = rx + rw / 2;
    self->header_rules[1] = ct->max_width;
    place_rule (self, 0, cx - ct->max_width / 2, cx + ct->max_width / 2, ry + 2.5,
                v->header_rule_width_pt);
    ry += 8.0;
  }

  y = MAX (ly, ry) + 4.0;
  /* A form (the register's tables) has no number; its date is at the end. */
  if (number_and_date)
    y = place_number_and_date (self, plan, base, y, lw, rx, rw);

  /* Type name and subject, centred on the text width. */
  y += v->title_space_before_pt;
  y = place_centred (self, base, v->type_name_size, TRUE, FALSE,
                     thidua_plan_get_type_name (plan), ml, text_w, y, NULL);
  if (thidua_plan_get_subject (plan)[0] != '\0')
    {
      y = place_centred (self, base, v->subject_size, TRUE, FALSE,
                         thidua_plan_get_subject (plan), ml, text_w, y, &ct);
      if (v->subject_mark == THIDUA_MARK_RULE)
        {
          double rule_w = ct->max_width * v->subject_rule_ratio;
          double cx = ml + text_w / 2;

          self->header_rules[2] = rule_w;

          place_rule (self, 0, cx - rule_w / 2, cx + rule_w / 2, y + 3.0, v->header_rule_width_pt);
          y += 6.0;
        }
      else
        y = place_centred (self, base, v->subject_size, FALSE, FALSE, "-----", ml, text_w, y, NULL);
    }
  else if (number_and_date)
    add_warning (self, "subject", -1, _("The subject (trích yếu) is missing"));

  return y + v->title_space_after_pt;
}

typedef struct {
  CachedText *title;        /* "Nơi nhận:" */
  GPtrArray  *recipients;   /* CachedText, one per line */
  GPtrArray  *signature;    /* CachedText, lines of the right column */
  double      sig_gap_before_name;
  double      sig_height;
  double      title_offset; /* title below the column top so baselines meet */
  double      sig_offset;
} Closing;

static void
compose_closing (ThiduaLayout *self, ThiduaPlan *plan, const TextStyle *base, Closing *c)
{
  const ThiduaProfileValues *v = thidua_profile_get_values (self->profile);
  double ml = THIDUA_MM_TO_PT (v->margin_left_mm);
  double mr = THIDUA_MM_TO_PT (v->margin_right_mm);
  double pw, ph;
  double lw = THIDUA_MM_TO_PT (v->closing_left_column_mm);
  double rw;
  const char * const *recipients = thidua_plan_get_recipients (plan);
  const char *authority = thidua_plan_get_signer_authority (plan);
  const char *on_behalf_of = thidua_plan_get_signer_on_behalf_of (plan);
  const char *position = thidua_plan_get_signer_position (plan);
  const char *name = thidua_plan_get_signer_name (plan);
  gboolean has_luu = FALSE;
  TextStyle st;
  CachedText *ct;

  page_size (self, &pw, &ph);
  rw = pw - ml - mr - lw;
  c->recipients = g_ptr_array_new ();
  c->signature = g_ptr_array_new ();

  st = *base;
  st.size = v->recipients_title_size;
  st.bold = v->recipients_title_bold;
  st.italic = v->recipients_title_italic;
  st.underline = v->recipients_title_underline;
  st.width = lw;
  /* No recipients yet: no lone "Nơi nhận:" either (the warning says why). */
  if (recipients != NULL && recipients[0] != NULL)
    c->title = get_text (self, &st, v->recipients_title_text, NULL);

  st = *base;
  st.size = v->recipients_size;
  st.width = lw;
  /* A wrapped recipient continues under its text, not under the "- ". */
  st.indent = -0.58 * v->recipients_size;
  for (guint i = 0; recipients != NULL && recipients[i] != NULL; i++)
    {
      g_autofree char *line = g_strconcat ("- ", recipients[i], NULL);

      if (g_str_has_prefix (recipients[i], v->recipients_luu_prefix))
        has_luu = TRUE;
      g_ptr_array_add (c->recipients, get_text (self, &st, line, NULL));
    }
  if (recipients == NULL || recipients[0] == NULL)
    add_warning (self, "recipients", -1, _("The recipients (nơi nhận) are missing"));
  else if (v->recipients_require_luu && !has_luu)
    add_warning (self, "recipients", -1,
                 _("The recipients must end with the filing line “- %s: VT, …”"),
                 v->recipients_luu_prefix);

  /* Right column: authority line, position, room to sign, name. */
  st = *base;
  st.size = v->signature_size;
  st.bold = TRUE;
  st.upper = TRUE;
  st.align = PANGO_ALIGN_CENTER;
  st.width = rw;
  if (authority[0] != '\0' || on_behalf_of[0] != '\0')
    {
      g_autofree char *line = g_strjoin (authority[0] && on_behalf_of[0] ? " " : "",
                                         authority, on_behalf_of, NULL);
      g_ptr_array_add (c->signature, get_text (self, &st, line, NULL));
    }
  if (position[0] != '\0')
    {
      TextStyle pst = st;
      pst.bold = v->signature_position_bold;
      g_ptr_array_add (c->signature, get_text (self, &pst, position, NULL));
    }
  c->sig_height = 0;
  for (guint i = 0; i < c->signature->len; i++)
    c->sig_height += ((CachedText *) c->signature->pdata[i])->height;
  st.upper = FALSE;
  if (name[0] != '\0')
    {
      ct = get_text (self, &st, name, NULL);
      /* Blank lines of the name's line height: a name that wraps gets no
       * more room to sign than a short one. */
      c->sig_gap_before_name = v->signature_blank_lines *
                               (ct->n_lines > 0 ? ct->height / ct->n_lines : ct->height);
      g_ptr_array_add (c->signature, ct);
      c->sig_height += c->sig_gap_before_name + ct->height;
    }
  else
    {
      c->sig_gap_before_name = 0;
      c->sig_height += v->signature_blank_lines * v->signature_size * 1.15;
      add_warning (self, "signer.name", -1, _("The signer's name is missing"));
    }

  /* "Nơi nhận:" sits level with the authority line: align the baselines. */
  c->title_offset = c->sig_offset = 0;
  if (c->signature->len > 0 && c->title != NULL)
    {
      double d = ((CachedText *) c->signature->pdata[0])->baseline[0] - c->title->baseline[0];
      if (d > 0)
        c->title_offset = d;
      else
        c->sig_offset = -d;
    }
}

static void
place_closing_head (ThiduaLayout *self, Closing *c, guint page, double y)
{
  const ThiduaProfileValues *v = thidua_profile_get_values (self->profile);
  double ml = THIDUA_MM_TO_PT (v->margin_left_mm);
  double lw = THIDUA_MM_TO_PT (v->closing_left_column_mm);
  double sy = y + c->sig_offset;

  if (c->title != NULL)
    place_text (self, page, c->title, ml, y + c->title_offset);
  for (guint i = 0; i < c->signature->len; i++)
    {
      CachedText *ct = c->signature->pdata[i];
      gboolean is_name = i == c->signature->len - 1 && c->sig_gap_before_name > 0;

      if (is_name)
        sy += c->sig_gap_before_name;
      place_text (self, page, ct, ml + lw, sy);
      sy += ct->height;
    }
}

static gboolean
block_keeps_with_next (const ThiduaBlock *b)
{
  return b->kind == THIDUA_BLOCK_HEADING || b->titled;
}

/* ------------------------------------------------------------------ */
/* Tables                                                             */

static void
table_geom_free (TableGeom *g)
{
  g_free (g->col_x);
  g_free (g);
}

static void
table_row_free (TableRow *r)
{
  g_free (r->cells);
  g_free (r);
}

static PangoAlignment
pango_align (ThiduaBodyTableAlign align)
{
  switch (align)
    {
    case THIDUA_BODY_TABLE_ALIGN_CENTER:
      return PANGO_ALIGN_CENTER;
    case THIDUA_BODY_TABLE_ALIGN_RIGHT:
      return PANGO_ALIGN_RIGHT;
    case THIDUA_BODY_TABLE_ALIGN_LEFT:
    default:
      return PANGO_ALIGN_LEFT;
    }
}

/* Columns share the text width by their weights. */
static TableGeom *
table_geom_new (ThiduaBodyTable *table, double x, double width)
{
  TableGeom *g = g_new0 (TableGeom, 1);
  double total = 0, acc = 0;

  g->n_columns = thidua_body_table_get_n_columns (table);
  g->col_x = g_new (double, g->n_columns + 1);
  for (guint c = 0; c < g->n_columns; c++)
    total += thidua_body_table_get_weight (table, c);
  g->col_x[0] = x;
  for (guint c = 0; c < g->n_columns; c++)
    {
      acc += thidua_body_table_get_weight (table, c);
      g->col_x[c + 1] = x + width * acc / total;
    }
  return g;
}

/* Lays out one row (row G_MAXUINT: the header row). */
static TableRow *
table_row_new (ThiduaLayout *self, ThiduaBodyTable *table, TableGeom *g,
               const TextStyle *base, guint row)
{
  const ThiduaProfileValues *v = thidua_profile_get_values (self->profile);
  double pad = v->table_padding_pt;
  TableRow *r = g_new0 (TableRow, 1);
  ThiduaBodyTableRowKind kind = THIDUA_BODY_TABLE_ROW_BODY;
  double h = 0;

  r->geom = g;
  r->header = row == G_MAXUINT;
  if (!r->header)
    kind = thidua_body_table_get_row_kind (table, row);
  r->n_cells = kind == THIDUA_BODY_TABLE_ROW_GROUP ? 1 : g->n_columns;
  r->cells = g_new0 (CachedText *, r->n_cells);
  for (guint c = 0; c < r->n_cells; c++)
    {
      TextStyle st = *base;
      double right = r->n_cells == 1 ? g->col_x[g->n_columns] : g->col_x[c + 1];
      const char *text = r->header ? thidua_body_table_get_header (table, c)
                                   : thidua_body_table_get_cell (table, row, c);

      st.size = v->table_size;
      st.bold = r->header || kind != THIDUA_BODY_TABLE_ROW_BODY;
      st.align = r->header ? PANGO_ALIGN_CENTER
               : kind == THIDUA_BODY_TABLE_ROW_GROUP ? PANGO_ALIGN_LEFT
               : pango_align (thidua_body_table_get_align (table, c));
      st.width = MAX (right - g->col_x[c] - 2 * pad, 1.0);
      st.keep_numbers = TRUE;
      r->cells[c] = get_text (self, &st, text, NULL);
      h = MAX (h, r->cells[c]->height);
    }
  r->height = h + 2 * pad;
  return r;
}

/* The cells and the grid of a row whose top is at y. */
static void
place_table_row (ThiduaLayout *self, guint page, TableRow *r, double y)
{
  const ThiduaProfileValues *v = thidua_profile_get_values (self->profile);
  double pad = v->table_padding_pt;
  double rule = v->table_rule_width_pt;
  TableGeom *g = r->geom;
  double left = g->col_x[0], right = g->col_x[g->n_columns];

  for (guint c = 0; c < r->n_cells; c++)
    {
      CachedText *ct = r->cells[c];
      /* Header texts sit in the middle of the header row. */
      double ty = r->header ? y + (r->height - ct->height) / 2 : y + pad;

      place_text (self, page, ct, g->col_x[c] + pad, ty);
    }
  place_rule (self, page, left, right, y, rule);
  place_rule (self, page, left, right, y + r->height, rule);
  place_line (self, page, left, y, left, y + r->height, rule);
  if (r->n_cells > 1)
    for (guint c = 1; c < g->n_columns; c++)
      place_line (self, page, g->col_x[c], y, g->col_x[c], y + r->height, rule);
  place_line (self, page, right, y, right, y + r->height, rule);
}

/* A table becomes a unit per row: the header row stays with the first
 * row, a group row (a unit's name) with the row after it, a total row
 * with the row before it. */
static void
add_table_units (ThiduaLayout *self, GArray *units, GPtrArray *owned_geoms,
                 GPtrArray *owned_rows, const ThiduaBlock *blk, guint b,
                 const TextStyle *base, double x, double width)
{
  const ThiduaProfileValues *v = thidua_profile_get_values (self->profile);
  ThiduaBodyTable *table = blk->table;
  TableGeom *g;
  int header_unit = -1;
  gboolean keep_next = units->len > 0 && g_array_index (units, Unit, units->len - 1).heading;
  guint n_rows = thidua_body_table_get_n_rows (table);
  gboolean first = TRUE;

  if (thidua_body_table_get_n_columns (table) == 0)
    return;
  g = table_geom_new (table, x, width);
  g_ptr_array_add (owned_geoms, g);

  for (guint r = thidua_body_table_get_has_header (table) ? G_MAXUINT : 0;
       r == G_MAXUINT || r < n_rows; r = r == G_MAXUINT ? 0 : r + 1)
    {
      TableRow *row = table_row_new (self, table, g, base, r);
      Unit u = { 0 };

      g_ptr_array_add (owned_rows, row);
      u.kind = UNIT_TABLE_ROW;
      u.row = row;
      u.block = b;
      u.line = first ? 0 : 1;
      u.gap = first && units->len > 0 ? v->table_space_pt : 0;
      u.height = u.need = row->height;
      /* a total row ("Cộng") never starts a page: it takes the row
       * before it along (and the signatures that keep with it) */
      u.no_break_before = keep_next || (r != G_MAXUINT &&
                          thidua_body_table_get_row_kind (table, r) == THIDUA_BODY_TABLE_ROW_TOTAL);
      u.header_unit = header_unit;
      /* What follows a header or a group row starts no page. */
      keep_next = row->header || (r != G_MAXUINT &&
                  thidua_body_table_get_row_kind (table, r) == THIDUA_BODY_TABLE_ROW_GROUP);
      if (row->header)
        header_unit = (int) units->len;
      g_array_append_val (units, u);
      first = FALSE;
    }
}

/* ------------------------------------------------------------------ */
/* A form's end: the place and date, then signature columns           */

typedef struct {
  CachedText *date;
  double      date_x, date_w;
  CachedText *titles[2];
  CachedText *names[2];
  double      col_x[2], col_w;
  double      name_gap;
  double      height;
} FormClosing;

static void
compose_form_closing (ThiduaLayout *self, ThiduaPlan *plan, const ThiduaLayoutForm *form,
                      const TextStyle *base, double ml, double text_w, FormClosing *fc)
{
  const ThiduaProfileValues *v = thidua_profile_get_values (self->profile);
  guint n = MIN (form->n_signatures, 2);
  g_autofree char *date_line = format_date_line (v, plan);
  g_autofree char *shown = NULL;
  double lw = THIDUA_MM_TO_PT (v->closing_left_column_mm);
  double sig_h = 0;
  TextStyle st;

  /* One signature sits in the plan's signature column; two share the
   * width. */
  if (n == 2)
    {
      fc->col_w = text_w / 2;
      fc->col_x[0] = ml;
      fc->col_x[1] = ml + text_w / 2;
    }
  else
    {
      fc->col_w = text_w - lw;
      fc->col_x[0] = ml + lw;
    }
  fc->date_x = fc->col_x[n > 0 ? n - 1 : 0];
  fc->date_w = fc->col_w;

  /* No place yet: room to write it, as the clerk would leave it. */
  shown = thidua_plan_get_place (plan)[0] != '\0' ? g_strdup (date_line)
                                                   : g_strconcat ("…………, ", date_line, NULL);
  st = *base;
  st.size = v->date_size;
  st.italic = TRUE;
  st.align = PANGO_ALIGN_CENTER;
  st.width = fc->date_w;
  fc->date = get_text (self, &st, shown, NULL);

  for (guint i = 0; i < n; i++)
    {
      const char *title = form->signatures[i].title ? form->signatures[i].title : "";
      const char *name = form->signatures[i].name ? form->signatures[i].name : "";
      double h;

      st = *base;
      st.size = v->signature_size;
      st.bold = TRUE;
      st.upper = TRUE;
      st.align = PANGO_ALIGN_CENTER;
      st.width = fc->col_w;
      fc->titles[i] = get_text (self, &st, title, NULL);
      st.upper = FALSE;
      fc->names[i] = name[0] != '\0' ? get_text (self, &st, name, NULL) : NULL;
      h = fc->titles[i]->height + (fc->names[i] ? fc->names[i]->height : 0);
      sig_h = MAX (sig_h, h);
    }
  fc->name_gap = v->signature_blank_lines * v->signature_size * 1.15;
  fc->height = fc->date->height + sig_h + fc->name_gap;
}

static void
place_form_closing (ThiduaLayout *self, const ThiduaLayoutForm *form, FormClosing *fc,
                    guint page, double y)
{
  guint n = MIN (form->n_signatures, 2);

  place_text (self, page, fc->date, fc->date_x, y);
  y += fc->date->height;
  for (guint i = 0; i < n; i++)
    {
      place_text (self, page, fc->titles[i], fc->col_x[i], y);
      if (fc->names[i] != NULL)
        place_text (self, page, fc->names[i], fc->col_x[i],
                    y + fc->titles[i]->height + fc->name_gap);
    }
}

/* ------------------------------------------------------------------ */
/* Composition                                                        */

/* A table's header printed again above a row that starts a page. */
typedef struct {
  guint     page;
  double    y;
  TableRow *row;
} Repeat;

static void
body_warnings (ThiduaLayout *self, ThiduaPlan *plan, ThiduaBody *body)
{
  const ThiduaProfileValues *v = thidua_profile_get_values (self->profile);
  g_autofree char *trimmed = thidua_text_strip (thidua_plan_get_body (plan));
  g_autofree char *last_text = NULL;
  guint n_blocks = thidua_body_n_blocks (body);

  /* The printed text, not the source: "**… xử lý./.**" ends with the
   * mark once the bold markers are gone. */
  if (n_blocks > 0)
    {
      const ThiduaBlock *last = thidua_body_get_block (body, n_blocks - 1);
      last_text = thidua_text_strip (last->text != NULL && last->text[0] != '\0'
                                     ? last->text : last->label);
    }
  if (trimmed[0] != '\0' &&
      (last_text == NULL || !g_str_has_suffix (last_text, v->body_ending_mark)))
    add_warning (self, "body", -1, _("The body does not end with “%s”"), v->body_ending_mark);
  if (trimmed[0] == '\0')
    add_warning (self, "body", -1, _("The body is empty"));
  for (guint i = 0; i < n_blocks; i++)
    {
      const ThiduaBlock *blk = thidua_body_get_block (body, i);
      g_autofree char *shown = NULL;

      if (!blk->misnumbered)
        continue;
      /* Headings and items alike: "3." after "1." skips a number
       * whether or not the item has a title. */
      shown = short_text (blk->text, 40);
      if (blk->kind == THIDUA_BLOCK_HEADING || blk->titled)
        add_warning (self, "body", (int) blk->first_line,
                     _("The heading “%s %s” repeats or skips a number"), blk->label, shown);
      else
        add_warning (self, "body", (int) blk->first_line,
                     _("The item “%s %s” repeats or skips a number"), blk->label, shown);
    }
}

/* The legal documents, read once, at the first plan. */
static void
ensure_legal (ThiduaLayout *self)
{
  g_autoptr(GError) error = NULL;

  if (self->legal != NULL || self->legal_error != NULL)
    return;
  self->legal = thidua_legal_table_new_default (&error);
  if (self->legal == NULL)
    self->legal_error = g_strdup (error->message);
}

/* Legal bases: a "Căn cứ …" line citing a document that is not in force on
 * the plan's date names the document and the one in force then. */
static void
legal_warnings (ThiduaLayout *self, ThiduaPlan *plan)
{
  g_autoptr(GPtrArray) findings = NULL;

  ensure_legal (self);
  if (self->legal == NULL)
    {
      add_warning (self, "legal", -1, _("The legal bases were not checked: %s"), self->legal_error);
      return;
    }
  findings = thidua_legal_check_plan (self->legal, plan);
  for (guint i = 0; i < findings->len; i++)
    {
      ThiduaLegalFinding *f = g_ptr_array_index (findings, i);
      add_warning (self, "body", f->line, "%s", f->message);
    }
}

/* form NULL: a plan, with its number, recipients and signer. */
static void
compose (ThiduaLayout *self, ThiduaPlan *plan, ThiduaBody *body, const ThiduaLayoutForm *form)
{
  const ThiduaProfileValues *v = thidua_profile_get_values (self->profile);
  double ml = THIDUA_MM_TO_PT (v->margin_left_mm);
  double mr = THIDUA_MM_TO_PT (v->margin_right_mm);
  double mt = THIDUA_MM_TO_PT (v->margin_top_mm);
  double mb = THIDUA_MM_TO_PT (v->margin_bottom_mm);
  double pw, ph, text_w, bottom;
  g_autoptr(GArray) units = g_array_new (FALSE, TRUE, sizeof (Unit));
  g_autoptr(GArray) repeats = g_array_new (FALSE, FALSE, sizeof (Repeat));
  g_autoptr(GPtrArray) geoms = g_ptr_array_new_with_free_func ((GDestroyNotify) table_geom_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) table_row_free);
  TextStyle base = { 0 };
  TextStyle body_st;
  Closing closing = { 0 };
  FormClosing form_closing = { 0 };
  double y, closing_total;
  double after_table = 0;
  guint page, page_first;
  guint n_blocks = thidua_body_n_blocks (body);

  page_size (self, &pw, &ph);
  text_w = pw - ml - mr;
  bottom = ph - mb;
  base.align = PANGO_ALIGN_LEFT;
  ensure_page (self, 0);
  y = compose_header (self, plan, &base, form == NULL);

  /* Body blocks. */
  body_st = base;
  body_st.size = v->body_size;
  body_st.justify = TRUE;
  body_st.width = text_w;
  body_st.indent = THIDUA_MM_TO_PT (v->body_first_line_indent_mm);
  body_st.spacing = v->body_line_spacing;
  body_st.keep_numbers = TRUE;

  for (guint b = 0; b < n_blocks; b++)
    {
      const ThiduaBlock *blk = thidua_body_get_block (body, b);
      g_autoptr(GArray) runs = NULL;
      TextStyle st = body_st;
      CachedText *ct;
      ThiduaRun label_run;
      g_autofree char *label = NULL;

      if (blk->kind == THIDUA_BLOCK_TABLE)
        {
          add_table_units (self, units, geoms, rows, blk, b, &base, ml, text_w);
          after_table = v->table_space_pt;
          continue;
        }

      runs = g_array_new (FALSE, TRUE, sizeof (ThiduaRun));
      st.bold = block_keeps_with_next (blk);
      st.upper = blk->kind == THIDUA_BLOCK_HEADING;
      if (blk->label != NULL && blk->label[0] != '\0')
        {
          label = g_strconcat (blk->label, blk->runs->len > 0 ? " " : "", NULL);
          label_run.text = label;
          label_run.style = THIDUA_RUN_PLAIN;
          g_array_append_val (runs, label_run);
        }
      for (guint r = 0; r < blk->runs->len; r++)
        g_array_append_val (runs, g_array_index (blk->runs, ThiduaRun, r));
      if (runs->len == 0)
        continue;

      ct = get_text (self, &st, NULL, runs);
      for (int l = 0; l < ct->n_lines; l++)
        {
          Unit u = { 0 };

          u.kind = UNIT_BODY_LINE;
          u.ct = ct;
          u.block = b;
          u.line = l;
          u.header_unit = -1;
          u.gap = (l == 0 && units->len > 0) ? MAX (v->body_paragraph_space_pt, after_table) : 0;
          u.height = ct->line_bottom[l] - ct->line_top[l];
          u.need = u.height;
          u.heading = block_keeps_with_next (blk);
          /* Widows and orphans: the first two and last two lines stay
           * together; a heading stays with what follows it. */
          if (l > 0)
            u.no_break_before = (l == 1 || l == ct->n_lines - 1);
          else if (b > 0 && units->len > 0)
            u.no_break_before = g_array_index (units, Unit, units->len - 1).heading;
          g_array_append_val (units, u);
        }
      after_table = 0;
    }

  if (form == NULL)
    body_warnings (self, plan, body);
  if (form == NULL)
    legal_warnings (self, plan);

  if (form != NULL)
    {
      /* The date and signatures never start a page alone: the last row
       * comes with them. */
      Unit u = { 0 };

      compose_form_closing (self, plan, form, &base, ml, text_w, &form_closing);
      u.kind = UNIT_FORM_CLOSING;
      u.header_unit = -1;
      u.gap = MAX (v->closing_space_before_pt, after_table);
      u.height = u.need = form_closing.height;
      u.no_break_before = units->len > 0;
      g_array_append_val (units, u);
    }
  else
    {
      /* The closing block: its head (Nơi nhận: level with the authority
       * line, the whole signature column) never starts a page alone. */
      Unit u = { 0 };
      double left_h;

      compose_closing (self, plan, &base, &closing);
      left_h = closing.title ? closing.title_offset + closing.title->height : 0;
      u.kind = UNIT_CLOSING_HEAD;
      u.header_unit = -1;
      u.gap = MAX (v->closing_space_before_pt, after_table);
      u.height = left_h;
      u.need = MAX (left_h, closing.sig_offset + closing.sig_height);
      u.no_break_before = units->len > 0;
      g_array_append_val (units, u);
      closing_total = left_h;
      for (guint i = 0; i < closing.recipients->len; i++)
        closing_total += ((CachedText *) closing.recipients->pdata[i])->height;
      closing_total = MAX (closing_total, u.need);
      for (guint i = 0; i < closing.recipients->len; i++)
        {
          Unit r = { 0 };

          r.kind = UNIT_RECIPIENT;
          r.block = i;
          r.header_unit = -1;
          r.height = r.need = ((CachedText *) closing.recipients->pdata[i])->height;
          /* Recipients split only when the list is longer than a page. */
          r.no_break_before = closing_total <= bottom - mt;
          g_array_append_val (units, r);
        }
    }

  /* Paginate: greedy, backing up to the last allowed break. */
  page = 0;
  page_first = 0;
  for (guint i = 0; i < units->len;)
    {
      Unit *u = &g_array_index (units, Unit, i);
      gboolean at_top = (i == page_first);
      double gap = (at_top && page > 0) ? 0 : u->gap;

      if (at_top && page == 0 && i == 0)
        gap = 0;
      if (y + gap + u->need <= bottom + 0.01 || (at_top && page > 0))
        {
          /* A row that starts a page gets its table's header above it. */
          if (at_top && page > 0 && u->header_unit >= 0)
            {
              Repeat rep = { page, y, g_array_index (units, Unit, u->header_unit).row };

              g_array_append_val (repeats, rep);
              y += rep.row->height;
            }
          u->page = page;
          u->y = y + gap;
          y += gap + u->height;
          i++;
          continue;
        }
      {
        guint j = i;

        while (j > page_first && g_array_index (units, Unit, j).no_break_before)
          j--;
        if (j == page_first && !(page == 0 && page_first == 0 && j == 0))
          j = i;          /* an unbreakable run longer than a page */
        page++;
        page_first = j;
        y = mt;
        i = j;
      }
    }

  /* Emit the placed units. */
  for (guint i = 0; i < units->len; i++)
    {
      Unit *u = &g_array_index (units, Unit, i);

      switch (u->kind)
        {
        case UNIT_BODY_LINE:
          {
            CachedText *ct = u->ct;
            int n = 1;

            /* Merge the following lines of the same block on the same page. */
            while (i + n < units->len)
              {
                Unit *w = &g_array_index (units, Unit, i + n);
                if (w->kind != UNIT_BODY_LINE || w->block != u->block || w->page != u->page)
                  break;
                n++;
              }
            place_lines (self, u->page, ct, u->line, n, ml, u->y);
            if (u->line == 0)
              {
                const ThiduaBlock *blk = thidua_body_get_block (body, u->block);
                BlockPage bp = { blk->start, u->page };
                g_array_append_val (self->block_pages, bp);
              }
            i += n - 1;
          }
          break;

        case UNIT_TABLE_ROW:
          place_table_row (self, u->page, u->row, u->y);
          if (u->line == 0)
            {
              const ThiduaBlock *blk = thidua_body_get_block (body, u->block);
              BlockPage bp = { blk->start, u->page };
              g_array_append_val (self->block_pages, bp);
            }
          break;

        case UNIT_CLOSING_HEAD:
          place_closing_head (self, &closing, u->page, u->y);
          break;

        case UNIT_RECIPIENT:
          place_text (self, u->page, closing.recipients->pdata[u->block], ml, u->y);
          break;

        case UNIT_FORM_CLOSING:
          place_form_closing (self, form, &form_closing, u->page, u->y);
          break;
        }
    }
  for (guint i = 0; i < repeats->len; i++)
    {
      const Repeat *rep = &g_array_index (repeats, Repeat, i);
      place_table_row (self, rep->page, rep->row, rep->y);
    }

  /* Page numbers, centred in the top margin from page 2 on. */
  for (guint p = (guint) v->page_number_first_page - 1; p < self->pages->len; p++)
    {
      TextStyle st = base;
      g_autofree char *num = g_strdup_printf ("%u", p + 1);
      CachedText *ct;

      st.size = v->page_number_size;
      st.align = PANGO_ALIGN_CENTER;
      st.width = text_w;
      ct = get_text (self, &st, num, NULL);
      place_text (self, p, ct, ml, THIDUA_MM_TO_PT (v->page_number_top_mm) - ct->height / 2);
    }

  g_clear_pointer (&closing.recipients, g_ptr_array_unref);
  g_clear_pointer (&closing.signature, g_ptr_array_unref);
}

/* ------------------------------------------------------------------ */
/* Public API                                                         */

void
thidua_layout_get_header_rules (ThiduaLayout *self, double *issuing, double *motto, double *subject)
{
  g_return_if_fail (THIDUA_IS_LAYOUT (self));
  if (issuing)
    *issuing = self->header_rules[0];
  if (motto)
    *motto = self->header_rules[1];
  if (subject)
    *subject = self->header_rules[2];
}

char *
thidua_layout_format_number_line (ThiduaLayout *self, ThiduaPlan *plan)
{
  return format_number_line (thidua_profile_get_values (self->profile), plan);
}

char *
thidua_layout_format_date_line (ThiduaLayout *self, ThiduaPlan *plan)
{
  return format_date_line (thidua_profile_get_values (self->profile), plan);
}

ThiduaLayout *
thidua_layout_new (ThiduaProfile *profile)
{
  g_return_val_if_fail (THIDUA_IS_PROFILE (profile), NULL);
  return g_object_new (THIDUA_TYPE_LAYOUT, "profile", profile, NULL);
}

static void recompose (ThiduaLayout *self, ThiduaPlan *plan, ThiduaBody *body,
                       const ThiduaLayoutForm *form, const GError *profile_error);

static ThiduaLayout *
new_for_plan (ThiduaPlan *plan, gboolean print_only, GError **error)
{
  g_autoptr(ThiduaProfile) profile = NULL;
  g_autoptr(ThiduaBody) body = NULL;
  ThiduaLayout *self;

  profile = thidua_profile_load_for_kind (thidua_plan_get_profile (plan), error);
  if (profile == NULL)
    return NULL;
  /* The legal documents are read and the body parsed before the profile
   * is set: its font check waits for Pango's fontconfig start-up thread,
   * which meanwhile runs on another core. */
  self = g_object_new (THIDUA_TYPE_LAYOUT, NULL);
  ensure_legal (self);
  body = thidua_body_parse (thidua_plan_get_body (plan));
  thidua_layout_set_profile (self, profile);
  /* Pango measures each font it loads in a fresh context of the font map
   * (thidua_layout_get_print_family()): at the map's resolution, 96 dpi
   * unless told, that is another fontconfig pattern than the page's 72.
   * Set here, after the font check: a new resolution empties the map's
   * caches and lists its families, which waits for fontconfig's start-up;
   * earlier it would stop that running beside the files read above. */
  if (print_only)
    pango_cairo_font_map_set_resolution (PANGO_CAIRO_FONT_MAP (pango_context_get_font_map (self->context)),
                                         72.0);
  /* thidua_layout_update() with the body already parsed. */
  if (g_strcmp0 (thidua_profile_get_name (profile),
                 thidua_profile_kind_to_string (thidua_plan_get_profile (plan))) == 0)
    {
      thidua_stamp_note_plan (self, plan);
      recompose (self, plan, body, NULL, NULL);
    }
  else
    thidua_layout_update (self, plan);
  return self;
}

ThiduaLayout *
thidua_layout_new_for_plan (ThiduaPlan *plan, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_PLAN (plan), NULL);
  return new_for_plan (plan, FALSE, error);
}

ThiduaLayout *
thidua_layout_new_for_print (ThiduaPlan *plan, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_PLAN (plan), NULL);
  return new_for_plan (plan, TRUE, error);
}

ThiduaProfile *
thidua_layout_get_profile (ThiduaLayout *self)
{
  g_return_val_if_fail (THIDUA_IS_LAYOUT (self), NULL);
  return self->profile;
}

void
thidua_layout_set_profile (ThiduaLayout *self, ThiduaProfile *profile)
{
  g_return_if_fail (THIDUA_IS_LAYOUT (self));
  g_return_if_fail (profile == NULL || THIDUA_IS_PROFILE (profile));

  if (!g_set_object (&self->profile, profile))
    return;
  /* Sizes and widths come from the profile: nothing cached still applies. */
  g_hash_table_remove_all (self->cache);
  g_clear_pointer (&self->font_family_used, g_free);
  if (profile != NULL)
    self->font_ok = thidua_render_check_font_in (self->context,
                                                 thidua_profile_get_font_family (profile),
                                                 thidua_profile_get_values (profile)->body_size,
                                                 &self->font_family_used);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

/* Everything an update does around the composition itself. */
static void
recompose (ThiduaLayout *self, ThiduaPlan *plan, ThiduaBody *body,
           const ThiduaLayoutForm *form, const GError *profile_error)
{
  guint old_n_pages = self->pages->len;

  self->landscape = form != NULL && form->landscape;
  g_ptr_array_set_size (self->pages, 0);
  g_ptr_array_set_size (self->warnings, 0);
  g_array_set_size (self->block_pages, 0);

  /* Texts used by this composition move to a fresh cache; what is left in
   * the old one is no longer on any page. */
  self->old_cache = self->cache;
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) cached_text_unref);
  self->reused = self->created = 0;

  if (profile_error != NULL)
    add_warning (self, "profile", -1, _("%s: the page is laid out with the profile “%s”"),
                 profile_error->message, thidua_profile_get_name (self->profile));
  if (!self->font_ok)
    {
      const char *family = thidua_profile_get_font_family (self->profile);

      add_warning (self, "font", -1,
                   _("The font “%s” is not installed: the pages would print in “%s”. "
                     "Install Times New Roman or Liberation Serif (fonts-liberation2)"),
                   family, self->font_family_used);
    }

  compose (self, plan, body, form);

  g_clear_pointer (&self->old_cache, g_hash_table_unref);

  if (old_n_pages != self->pages->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
thidua_layout_update (ThiduaLayout *self, ThiduaPlan *plan)
{
  g_autoptr(GError) profile_error = NULL;
  g_autoptr(ThiduaBody) body = NULL;

  g_return_if_fail (THIDUA_IS_LAYOUT (self));
  g_return_if_fail (THIDUA_IS_PLAN (plan));
  g_return_if_fail (self->profile != NULL);

  /* The plan's format may have changed since the last update. */
  {
    const char *wanted = thidua_profile_kind_to_string (thidua_plan_get_profile (plan));

    if (g_strcmp0 (thidua_profile_get_name (self->profile), wanted) != 0)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(ThiduaProfile) profile = thidua_profile_load (wanted, &error);

        if (profile != NULL)
          thidua_layout_set_profile (self, profile);
        else
          profile_error = g_steal_pointer (&error);
      }
  }

  body = thidua_body_parse (thidua_plan_get_body (plan));
  thidua_stamp_note_plan (self, plan);
  recompose (self, plan, body, NULL, profile_error);
}

void
thidua_layout_update_form (ThiduaLayout *self, ThiduaPlan *plan, ThiduaBody *body,
                           const ThiduaLayoutForm *form)
{
  g_return_if_fail (THIDUA_IS_LAYOUT (self));
  g_return_if_fail (THIDUA_IS_PLAN (plan));
  g_return_if_fail (body != NULL);
  g_return_if_fail (form != NULL);
  g_return_if_fail (self->profile != NULL);

  thidua_stamp_note_form (self);
  recompose (self, plan, body, form, NULL);
}

guint
thidua_layout_get_n_pages (ThiduaLayout *self)
{
  g_return_val_if_fail (THIDUA_IS_LAYOUT (self), 0);
  return self->pages->len;
}

double
thidua_layout_get_page_width (ThiduaLayout *self)
{
  double w, h;

  g_return_val_if_fail (THIDUA_IS_LAYOUT (self), 0);
  page_size (self, &w, &h);
  return w;
}

double
thidua_layout_get_page_height (ThiduaLayout *self)
{
  double w, h;

  g_return_val_if_fail (THIDUA_IS_LAYOUT (self), 0);
  page_size (self, &w, &h);
  return h;
}

void
thidua_layout_draw_page (ThiduaLayout *self, cairo_t *cr, guint page)
{
  Page *p;

  g_return_if_fail (THIDUA_IS_LAYOUT (self));
  g_return_if_fail (cr != NULL);

  if (page >= self->pages->len)
    return;
  p = g_ptr_array_index (self->pages, page);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < p->texts->len; i++)
    {
      const TextItem *t = &g_array_index (p->texts, TextItem, i);
      GSList *lines = pango_layout_get_lines_readonly (t->ct->layout);
      double top = t->ct->line_top[t->first_line];

      lines = g_slist_nth (lines, t->first_line);
      for (int l = t->first_line; l < t->first_line + t->n_lines && lines; l++, lines = lines->next)
        {
          cairo_move_to (cr, t->x + t->ct->line_x[l], t->y + t->ct->baseline[l] - top);
          pango_cairo_show_layout_line (cr, lines->data);
        }
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint i = 0; i < p->rules->len; i++)
    {
      const RuleItem *r = &g_array_index (p->rules, RuleItem, i);

      cairo_set_line_width (cr, r->width);
      cairo_move_to (cr, r->x1, r->y1);
      cairo_line_to (cr, r->x2, r->y2);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  thidua_stamp_draw (self, cr, page);
}

GPtrArray *
thidua_layout_get_warnings (ThiduaLayout *self)
{
  g_return_val_if_fail (THIDUA_IS_LAYOUT (self), NULL);
  return self->warnings;
}

guint
thidua_layout_get_page_for_body_offset (ThiduaLayout *self, gsize offset)
{
  guint page = 0;

  g_return_val_if_fail (THIDUA_IS_LAYOUT (self), 0);

  for (guint i = 0; i < self->block_pages->len; i++)
    {
      const BlockPage *bp = &g_array_index (self->block_pages, BlockPage, i);
      if (bp->start > offset)
        break;
      page = bp->page;
    }
  return page;
}

const char *
thidua_layout_get_font_family_used (ThiduaLayout *self)
{
  g_return_val_if_fail (THIDUA_IS_LAYOUT (self), NULL);
  return self->font_family_used;
}

/* Pango measures every font it loads by laying out a sample in a fresh
 * context of the font map, under the family fontconfig found
 * ("Liberation Serif" for "Times New Roman"): a fontconfig pattern of its
 * own, i.e. a substitution, a match and a sort on two new threads, for
 * each face and size of the page.  Asking for that family in the first
 * place makes both look-ups one (when the font map is at the context's
 * 72 dpi, as thidua-cli sets it).  Only for an accepted family: the
 * profile's family, not installed, resolves to it for every face, and
 * fontconfig's fallback order for missing characters is the same. */
const char *
thidua_layout_get_print_family (ThiduaLayout *self)
{
  g_return_val_if_fail (THIDUA_IS_LAYOUT (self), NULL);
  g_return_val_if_fail (self->profile != NULL, NULL);
  if (self->font_ok && self->font_family_used != NULL && self->font_family_used[0] != '\0')
    return self->font_family_used;
  return thidua_profile_get_font_family (self->profile);
}

void
thidua_layout_get_cache_stats (ThiduaLayout *self, guint *reused, guint *created)
{
  g_return_if_fail (THIDUA_IS_LAYOUT (self));
  if (reused)
    *reused = self->reused;
  if (created)
    *created = self->created;
}
