/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-export-odt.c — the plan as OpenDocument Text (.odt), written with
 * libxml2's xmlTextWriter; the same page as thidua-export-docx.c.
 *
 * Styles are automatic styles made as the content needs them (one per
 * distinct set of properties), so the content is written first and the
 * styles put in front of it. */
#include "config.h"
#include "thidua-export-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define ODF_NS \
  "xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0", \
  "xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0", \
  "xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0", \
  "xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0", \
  "xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0", \
  "xmlns:svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0", \
  "xmlns:dc", "http://purl.org/dc/elements/1.1/", \
  "xmlns:meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"

typedef struct {
  const char *align;       /* "start", "center", "justify", "end" */
  double size;
  gboolean bold, italic, underline, caps;
  double before, after, first_line, left, right;
  double line;             /* factor; 0 single */
  double exact;            /* fixed line height (pt), 0: none */
  double border_bottom;    /* rule width (pt), 0: none */
  gboolean keep_next;
  const char *master;      /* master page to start */
} OStyle;

typedef struct {
  ExportDoc  *d;
  Part        body;
  GString    *styles;     /* automatic styles, serialised */
  GHashTable *names;      /* style key → name */
  guint       n_tables;
  gboolean    first_done;
} Odt;

static char *
pt (double v)
{
  g_autofree char *n = fmt_num (((gint64) (v * 1000 + (v >= 0 ? 0.5 : -0.5))) / 1000.0);
  return g_strconcat (n, "pt", NULL);
}

static void
add_style_xml (Odt *o, const char *xml)
{
  g_string_append (o->styles, xml);
}

/* The name of a paragraph style with these properties, made when new. */
static const char *
para_style (Odt *o, const OStyle *s)
{
  g_autofree char *before = pt (s->before), *after = pt (s->after), *indent = pt (s->first_line);
  g_autofree char *left = pt (s->left), *right = pt (s->right), *size = pt (s->size);
  g_autofree char *line = s->exact > 0 ? pt (s->exact)
                        : g_strdup_printf ("%d%%", (int) ((s->line > 0 ? s->line : 1.0) * 100 + 0.5));
  g_autofree char *border = s->border_bottom > 0 ? pt (s->border_bottom) : NULL;
  g_autofree char *key = g_strdup_printf ("%s|%s|%d%d%d%d|%s|%s|%s|%s|%s|%s|%s|%d|%s",
                                          s->align, size, s->bold, s->italic, s->underline, s->caps,
                                          before, after, indent, left, right, line,
                                          border ? border : "", s->keep_next,
                                          s->master ? s->master : "");
  const char *name = g_hash_table_lookup (o->names, key);
  g_autoptr(GString) x = NULL;

  if (name != NULL)
    return name;
  name = g_strdup_printf ("P%u", g_hash_table_size (o->names) + 1);
  g_hash_table_insert (o->names, g_steal_pointer (&key), (char *) name);
  x = g_string_new (NULL);
  g_string_append_printf (x, "<style:style style:name=\"%s\" style:family=\"paragraph\" "
                          "style:parent-style-name=\"Standard\"%s%s%s>", name,
                          s->master ? " style:master-page-name=\"" : "",
                          s->master ? s->master : "", s->master ? "\"" : "");
  g_string_append_printf (x, "<style:paragraph-properties fo:text-align=\"%s\" fo:margin-top=\"%s\" "
                          "fo:margin-bottom=\"%s\" fo:margin-left=\"%s\" fo:margin-right=\"%s\" "
                          "fo:text-indent=\"%s\" fo:line-height=\"%s\"%s",
                          s->align, before, after, left, right, indent, line,
                          s->keep_next ? " fo:keep-with-next=\"always\"" : "");
  if (border)
    g_string_append_printf (x, " fo:border-bottom=\"%s solid #000000\" fo:padding=\"0pt\"", border);
  g_string_append (x, "/>");
  g_string_append_printf (x, "<style:text-properties style:font-name=\"Times New Roman\" fo:font-size=\"%s\" "
                          "style:font-size-complex=\"%s\"%s%s%s%s/>",
                          size, size,
                          s->bold ? " fo:font-weight=\"bold\" style:font-weight-complex=\"bold\"" : "",
                          s->italic ? " fo:font-style=\"italic\" style:font-style-complex=\"italic\"" : "",
                          s->underline ? " style:text-underline-style=\"solid\" style:text-underline-width=\"auto\" style:text-underline-color=\"font-color\"" : "",
                          s->caps ? " fo:text-transform=\"uppercase\"" : "");
  g_string_append (x, "</style:style>");
  add_style_xml (o, x->str);
  return name;
}

/* Text with line breaks and tabs as ODF elements, and runs of spaces kept. */
static void
odf_text (Part *p, const char *text)
{
  GString *piece = g_string_new (NULL);

  for (const char *s = text; *s; s++)
    {
      if (*s == '\n' || *s == '\t' || (*s == ' ' && (s == text || s[1] == ' ' || s[1] == '\0')))
        {
          if (piece->len)
            el_text (p, piece->str);
          g_string_truncate (piece, 0);
          el_empty (p, *s == '\n' ? "text:line-break" : *s == '\t' ? "text:tab" : "text:s", NULL);
        }
      else
        g_string_append_c (piece, *s);
    }
  if (piece->len)
    el_text (p, piece->str);
  g_string_free (piece, TRUE);
}

static void
para (Odt *o, const OStyle *s, const char *text)
{
  el (&o->body, "text:p", "text:style-name", para_style (o, s), NULL);
  if (text != NULL)
    odf_text (&o->body, text);
  el_end (&o->body);
}

static void
rule (Odt *o, double column_w, double length, double width)
{
  OStyle s = { .align = "center", .size = 2, .exact = 5, .after = 3 };

  s.left = s.right = MAX (0, (column_w - length) / 2);
  s.border_bottom = width;
  para (o, &s, NULL);
}

/* A table with its style, column styles and cell style. */
static void
table_begin (Odt *o, const double *widths, guint n, gboolean borders, gboolean keep_rows,
             const char *master)
{
  ExportDoc *d = o->d;
  guint id = ++o->n_tables;
  double total = 0;
  g_autofree char *name = g_strdup_printf ("Table%u", id);
  g_autoptr(GString) x = g_string_new (NULL);
  g_autofree char *rule_w = pt (d->v->table_rule_width_pt);
  g_autofree char *pad = pt (borders ? d->v->table_padding_pt : 0);

  for (guint i = 0; i < n; i++)
    total += widths[i];
  {
    g_autofree char *w = pt (total);
    g_string_append_printf (x, "<style:style style:name=\"%s\" style:family=\"table\"%s%s%s>"
                            "<style:table-properties style:width=\"%s\" table:align=\"left\" "
                            "fo:margin-left=\"0pt\" style:may-break-between-rows=\"%s\"/></style:style>",
                            name, master ? " style:master-page-name=\"" : "", master ? master : "",
                            master ? "\"" : "", w, keep_rows ? "false" : "true");
  }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *w = pt (widths[i]);
      g_string_append_printf (x, "<style:style style:name=\"%s.C%u\" style:family=\"table-column\">"
                              "<style:table-column-properties style:column-width=\"%s\"/></style:style>",
                              name, i, w);
    }
  g_string_append_printf (x, "<style:style style:name=\"%s.R\" style:family=\"table-row\">"
                          "<style:table-row-properties fo:keep-together=\"always\"/></style:style>", name);
  g_string_append_printf (x, "<style:style style:name=\"%s.A\" style:family=\"table-cell\">"
                          "<style:table-cell-properties fo:padding=\"%s\" fo:border=\"%s%s\"/></style:style>",
                          name, pad, borders ? rule_w : "none", borders ? " solid #000000" : "");
  add_style_xml (o, x->str);

  el (&o->body, "table:table", "table:name", name, "table:style-name", name, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *cs = g_strdup_printf ("%s.C%u", name, i);
      el_empty (&o->body, "table:table-column", "table:style-name", cs, NULL);
    }
}

static void
row_begin (Odt *o)
{
  g_autofree char *rs = g_strdup_printf ("Table%u.R", o->n_tables);
  el (&o->body, "table:table-row", "table:style-name", rs, NULL);
}

static void
cell_begin (Odt *o, guint table, guint span)
{
  g_autofree char *cs = g_strdup_printf ("Table%u.A", table);
  g_autofree char *sp = g_strdup_printf ("%u", span);

  if (span > 1)
    el (&o->body, "table:table-cell", "table:style-name", cs, "table:number-columns-spanned", sp,
        "office:value-type", "string", NULL);
  else
    el (&o->body, "table:table-cell", "table:style-name", cs, "office:value-type", "string", NULL);
}

static void
write_header (Odt *o)
{
  ExportDoc *d = o->d;
  const ThiduaProfileValues *v = d->v;
  double widths[2] = { d->header_left, d->header_right };
  const char *superior = thidua_plan_get_superior_body (d->plan);
  const char *issuing = thidua_plan_get_issuing_body (d->plan);
  OStyle s = { .align = "center" };
  guint t;

  /* the first page has its own master page: no page number */
  table_begin (o, widths, 2, FALSE, FALSE, "First_20_Page");
  t = o->n_tables;
  row_begin (o);
  cell_begin (o, t, 1);
  if (superior[0] != '\0')
    {
      s.size = v->superior_body_size;
      para (o, &s, superior);
    }
  s.size = v->issuing_body_size;
  s.bold = TRUE;
  para (o, &s, issuing);
  s.bold = FALSE;
  if (issuing[0] != '\0')
    {
      if (v->issuing_body_mark == THIDUA_MARK_RULE && d->rule_issuing > 0)
        rule (o, d->header_left, d->rule_issuing, v->header_rule_width_pt);
      else if (v->issuing_body_mark != THIDUA_MARK_RULE)
        para (o, &s, "*");
    }
  el_end (&o->body);
  cell_begin (o, t, 1);
  s.size = v->national_name_size;
  s.bold = TRUE;
  para (o, &s, v->national_name_text);
  if (v->motto_text[0] != '\0')
    {
      s.size = v->motto_size;
      para (o, &s, v->motto_text);
    }
  s.bold = FALSE;
  if (d->rule_motto > 0)
    rule (o, d->header_right, d->rule_motto, v->header_rule_width_pt);
  el_end (&o->body);
  el_end (&o->body);

  row_begin (o);
  cell_begin (o, t, 1);
  s.size = v->number_size;
  s.before = 4;
  para (o, &s, d->number_line);
  el_end (&o->body);
  cell_begin (o, t, 1);
  s.size = v->date_size;
  s.italic = TRUE;
  para (o, &s, d->date_line);
  el_end (&o->body);
  el_end (&o->body);
  el_end (&o->body);
}

static void
write_title (Odt *o)
{
  ExportDoc *d = o->d;
  const ThiduaProfileValues *v = d->v;
  const char *subject = thidua_plan_get_subject (d->plan);
  OStyle s = { .align = "center", .bold = TRUE, .keep_next = TRUE };

  s.size = v->type_name_size;
  s.before = v->title_space_before_pt;
  para (o, &s, thidua_plan_get_type_name (d->plan));
  s.before = 0;
  if (subject[0] != '\0')
    {
      s.size = v->subject_size;
      para (o, &s, subject);
      if (v->subject_mark == THIDUA_MARK_RULE && d->rule_subject > 0)
        rule (o, d->text_w, d->rule_subject, v->header_rule_width_pt);
      else if (v->subject_mark != THIDUA_MARK_RULE)
        {
          s.bold = FALSE;
          para (o, &s, "-----");
        }
    }
  {
    OStyle gap = { .align = "start", .size = 1, .keep_next = TRUE };
    gap.exact = MAX (v->title_space_after_pt, 1);
    para (o, &gap, NULL);
  }
}

static void
write_table (Odt *o, ThiduaBodyTable *tb)
{
  ExportDoc *d = o->d;
  const ThiduaProfileValues *v = d->v;
  guint n = thidua_body_table_get_n_columns (tb);
  g_autofree double *widths = g_new0 (double, MAX (n, 1));
  guint rows = thidua_body_table_get_n_rows (tb);
  double total = 0;
  guint t;

  if (n == 0)
    return;
  for (guint c = 0; c < n; c++)
    total += thidua_body_table_get_weight (tb, c);
  for (guint c = 0; c < n; c++)
    widths[c] = d->text_w * thidua_body_table_get_weight (tb, c) / (total > 0 ? total : n);
  table_begin (o, widths, n, TRUE, FALSE, NULL);
  t = o->n_tables;
  for (guint r = thidua_body_table_get_has_header (tb) ? G_MAXUINT : 0;
       r == G_MAXUINT || r < rows; r = r == G_MAXUINT ? 0 : r + 1)
    {
      gboolean header = r == G_MAXUINT;
      ThiduaBodyTableRowKind kind = header ? THIDUA_BODY_TABLE_ROW_BODY : thidua_body_table_get_row_kind (tb, r);
      guint cells = kind == THIDUA_BODY_TABLE_ROW_GROUP ? 1 : n;

      if (header)
        el (&o->body, "table:table-header-rows", NULL);
      row_begin (o);
      for (guint c = 0; c < cells; c++)
        {
          OStyle s = { 0 };
          ThiduaBodyTableAlign a = thidua_body_table_get_align (tb, c);

          s.size = v->table_size;
          s.bold = header || kind != THIDUA_BODY_TABLE_ROW_BODY;
          s.align = header ? "center" : kind == THIDUA_BODY_TABLE_ROW_GROUP ? "start"
                  : a == THIDUA_BODY_TABLE_ALIGN_CENTER ? "center"
                  : a == THIDUA_BODY_TABLE_ALIGN_RIGHT ? "end" : "start";
          cell_begin (o, t, cells == 1 ? n : 1);
          para (o, &s, header ? thidua_body_table_get_header (tb, c) : thidua_body_table_get_cell (tb, r, c));
          el_end (&o->body);
        }
      if (cells == 1)
        for (guint c = 1; c < n; c++)
          el_empty (&o->body, "table:covered-table-cell", NULL);
      el_end (&o->body);
      if (header)
        el_end (&o->body);
    }
  el_end (&o->body);
}

static const char *
run_style (Odt *o, gboolean bold, gboolean italic)
{
  const char *name = bold && italic ? "TBI" : bold ? "TB" : "TI";
  g_autofree char *key = g_strconcat ("text:", name, NULL);

  if (!g_hash_table_contains (o->names, key))
    {
      g_autofree char *x = g_strdup_printf ("<style:style style:name=\"%s\" style:family=\"text\">"
                                            "<style:text-properties%s%s/></style:style>", name,
                                            bold ? " fo:font-weight=\"bold\" style:font-weight-complex=\"bold\"" : "",
                                            italic ? " fo:font-style=\"italic\" style:font-style-complex=\"italic\"" : "");
      add_style_xml (o, x);
      g_hash_table_insert (o->names, g_steal_pointer (&key), g_strdup (name));
    }
  return name;
}

static void
write_body (Odt *o)
{
  ExportDoc *d = o->d;
  const ThiduaProfileValues *v = d->v;
  guint n = thidua_body_n_blocks (d->body);
  gboolean after_table = FALSE;

  for (guint b = 0; b < n; b++)
    {
      const ThiduaBlock *blk = thidua_body_get_block (d->body, b);
      OStyle s = { .align = "justify" };
      gboolean bold = export_block_bold (blk);

      if (blk->kind == THIDUA_BLOCK_TABLE)
        {
          write_table (o, blk->table);
          after_table = TRUE;
          continue;
        }
      s.size = v->body_size;
      s.first_line = THIDUA_MM_TO_PT (v->body_first_line_indent_mm);
      s.line = v->body_line_spacing;
      s.after = v->body_paragraph_space_pt;
      s.before = after_table ? v->table_space_pt : 0;
      s.caps = blk->kind == THIDUA_BLOCK_HEADING;
      s.bold = bold;
      s.keep_next = bold || b + 1 == n;
      after_table = FALSE;

      el (&o->body, "text:p", "text:style-name", para_style (o, &s), NULL);
      if (blk->label != NULL && blk->label[0] != '\0')
        {
          g_autofree char *label = g_strconcat (blk->label, blk->runs->len > 0 ? " " : "", NULL);
          odf_text (&o->body, label);
        }
      for (guint r = 0; r < blk->runs->len; r++)
        {
          const ThiduaRun *rn = &g_array_index (blk->runs, ThiduaRun, r);
          gboolean rb = !bold && (rn->style & THIDUA_RUN_BOLD);
          gboolean ri = (rn->style & THIDUA_RUN_ITALIC) != 0;

          if (rb || ri)
            {
              el (&o->body, "text:span", "text:style-name", run_style (o, rb, ri), NULL);
              odf_text (&o->body, rn->text);
              el_end (&o->body);
            }
          else
            odf_text (&o->body, rn->text);
        }
      el_end (&o->body);
    }
}

static void
write_closing (Odt *o)
{
  ExportDoc *d = o->d;
  const ThiduaProfileValues *v = d->v;
  double widths[2] = { d->closing_left, d->closing_right };
  const char * const *recipients = thidua_plan_get_recipients (d->plan);
  const char *authority = thidua_plan_get_signer_authority (d->plan);
  const char *on_behalf_of = thidua_plan_get_signer_on_behalf_of (d->plan);
  const char *position = thidua_plan_get_signer_position (d->plan);
  const char *name = thidua_plan_get_signer_name (d->plan);
  double space = MAX (v->closing_space_before_pt - v->body_paragraph_space_pt, 0);
  /* "Nơi nhận:" level with the authority line, as on the pages: the
   * smaller line starts lower by the difference of the ascents (0.891 of
   * the size in Times New Roman / Liberation Serif) */
  double lift = (v->signature_size - v->recipients_title_size) * 0.891;
  OStyle s = { 0 };
  guint t;

  table_begin (o, widths, 2, FALSE, TRUE, NULL);
  t = o->n_tables;
  row_begin (o);
  cell_begin (o, t, 1);
  if (recipients != NULL && recipients[0] != NULL)
    {
      s.align = "start";
      s.size = v->recipients_title_size;
      s.bold = v->recipients_title_bold;
      s.italic = v->recipients_title_italic;
      s.underline = v->recipients_title_underline;
      s.before = space + MAX (lift, 0);
      para (o, &s, v->recipients_title_text);
      memset (&s, 0, sizeof s);
      s.align = "start";
      s.size = v->recipients_size;
      s.first_line = -0.58 * v->recipients_size;
      s.left = 0.58 * v->recipients_size;
      for (guint i = 0; recipients[i] != NULL; i++)
        {
          g_autofree char *line = g_strconcat ("- ", recipients[i], NULL);
          para (o, &s, line);
        }
    }
  else
    {
      OStyle e = { .align = "start", .size = v->recipients_size };
      para (o, &e, NULL);
    }
  el_end (&o->body);

  cell_begin (o, t, 1);
  memset (&s, 0, sizeof s);
  s.align = "center";
  s.size = v->signature_size;
  s.bold = TRUE;
  s.caps = TRUE;
  s.before = space + MAX (-lift, 0);
  if (authority[0] != '\0' || on_behalf_of[0] != '\0')
    {
      g_autofree char *line = g_strjoin (authority[0] && on_behalf_of[0] ? " " : "",
                                         authority, on_behalf_of, NULL);
      para (o, &s, line);
      s.before = 0;
    }
  if (position[0] != '\0')
    {
      OStyle ps = s;
      ps.bold = v->signature_position_bold;
      para (o, &ps, position);
      s.before = 0;
    }
  s.caps = FALSE;
  s.before += v->signature_blank_lines * v->signature_size * 1.15;
  para (o, &s, name[0] != '\0' ? name : NULL);
  el_end (&o->body);
  el_end (&o->body);
  el_end (&o->body);

  if (d->code != NULL)
    {
      OStyle cs = { .align = "end", .before = 12 };
      g_autofree char *line = g_strdup_printf ("%s %s", v->proof_code_label, d->code);

      cs.size = v->proof_code_size;
      para (o, &cs, line);
    }
}

static char *
content_xml (Odt *o)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  Part head = { 0 };

  /* the root element's namespaces through the writer, then the parts */
  head.buf = xmlBufferCreate ();
  head.w = xmlNewTextWriterMemory (head.buf, 0);
  el (&head, "office:document-content", ODF_NS, "office:version", "1.2", NULL);
  el_empty (&head, "office:font-face-decls", NULL);
  xmlTextWriterFlush (head.w);
  xmlFreeTextWriter (head.w);
  head.w = NULL;
  /* the writer left "<office:document-content …><office:font-face-decls/>" */
  g_string_append (out, (const char *) xmlBufferContent (head.buf));
  part_free (&head);
  g_string_append (out, "<office:automatic-styles>");
  g_string_append (out, o->styles->str);
  g_string_append (out, "</office:automatic-styles><office:body><office:text>");
  xmlTextWriterFlush (o->body.w);
  g_string_append (out, (const char *) xmlBufferContent (o->body.buf));
  g_string_append (out, "</office:text></office:body></office:document-content>");
  return g_string_free (out, FALSE);
}

static void
write_page_header (Part *p, ExportDoc *d, gboolean first)
{
  el (p, "style:header", NULL);
  if (first)
    {
      el (p, "text:p", "text:style-name", d->draft ? "HeaderDraft" : "HeaderNumber", NULL);
      if (d->draft)
        el_text (p, d->draft_mark);
      el_end (p);
    }
  else
    {
      el (p, "text:p", "text:style-name", "HeaderNumber", NULL);
      el (p, "text:page-number", "text:select-page", "current", NULL);
      el_text (p, "2");
      el_end (p);
      el_end (p);
      /* a draft is marked on every page, as printed */
      if (d->draft)
        {
          el (p, "text:p", "text:style-name", "HeaderDraft", NULL);
          el_text (p, d->draft_mark);
          el_end (p);
        }
    }
  el_end (p);
}

static void
write_styles (Part *p, ExportDoc *d)
{
  const ThiduaProfileValues *v = d->v;
  g_autofree char *pw = pt (THIDUA_MM_TO_PT (v->page_width_mm));
  g_autofree char *ph = pt (THIDUA_MM_TO_PT (v->page_height_mm));
  double hd = MAX (THIDUA_MM_TO_PT (v->page_number_top_mm) - v->page_number_size * 0.575, 0);
  g_autofree char *mt = pt (hd);
  g_autofree char *hh = pt (THIDUA_MM_TO_PT (v->margin_top_mm) - hd);
  g_autofree char *mb = pt (THIDUA_MM_TO_PT (v->margin_bottom_mm));
  g_autofree char *ml = pt (THIDUA_MM_TO_PT (v->margin_left_mm));
  g_autofree char *mr = pt (THIDUA_MM_TO_PT (v->margin_right_mm));
  g_autofree char *body = pt (v->body_size);
  g_autofree char *pn = pt (v->page_number_size);

  el (p, "office:document-styles", ODF_NS, "office:version", "1.2", NULL);
  el (p, "office:font-face-decls", NULL);
  el_empty (p, "style:font-face", "style:name", "Times New Roman", "svg:font-family", "'Times New Roman'",
            "style:font-family-generic", "roman", "style:font-pitch", "variable", NULL);
  el_end (p);
  el (p, "office:styles", NULL);
  el (p, "style:default-style", "style:family", "paragraph", NULL);
  el_empty (p, "style:paragraph-properties", "fo:orphans", "2", "fo:widows", "2", NULL);
  el_empty (p, "style:text-properties", "style:font-name", "Times New Roman", "fo:font-size", body,
            "fo:language", "vi", "fo:country", "VN", NULL);
  el_end (p);
  el_empty (p, "style:style", "style:name", "Standard", "style:family", "paragraph", "style:class", "text", NULL);
  el (p, "style:style", "style:name", "HeaderNumber", "style:family", "paragraph", "style:parent-style-name", "Standard", NULL);
  el_empty (p, "style:paragraph-properties", "fo:text-align", "center", NULL);
  el_empty (p, "style:text-properties", "fo:font-size", pn, NULL);
  el_end (p);
  el (p, "style:style", "style:name", "HeaderDraft", "style:family", "paragraph", "style:parent-style-name", "Standard", NULL);
  el_empty (p, "style:paragraph-properties", "fo:text-align", "end", NULL);
  el_empty (p, "style:text-properties", "fo:font-size", pn, "fo:font-weight", "bold", NULL);
  el_end (p);
  el_end (p);

  el (p, "office:automatic-styles", NULL);
  el (p, "style:page-layout", "style:name", "Page", NULL);
  el_empty (p, "style:page-layout-properties", "fo:page-width", pw, "fo:page-height", ph,
            "style:print-orientation", "portrait", "fo:margin-top", mt, "fo:margin-bottom", mb,
            "fo:margin-left", ml, "fo:margin-right", mr, NULL);
  el (p, "style:header-style", NULL);
  /* the body starts at the profile's top margin: header room fixed */
  el_empty (p, "style:header-footer-properties", "fo:min-height", hh, "fo:margin-bottom", "0pt",
            "style:dynamic-spacing", "false", NULL);
  el_end (p);
  el_end (p);
  el_end (p);

  el (p, "office:master-styles", NULL);
  el (p, "style:master-page", "style:name", "Standard", "style:page-layout-name", "Page", NULL);
  write_page_header (p, d, FALSE);
  el_end (p);
  el (p, "style:master-page", "style:name", "First_20_Page", "style:display-name", "First Page",
      "style:page-layout-name", "Page", "style:next-style-name", "Standard", NULL);
  write_page_header (p, d, TRUE);
  el_end (p);
  el_end (p);
  el_end (p);
}

static void
write_meta (Part *p, ExportDoc *d)
{
  el (p, "office:document-meta", ODF_NS, "office:version", "1.2", NULL);
  el (p, "office:meta", NULL);
  el_leaf (p, "meta:generator", "Thi Đua");
  el_leaf (p, "dc:title", thidua_plan_get_subject (d->plan));
  el_leaf (p, "meta:initial-creator", thidua_plan_get_issuing_body (d->plan));
  el_leaf (p, "dc:creator", thidua_plan_get_issuing_body (d->plan));
  el_leaf (p, "dc:language", "vi-VN");
  /* the profile, read back by the importer (thidua-word.h) */
  el (p, "meta:user-defined", "meta:name", "ThiDuaProfile", "meta:value-type", "string", NULL);
  el_text (p, d->v->name);
  el_end (p);
  el_end (p);
  el_end (p);
}

static const char manifest[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
  "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
  "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
  "<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>"
  "<manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>"
  "</manifest:manifest>";

GBytes *
thidua_export_odt_bytes (ThiduaLayout *layout, ThiduaPlan *plan, GError **error)
{
  ExportDoc d;
  Odt o = { 0 };
  Pack *z;
  Part styles = { 0 }, meta = { 0 };
  g_autofree char *content = NULL;
  gboolean ok;

  if ((z = pack_new (error)) == NULL)
    return NULL;
  export_doc_init (&d, layout, plan);
  o.d = &d;
  o.styles = g_string_new (NULL);
  o.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  o.body.buf = xmlBufferCreate ();
  o.body.w = xmlNewTextWriterMemory (o.body.buf, 0);
  write_header (&o);
  write_title (&o);
  write_body (&o);
  write_closing (&o);
  content = content_xml (&o);
  part_free (&o.body);
  g_string_free (o.styles, TRUE);
  g_hash_table_unref (o.names);

  part_begin (&styles);
  write_styles (&styles, &d);
  part_end (&styles);
  part_begin (&meta);
  write_meta (&meta, &d);
  part_end (&meta);
  export_doc_clear (&d);

  /* the mimetype first and stored, as ODF requires */
  ok = pack_add_string (z, "mimetype", "application/vnd.oasis.opendocument.text", TRUE, error)
       && pack_add_string (z, "content.xml", content, FALSE, error)
       && pack_add_part (z, "styles.xml", &styles, FALSE, error)
       && pack_add_part (z, "meta.xml", &meta, FALSE, error)
       && pack_add_string (z, "META-INF/manifest.xml", manifest, FALSE, error);
  part_free (&styles);
  part_free (&meta);
  if (!ok)
    {
      pack_abort (z);
      return NULL;
    }
  return pack_finish (z, error);
}
