/* thidua-report.c — the register's printed tables.
 *
 * Composition turns the report into a flat list of items (header block,
 * title, table rows, totals, date line, signatures), each a few
 * PangoLayouts and rules placed relative to the item's top.  A greedy
 * paginator places items page by page: a table row never splits, the
 * table's header row is repeated at the top of every page the table runs
 * onto, a unit's heading row stays with its first row, and the date line
 * stays with the signatures. */
#include "config.h"
#include "thidua-report.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "thidua-catalog.h"
#include "thidua-plan.h"
#include "thidua-profile.h"

#define MM (72.0 / 25.4)

typedef struct {
  PangoLayout *layout;
  double       x, y;
} Piece;

typedef struct {
  double x0, y0, x1, y1;
} Rule;

typedef struct _Item Item;
struct _Item {
  GArray   *pieces;          /* Piece */
  GArray   *rules;           /* Rule */
  double    height;
  double    space_before;    /* skipped at the top of a page */
  gboolean  keep_with_next;
  Item     *table_header;    /* for table rows: the header to repeat */
};

typedef struct {
  Item   *item;
  double  y;
} Placement;

struct _ThiduaReport
{
  GObject       parent_instance;

  PangoContext *context;
  char         *family;
  double        page_width, page_height;
  double        margin_top, margin_bottom, margin_left, margin_right;
  char         *title;
  GPtrArray    *items;       /* Item, owned */
  GPtrArray    *headers;     /* Item, owned: table header rows */
  GPtrArray    *pages;       /* GArray of Placement */
  guint         n_registrations;
};

G_DEFINE_FINAL_TYPE (ThiduaReport, thidua_report, G_TYPE_OBJECT)

static void
item_free (Item *item)
{
  for (guint i = 0; i < item->pieces->len; i++)
    g_object_unref (g_array_index (item->pieces, Piece, i).layout);
  g_array_unref (item->pieces);
  g_array_unref (item->rules);
  g_free (item);
}

static Item *
item_new (void)
{
  Item *item = g_new0 (Item, 1);
  item->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  item->rules = g_array_new (FALSE, FALSE, sizeof (Rule));
  return item;
}

static void
thidua_report_finalize (GObject *object)
{
  ThiduaReport *self = THIDUA_REPORT (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_object (&self->context);
  g_free (self->family);
  g_free (self->title);
  G_OBJECT_CLASS (thidua_report_parent_class)->finalize (object);
}

static void
thidua_report_class_init (ThiduaReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = thidua_report_finalize;
}

static void
thidua_report_init (ThiduaReport *self)
{
  cairo_font_options_t *options;

  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->headers = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  /* the same device-independent text as the plans: 72 dpi, no hinting */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
}

/* ---- text ---- */

typedef struct {
  double          size;
  gboolean        bold;
  gboolean        italic;
  PangoAlignment  align;
} Style;

static PangoLayout *
make_layout (ThiduaReport *self, const char *text, double width, Style style)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, self->family);
  pango_font_description_set_absolute_size (desc, style.size * PANGO_SCALE);
  pango_font_description_set_weight (desc, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (desc, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, style.align);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int h;
  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

static void
add_piece (Item *item, PangoLayout *layout, double x, double y)
{
  Piece p = { layout, x, y };
  g_array_append_val (item->pieces, p);
}

static void
add_rule (Item *item, double x0, double y0, double x1, double y1)
{
  Rule r = { x0, y0, x1, y1 };
  g_array_append_val (item->rules, r);
}

static double
content_width (ThiduaReport *self)
{
  return self->page_width - self->margin_left - self->margin_right;
}

/* A paragraph across the text block. */
static Item *
text_item (ThiduaReport *self, const char *text, Style style, double space_before)
{
  Item *item = item_new ();
  PangoLayout *layout = make_layout (self, text, content_width (self), style);

  add_piece (item, layout, 0, 0);
  item->height = layout_height (layout);
  item->space_before = space_before;
  g_ptr_array_add (self->items, item);
  return item;
}

/* Two columns of centred lines (the header block, the signatures). */
static Item *
two_columns (ThiduaReport *self, const char *left, Style ls, double left_fraction,
             const char *right, Style rs, gboolean underline_left, gboolean underline_right,
             double space_before)
{
  Item *item = item_new ();
  double w = content_width (self);
  double lw = w * left_fraction, rw = w - lw;
  PangoLayout *l = make_layout (self, left, lw, ls);
  PangoLayout *r = make_layout (self, right, rw, rs);
  double lh = layout_height (l), rh = layout_height (r);

  add_piece (item, l, 0, 0);
  add_piece (item, r, lw, 0);
  item->height = MAX (lh, rh);
  /* the short rule under the issuing body and under the motto */
  if (underline_left && *left)
    {
      PangoRectangle ink;
      PangoLayoutLine *last = pango_layout_get_line_readonly (l, pango_layout_get_line_count (l) - 1);
      pango_layout_line_get_pixel_extents (last, NULL, &ink);
      add_rule (item, lw / 2 - MIN (ink.width, lw) / 6, lh + 2, lw / 2 + MIN (ink.width, lw) / 6, lh + 2);
      item->height = MAX (item->height, lh + 4);
    }
  if (underline_right && *right)
    {
      PangoRectangle logical;
      PangoLayoutLine *last = pango_layout_get_line_readonly (r, pango_layout_get_line_count (r) - 1);
      pango_layout_line_get_pixel_extents (last, NULL, &logical);
      add_rule (item, lw + rw / 2 - logical.width / 2.0, rh + 1, lw + rw / 2 + logical.width / 2.0, rh + 1);
      item->height = MAX (item->height, rh + 3);
    }
  item->space_before = space_before;
  g_ptr_array_add (self->items, item);
  return item;
}

/* ---- tables ---- */

typedef struct {
  const char *header;
  double      fraction;
  PangoAlignment align;
} Column;

#define PAD_X 3.0
#define PAD_Y 2.0

/* One row of cells with its grid; span_all draws the first cell across the
 * whole table (a unit's heading). */
static Item *
table_row (ThiduaReport *self, const Column *cols, guint n_cols, const char * const *cells,
           Style style, gboolean header, gboolean span_all)
{
  Item *item = item_new ();
  double w = content_width (self);
  double x = 0, h = 0;

  for (guint c = 0; c < n_cols; c++)
    {
      double cw = span_all ? w : w * cols[c].fraction;
      Style s = style;
      PangoLayout *layout;

      s.align = header ? PANGO_ALIGN_CENTER : span_all ? PANGO_ALIGN_LEFT : cols[c].align;
      layout = make_layout (self, cells[c] ? cells[c] : "", cw - 2 * PAD_X, s);
      add_piece (item, layout, x + PAD_X, PAD_Y);
      h = MAX (h, layout_height (layout) + 2 * PAD_Y);
      x += cw;
      if (span_all)
        break;
    }
  item->height = h;
  /* grid: top, bottom, and the column lines */
  add_rule (item, 0, 0, w, 0);
  add_rule (item, 0, h, w, h);
  x = 0;
  add_rule (item, 0, 0, 0, h);
  for (guint c = 0; c < n_cols && !span_all; c++)
    {
      x += w * cols[c].fraction;
      add_rule (item, x, 0, x, h);
    }
  if (span_all)
    add_rule (item, w, 0, w, h);
  /* header cells sit in the middle of the header row */
  if (header)
    for (guint i = 0; i < item->pieces->len; i++)
      {
        Piece *p = &g_array_index (item->pieces, Piece, i);
        p->y = (h - layout_height (p->layout)) / 2;
      }
  return item;
}

static Item *
add_table_header (ThiduaReport *self, const Column *cols, guint n_cols, double size)
{
  g_autofree const char **cells = g_new0 (const char *, n_cols + 1);
  Style s = { size, TRUE, FALSE, PANGO_ALIGN_CENTER };
  Item *header;

  for (guint c = 0; c < n_cols; c++)
    cells[c] = cols[c].header;
  header = table_row (self, cols, n_cols, cells, s, TRUE, FALSE);
  g_ptr_array_add (self->headers, header);
  return header;
}

static Item *
add_row (ThiduaReport *self, Item *header, const Column *cols, guint n_cols,
         const char * const *cells, double size, gboolean bold, gboolean span_all)
{
  Style s = { size, bold, FALSE, PANGO_ALIGN_LEFT };
  Item *row = table_row (self, cols, n_cols, cells, s, FALSE, span_all);

  row->table_header = header;
  row->keep_with_next = span_all;
  g_ptr_array_add (self->items, row);
  return row;
}

/* ---- pagination ---- */

static void
paginate (ThiduaReport *self)
{
  double top = self->margin_top, bottom = self->page_height - self->margin_bottom;
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Placement));
  double y = top;
  gboolean page_empty = TRUE;

  g_ptr_array_add (self->pages, page);
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);
      Item *prev = i > 0 ? g_ptr_array_index (self->items, i - 1) : NULL;
      double need = item->height + (page_empty ? 0 : item->space_before);
      gboolean header_needed = item->table_header != NULL
                               && (page_empty || prev == NULL || prev->table_header != item->table_header);
      Placement pl;

      if (header_needed)
        need += item->table_header->height;
      /* keep a heading row, or the date line, with what follows */
      if (item->keep_with_next && i + 1 < self->items->len)
        need += ((Item *) g_ptr_array_index (self->items, i + 1))->height;

      if (!page_empty && y + need > bottom)
        {
          page = g_array_new (FALSE, FALSE, sizeof (Placement));
          g_ptr_array_add (self->pages, page);
          y = top;
          page_empty = TRUE;
          header_needed = item->table_header != NULL;
        }
      if (!page_empty)
        y += item->space_before;
      if (header_needed)
        {
          pl.item = item->table_header;
          pl.y = y;
          g_array_append_val (page, pl);
          y += item->table_header->height;
        }
      pl.item = item;
      pl.y = y;
      g_array_append_val (page, pl);
      y += item->height;
      page_empty = FALSE;
    }
}

/* ---- content ---- */

static const char *
motto_for (const char *profile, gboolean second)
{
  if (g_strcmp0 (profile, "party") == 0)
    return second ? "" : "ĐẢNG CỘNG SẢN VIỆT NAM";
  return second ? "Độc lập - Tự do - Hạnh phúc" : "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
}

/* The year's plan gives the header (superior and issuing body), the
 * profile and the place; without one the header is left for the clerk. */
static void
add_header_block (ThiduaReport *self, ThiduaPlan *plan, const char *profile, double size)
{
  g_autofree char *superior = plan ? g_utf8_strup (thidua_plan_get_superior_body (plan), -1) : g_strdup ("");
  g_autofree char *issuing = plan ? g_utf8_strup (thidua_plan_get_issuing_body (plan), -1) : g_strdup ("");
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;
  Style ls = { size, FALSE, FALSE, PANGO_ALIGN_CENTER };
  Style rs = { size, TRUE, FALSE, PANGO_ALIGN_CENTER };
  Item *item;

  left = *superior ? g_strdup_printf ("%s\n%s", superior, issuing) : g_strdup (issuing);
  right = *motto_for (profile, TRUE)
          ? g_strdup_printf ("%s\n%s", motto_for (profile, FALSE), motto_for (profile, TRUE))
          : g_strdup (motto_for (profile, FALSE));
  item = two_columns (self, left, ls, 0.4, right, rs, TRUE, TRUE, 0);
  /* the issuing body is bold: rebuild its attributes on the last line */
  {
    PangoLayout *l = g_array_index (item->pieces, Piece, 0).layout;
    PangoAttrList *attrs = pango_attr_list_new ();
    PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
    bold->start_index = *superior ? strlen (superior) + 1 : 0;
    bold->end_index = G_MAXUINT;
    pango_attr_list_insert (attrs, bold);
    pango_layout_set_attributes (l, attrs);
    pango_attr_list_unref (attrs);
  }
}

static void
add_closing (ThiduaReport *self, ThiduaPlan *plan, gboolean two_signatures, double size)
{
  const char *place = plan && *thidua_plan_get_place (plan) ? thidua_plan_get_place (plan) : "...............";
  g_autofree char *date = g_strdup_printf ("%s, ngày ..... tháng ..... năm ......", place);
  Style italic = { size, FALSE, TRUE, PANGO_ALIGN_CENTER };
  Style bold = { size, TRUE, FALSE, PANGO_ALIGN_CENTER };
  double left = two_signatures ? 0.5 : 0.35;
  Item *date_item = two_columns (self, "", italic, left, date, italic, FALSE, FALSE, 12);

  date_item->keep_with_next = TRUE;
  if (two_signatures)
    two_columns (self, "NGƯỜI LẬP BIỂU", bold, 0.5, "THỦ TRƯỞNG ĐƠN VỊ", bold, FALSE, FALSE, 2);
  else
    two_columns (self, "", bold, left, "THỦ TRƯỞNG ĐƠN VỊ", bold, FALSE, FALSE, 2);
  /* room to sign */
  ((Item *) g_ptr_array_index (self->items, self->items->len - 1))->height += 60;
}

typedef struct {
  gint64      person_id;
  gint64      unit_id;
  GString    *titles;
  GString    *rewards;
  GString    *notes;
  ThiduaRegistration *first;
} Line;

static void
append_line (GString *s, const char *text, const char *sep)
{
  if (*text == '\0')
    return;
  if (s->len)
    g_string_append (s, sep);
  g_string_append (s, text);
}

/* Merges a person's (or unit's) consecutive registrations into one line. */
static GPtrArray *
lines_of (GPtrArray *rows, ThiduaCatalog *catalog)
{
  GPtrArray *lines = g_ptr_array_new ();
  Line *cur = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      ThiduaRegistration *r = g_ptr_array_index (rows, i);
      const ThiduaTitle *t = thidua_catalog_lookup (catalog, r->title);

      if (cur == NULL || cur->person_id != r->person_id || cur->unit_id != r->unit_id)
        {
          cur = g_new0 (Line, 1);
          cur->person_id = r->person_id;
          cur->unit_id = r->unit_id;
          cur->titles = g_string_new (NULL);
          cur->rewards = g_string_new (NULL);
          cur->notes = g_string_new (NULL);
          cur->first = r;
          g_ptr_array_add (lines, cur);
        }
      append_line (t && t->kind == THIDUA_TITLE_KIND_REWARD ? cur->rewards : cur->titles,
                   t ? t->name : r->title, "\n");
      if (*r->note && strstr (cur->notes->str, r->note) == NULL)
        append_line (cur->notes, r->note, "; ");
    }
  return lines;
}

static void
lines_free (GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = g_ptr_array_index (lines, i);
      g_string_free (l->titles, TRUE);
      g_string_free (l->rewards, TRUE);
      g_string_free (l->notes, TRUE);
      g_free (l);
    }
  g_ptr_array_unref (lines);
}

static char *
display_name (ThiduaRegistration *r)
{
  if (r->person_id == 0)
    return g_strdup_printf ("Tập thể %s", r->unit_name);
  if (*r->honorific)
    return g_strdup_printf ("%s %s", r->honorific, r->person_name);
  return g_strdup (r->person_name);
}

static void
add_totals (ThiduaReport *self, GPtrArray *rows, ThiduaCatalog *catalog, double size)
{
  static const Column cols[] = {
    { "Danh hiệu thi đua, hình thức khen thưởng", 0.6, PANGO_ALIGN_LEFT },
    { "Cá nhân", 0.2, PANGO_ALIGN_CENTER },
    { "Tập thể", 0.2, PANGO_ALIGN_CENTER },
  };
  guint n = thidua_catalog_get_n_titles (catalog);
  g_autofree guint *people = g_new0 (guint, n);
  g_autofree guint *units = g_new0 (guint, n);
  Style heading = { size, TRUE, FALSE, PANGO_ALIGN_LEFT };
  Item *header;
  Item *title;

  for (guint i = 0; i < rows->len; i++)
    {
      ThiduaRegistration *r = g_ptr_array_index (rows, i);
      const ThiduaTitle *t = thidua_catalog_lookup (catalog, r->title);
      if (t == NULL)
        continue;
      if (r->person_id)
        people[t->position]++;
      else
        units[t->position]++;
    }
  title = text_item (self, "TỔNG HỢP THEO DANH HIỆU, HÌNH THỨC KHEN THƯỞNG", heading, 12);
  title->keep_with_next = TRUE;
  header = add_table_header (self, cols, G_N_ELEMENTS (cols), size);
  for (guint i = 0; i < n; i++)
    {
      const ThiduaTitle *t = thidua_catalog_get_title (catalog, i);
      g_autofree char *a = NULL, *b = NULL;
      const char *cells[3];

      if (people[i] == 0 && units[i] == 0)
        continue;
      a = g_strdup_printf ("%u", people[i]);
      b = g_strdup_printf ("%u", units[i]);
      cells[0] = t->name;
      cells[1] = a;
      cells[2] = b;
      add_row (self, header, cols, G_N_ELEMENTS (cols), cells, size, FALSE, FALSE);
    }
}

static gboolean
compose_summary (ThiduaReport *self, ThiduaRegister *reg, const char *year, ThiduaPlan *plan,
                 const char *profile, GError **error)
{
  static const Column cols[] = {
    { "STT", 0.05, PANGO_ALIGN_CENTER },
    { "Họ và tên", 0.19, PANGO_ALIGN_LEFT },
    { "Chức vụ", 0.12, PANGO_ALIGN_LEFT },
    { "Đơn vị", 0.16, PANGO_ALIGN_LEFT },
    { "Danh hiệu thi đua", 0.18, PANGO_ALIGN_LEFT },
    { "Hình thức khen thưởng", 0.18, PANGO_ALIGN_LEFT },
    { "Ghi chú", 0.12, PANGO_ALIGN_LEFT },
  };
  ThiduaCatalog *catalog = thidua_register_get_catalog (reg);
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *lines;
  g_autofree char *title = g_strdup_printf ("BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM %s", year);
  Style title_style = { 14, TRUE, FALSE, PANGO_ALIGN_CENTER };
  const double size = 11;
  Item *header;
  gint64 unit = -1;

  q.year = year;
  q.status = THIDUA_REG_STATUS_REGISTERED;
  q.sort = THIDUA_REG_SORT_UNIT;
  if ((rows = thidua_register_query (reg, &q, error)) == NULL)
    return FALSE;
  self->n_registrations = rows->len;
  self->title = g_steal_pointer (&title);

  add_header_block (self, plan, profile, 12);
  text_item (self, self->title, title_style, 14);
  header = add_table_header (self, cols, G_N_ELEMENTS (cols), size);
  /* the title stays with the start of the table */
  ((Item *) g_ptr_array_index (self->items, self->items->len - 1))->keep_with_next = TRUE;

  lines = lines_of (rows, catalog);
  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = g_ptr_array_index (lines, i);
      g_autofree char *stt = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = display_name (l->first);
      const char *cells[7];

      if (l->unit_id != unit)
        {
          const char *group[7] = { l->first->unit_name[0] ? l->first->unit_name : "(Chưa có đơn vị)" };
          add_row (self, header, cols, G_N_ELEMENTS (cols), group, size, TRUE, TRUE);
          unit = l->unit_id;
        }
      cells[0] = stt;
      cells[1] = name;
      cells[2] = l->first->position;
      cells[3] = l->first->unit_name;
      cells[4] = l->titles->str;
      cells[5] = l->rewards->str;
      cells[6] = l->notes->str;
      add_row (self, header, cols, G_N_ELEMENTS (cols), cells, size, FALSE, FALSE);
    }
  lines_free (lines);

  add_totals (self, rows, catalog, size);
  add_closing (self, plan, TRUE, 12);
  return TRUE;
}

static gboolean
compose_unit (ThiduaReport *self, ThiduaRegister *reg, const char *year, const char *unit,
              ThiduaPlan *plan, const char *profile, GError **error)
{
  static const Column person_cols[] = {
    { "STT", 0.07, PANGO_ALIGN_CENTER },
    { "Họ và tên", 0.22, PANGO_ALIGN_LEFT },
    { "Chức vụ, đơn vị", 0.2, PANGO_ALIGN_LEFT },
    { "Đăng ký danh hiệu thi đua", 0.19, PANGO_ALIGN_LEFT },
    { "Đăng ký hình thức khen thưởng", 0.19, PANGO_ALIGN_LEFT },
    { "Ghi chú", 0.13, PANGO_ALIGN_LEFT },
  };
  static const Column unit_cols[] = {
    { "STT", 0.07, PANGO_ALIGN_CENTER },
    { "Tên tập thể", 0.42, PANGO_ALIGN_LEFT },
    { "Đăng ký danh hiệu thi đua", 0.19, PANGO_ALIGN_LEFT },
    { "Đăng ký hình thức khen thưởng", 0.19, PANGO_ALIGN_LEFT },
    { "Ghi chú", 0.13, PANGO_ALIGN_LEFT },
  };
  ThiduaCatalog *catalog = thidua_register_get_catalog (reg);
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new ();
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  GPtrArray *lines;
  Style title_style = { 14, TRUE, FALSE, PANGO_ALIGN_CENTER };
  Style center = { 13, FALSE, FALSE, PANGO_ALIGN_CENTER };
  Style heading = { 13, TRUE, FALSE, PANGO_ALIGN_LEFT };
  g_autofree char *unit_line = NULL;
  const double size = 12;
  Item *header;
  guint stt = 0;

  q.year = year;
  q.unit = unit;
  q.status = THIDUA_REG_STATUS_REGISTERED;
  q.sort = THIDUA_REG_SORT_UNIT;
  if ((rows = thidua_register_query (reg, &q, error)) == NULL)
    return FALSE;
  self->n_registrations = rows->len;
  for (guint i = 0; i < rows->len; i++)
    {
      ThiduaRegistration *r = g_ptr_array_index (rows, i);
      g_ptr_array_add (r->person_id ? people : units, r);
    }

  self->title = g_strdup_printf ("BẢN ĐĂNG KÝ THI ĐUA NĂM %s", year);
  add_header_block (self, plan, profile, 13);
  text_item (self, self->title, title_style, 14);
  unit_line = g_strdup_printf ("Đơn vị: %s", unit);
  text_item (self, unit_line, center, 2);

  text_item (self, "I. CÁ NHÂN", heading, 10)->keep_with_next = TRUE;
  header = add_table_header (self, person_cols, G_N_ELEMENTS (person_cols), size);
  lines = lines_of (people, catalog);
  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = g_ptr_array_index (lines, i);
      g_autofree char *n = g_strdup_printf ("%u", ++stt);
      g_autofree char *name = display_name (l->first);
      g_autofree char *where = *l->first->position
        ? g_strdup_printf ("%s, %s", l->first->position, l->first->unit_name)
        : g_strdup (l->first->unit_name);
      const char *cells[] = { n, name, where, l->titles->str, l->rewards->str, l->notes->str };
      add_row (self, header, person_cols, G_N_ELEMENTS (person_cols), cells, size, FALSE, FALSE);
    }
  lines_free (lines);

  text_item (self, "II. TẬP THỂ", heading, 10)->keep_with_next = TRUE;
  header = add_table_header (self, unit_cols, G_N_ELEMENTS (unit_cols), size);
  lines = lines_of (units, catalog);
  stt = 0;
  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = g_ptr_array_index (lines, i);
      g_autofree char *n = g_strdup_printf ("%u", ++stt);
      g_autofree char *name = display_name (l->first);
      const char *cells[] = { n, name, l->titles->str, l->rewards->str, l->notes->str };
      add_row (self, header, unit_cols, G_N_ELEMENTS (unit_cols), cells, size, FALSE, FALSE);
    }
  if (lines->len == 0)
    {
      const char *cells[] = { "", "(không đăng ký)", "", "", "" };
      add_row (self, header, unit_cols, G_N_ELEMENTS (unit_cols), cells, size, FALSE, FALSE);
    }
  lines_free (lines);

  add_closing (self, plan, FALSE, 13);
  return TRUE;
}

ThiduaReport *
thidua_report_new_register (ThiduaRegister *reg, const char *year, const char *unit, GError **error)
{
  g_autoptr(ThiduaReport) self = g_object_new (THIDUA_TYPE_REPORT, NULL);
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(ThiduaProfile) profile = NULL;
  g_autofree char *label = NULL;
  gint64 plan_id;
  gboolean ok;

  g_return_val_if_fail (THIDUA_IS_REGISTER (reg), NULL);
  if (!thidua_reg_year_parse (year, &label, NULL, NULL, error))
    return NULL;
  plan_id = thidua_register_get_year_plan (reg, label);
  if (plan_id > 0)
    plan = thidua_store_load_plan (thidua_register_get_store (reg), plan_id, NULL);
  profile = plan ? thidua_profile_load_for_kind (thidua_plan_get_profile (plan), error)
                 : thidua_profile_load ("state", error);
  if (profile == NULL)
    return NULL;

  self->family = g_strdup (thidua_profile_get_font_family (profile));
  thidua_profile_get_margins (profile, &self->margin_top, &self->margin_bottom,
                              &self->margin_left, &self->margin_right);
  if (unit == NULL)
    {
      /* landscape: the binding margin stays on the left */
      self->page_width = MAX (thidua_profile_get_page_width (profile), thidua_profile_get_page_height (profile));
      self->page_height = MIN (thidua_profile_get_page_width (profile), thidua_profile_get_page_height (profile));
      ok = compose_summary (self, reg, label, plan, thidua_profile_get_name (profile), error);
    }
  else
    {
      self->page_width = thidua_profile_get_page_width (profile);
      self->page_height = thidua_profile_get_page_height (profile);
      ok = compose_unit (self, reg, label, unit, plan, thidua_profile_get_name (profile), error);
    }
  if (!ok)
    return NULL;
  paginate (self);
  return g_steal_pointer (&self);
}

guint
thidua_report_get_n_pages (ThiduaReport *self)
{
  return self->pages->len;
}

double
thidua_report_get_page_width (ThiduaReport *self)
{
  return self->page_width;
}

double
thidua_report_get_page_height (ThiduaReport *self)
{
  return self->page_height;
}

guint
thidua_report_get_n_registrations (ThiduaReport *self)
{
  return self->n_registrations;
}

void
thidua_report_draw_page (ThiduaReport *self, cairo_t *cr, guint page)
{
  GArray *placements;

  g_return_if_fail (THIDUA_IS_REPORT (self));
  if (page >= self->pages->len)
    return;
  placements = g_ptr_array_index (self->pages, page);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.5);
  /* page numbers from the second page, top centre */
  if (page > 0)
    {
      g_autofree char *n = g_strdup_printf ("%u", page + 1);
      Style s = { 12, FALSE, FALSE, PANGO_ALIGN_CENTER };
      g_autoptr(PangoLayout) layout = make_layout (self, n, content_width (self), s);
      cairo_move_to (cr, self->margin_left, self->margin_top / 2 - layout_height (layout) / 2);
      pango_cairo_show_layout (cr, layout);
    }
  for (guint i = 0; i < placements->len; i++)
    {
      Placement *pl = &g_array_index (placements, Placement, i);
      double x0 = self->margin_left, y0 = pl->y;

      for (guint k = 0; k < pl->item->rules->len; k++)
        {
          Rule *r = &g_array_index (pl->item->rules, Rule, k);
          cairo_move_to (cr, x0 + r->x0, y0 + r->y0);
          cairo_line_to (cr, x0 + r->x1, y0 + r->y1);
        }
      cairo_stroke (cr);
      for (guint k = 0; k < pl->item->pieces->len; k++)
        {
          Piece *p = &g_array_index (pl->item->pieces, Piece, k);
          cairo_move_to (cr, x0 + p->x, y0 + p->y);
          pango_cairo_show_layout (cr, p->layout);
        }
    }
  cairo_restore (cr);
}

gboolean
thidua_report_write_pdf (ThiduaReport *self, const char *path, GError **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, self->page_width, self->page_height);
  cairo_status_t status;
  cairo_t *cr;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title ? self->title : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Thi Đua");
  cr = cairo_create (surface);
  for (guint i = 0; i < self->pages->len; i++)
    {
      thidua_report_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: cannot write the PDF (%s)",
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
thidua_report_write_register_pdf (ThiduaRegister *reg, const char *year, const char *unit,
                                  const char *path, GError **error)
{
  g_autoptr(ThiduaReport) report = thidua_report_new_register (reg, year, unit, error);

  if (report == NULL)
    return FALSE;
  return thidua_report_write_pdf (report, path, error);
}
