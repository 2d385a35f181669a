/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-export-docx.c — the plan as WordprocessingML (.docx), written with
 * libxml2's xmlTextWriter; every part is built here, none is copied.
 *
 * Units: twentieths of a point (twips) for lengths, half-points for font
 * sizes, eighths of a point for borders. */
#include "config.h"
#include "thidua-export-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

typedef struct {
  const char *jc;          /* "left", "center", "both", "right" */
  double size;             /* pt */
  gboolean bold, italic, underline, caps;
  double before, after;    /* pt */
  double first_line;       /* pt; negative: hanging */
  double left, right;      /* indents, pt */
  double line;             /* line-spacing factor; 0: single */
  gboolean keep_next, keep_lines;
} PStyle;

static char *
tw (double pt)
{
  return g_strdup_printf ("%d", (int) (pt * 20.0 + (pt >= 0 ? 0.5 : -0.5)));
}

static char *
half (double pt)
{
  return g_strdup_printf ("%d", (int) (pt * 2.0 + 0.5));
}

static void
run_props (Part *p, const PStyle *ps, gboolean bold, gboolean italic)
{
  g_autofree char *sz = half (ps->size);

  el (p, "w:rPr", NULL);
  if (bold)
    el_empty (p, "w:b", NULL);
  if (italic)
    el_empty (p, "w:i", NULL);
  if (ps->caps)
    el_empty (p, "w:caps", NULL);
  if (ps->underline)
    el_empty (p, "w:u", "w:val", "single", NULL);
  el_empty (p, "w:sz", "w:val", sz, NULL);
  el_empty (p, "w:szCs", "w:val", sz, NULL);
  el_end (p);
}

/* A run; line breaks and tabs become w:br and w:tab. */
static void
run (Part *p, const PStyle *ps, const char *text, gboolean bold, gboolean italic)
{
  const char *start = text;

  el (p, "w:r", NULL);
  run_props (p, ps, bold, italic);
  for (const char *s = text;; s++)
    {
      if (*s == '\n' || *s == '\t' || *s == '\0')
        {
          if (s > start)
            {
              g_autofree char *piece = g_strndup (start, s - start);
              el (p, "w:t", "xml:space", "preserve", NULL);
              el_text (p, piece);
              el_end (p);
            }
          if (*s == '\0')
            break;
          el_empty (p, *s == '\n' ? "w:br" : "w:tab", NULL);
          start = s + 1;
        }
    }
  el_end (p);
}

static void
para_props (Part *p, const PStyle *ps, const char *border_bottom_eighths)
{
  g_autofree char *before = tw (ps->before);
  g_autofree char *after = tw (ps->after);
  g_autofree char *line = g_strdup_printf ("%d", (int) (240 * (ps->line > 0 ? ps->line : 1.0) + 0.5));

  el (p, "w:pPr", NULL);
  if (ps->keep_next)
    el_empty (p, "w:keepNext", NULL);
  if (ps->keep_lines)
    el_empty (p, "w:keepLines", NULL);
  if (border_bottom_eighths != NULL)
    {
      el (p, "w:pBdr", NULL);
      el_empty (p, "w:bottom", "w:val", "single", "w:sz", border_bottom_eighths,
                "w:space", "0", "w:color", "000000", NULL);
      el_end (p);
    }
  if (border_bottom_eighths != NULL)
    /* the rule's paragraph: 5 pt high, then 3 pt (the pages' 8 pt) */
    el_empty (p, "w:spacing", "w:before", "0", "w:after", "60", "w:line", "100",
              "w:lineRule", "exact", NULL);
  else
    el_empty (p, "w:spacing", "w:before", before, "w:after", after, "w:line", line,
              "w:lineRule", "auto", NULL);
  if (ps->first_line != 0 || ps->left != 0 || ps->right != 0)
    {
      g_autofree char *l = tw (ps->left);
      g_autofree char *r = tw (ps->right);
      g_autofree char *f = tw (ABS (ps->first_line));

      if (ps->first_line >= 0)
        el_empty (p, "w:ind", "w:left", l, "w:right", r, "w:firstLine", f, NULL);
      else
        el_empty (p, "w:ind", "w:left", l, "w:right", r, "w:hanging", f, NULL);
    }
  el_empty (p, "w:jc", "w:val", ps->jc ? ps->jc : "left", NULL);
  {
    g_autofree char *sz = half (ps->size);
    el (p, "w:rPr", NULL);
    el_empty (p, "w:sz", "w:val", sz, NULL);
    el_end (p);
  }
  el_end (p);
}

static void
para_text (Part *p, const PStyle *ps, const char *text)
{
  el (p, "w:p", NULL);
  para_props (p, ps, NULL);
  if (text != NULL && text[0] != '\0')
    run (p, ps, text, ps->bold, ps->italic);
  el_end (p);
}

/* A short rule centred in a column: an empty paragraph whose bottom
 * border spans the column less equal indents. */
static void
para_rule (Part *p, double column_w, double length, double width_pt)
{
  PStyle ps = { .jc = "center", .size = 1 };
  g_autofree char *sz = g_strdup_printf ("%d", MAX (2, (int) (width_pt * 8 + 0.5)));

  ps.left = ps.right = MAX (0, (column_w - length) / 2);
  el (p, "w:p", NULL);
  para_props (p, &ps, sz);
  el_end (p);
}

static void
table_begin (Part *p, const double *widths, guint n, gboolean borders, double rule_pt,
             double pad_pt)
{
  double total = 0;
  g_autofree char *tw_total = NULL;
  g_autofree char *pad = tw (pad_pt);
  g_autofree char *bsz = g_strdup_printf ("%d", MAX (2, (int) (rule_pt * 8 + 0.5)));
  static const char *sides[] = { "w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV" };

  for (guint i = 0; i < n; i++)
    total += widths[i];
  tw_total = tw (total);
  el (p, "w:tbl", NULL);
  el (p, "w:tblPr", NULL);
  el_empty (p, "w:tblW", "w:w", tw_total, "w:type", "dxa", NULL);
  el_empty (p, "w:tblInd", "w:w", "0", "w:type", "dxa", NULL);
  el (p, "w:tblBorders", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    if (borders)
      el_empty (p, sides[i], "w:val", "single", "w:sz", bsz, "w:space", "0", "w:color", "000000", NULL);
    else
      el_empty (p, sides[i], "w:val", "nil", NULL);
  el_end (p);
  el_empty (p, "w:tblLayout", "w:type", "fixed", NULL);
  el (p, "w:tblCellMar", NULL);
  el_empty (p, "w:top", "w:w", borders ? pad : "0", "w:type", "dxa", NULL);
  el_empty (p, "w:left", "w:w", borders ? pad : "0", "w:type", "dxa", NULL);
  el_empty (p, "w:bottom", "w:w", borders ? pad : "0", "w:type", "dxa", NULL);
  el_empty (p, "w:right", "w:w", borders ? pad : "0", "w:type", "dxa", NULL);
  el_end (p);
  el_empty (p, "w:tblLook", "w:val", "0000", NULL);
  el_end (p);
  el (p, "w:tblGrid", NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *w = tw (widths[i]);
      el_empty (p, "w:gridCol", "w:w", w, NULL);
    }
  el_end (p);
}

static void
row_begin (Part *p, gboolean header)
{
  el (p, "w:tr", NULL);
  el (p, "w:trPr", NULL);
  el_empty (p, "w:cantSplit", NULL);
  if (header)
    el_empty (p, "w:tblHeader", NULL);
  el_end (p);
}

static void
cell_begin (Part *p, double width, guint span)
{
  g_autofree char *w = tw (width);

  el (p, "w:tc", NULL);
  el (p, "w:tcPr", NULL);
  el_empty (p, "w:tcW", "w:w", w, "w:type", "dxa", NULL);
  if (span > 1)
    {
      g_autofree char *s = g_strdup_printf ("%u", span);
      el_empty (p, "w:gridSpan", "w:val", s, NULL);
    }
  el_end (p);
}

/* --- the parts of the page ------------------------------------------- */

static void
write_header (Part *p, ExportDoc *d)
{
  const ThiduaProfileValues *v = d->v;
  double widths[2] = { d->header_left, d->header_right };
  const char *superior = thidua_plan_get_superior_body (d->plan);
  const char *issuing = thidua_plan_get_issuing_body (d->plan);
  PStyle ps = { .jc = "center" };

  table_begin (p, widths, 2, FALSE, 0, 0);
  row_begin (p, FALSE);

  cell_begin (p, d->header_left, 1);
  if (superior[0] != '\0')
    {
      ps.size = v->superior_body_size;
      para_text (p, &ps, superior);
    }
  ps.size = v->issuing_body_size;
  ps.bold = TRUE;
  para_text (p, &ps, issuing);
  ps.bold = FALSE;
  if (issuing[0] != '\0')
    {
      if (v->issuing_body_mark == THIDUA_MARK_RULE && d->rule_issuing > 0)
        para_rule (p, d->header_left, d->rule_issuing, v->header_rule_width_pt);
      else if (v->issuing_body_mark != THIDUA_MARK_RULE)
        para_text (p, &ps, "*");
    }
  el_end (p);

  cell_begin (p, d->header_right, 1);
  ps.size = v->national_name_size;
  ps.bold = TRUE;
  para_text (p, &ps, v->national_name_text);
  if (v->motto_text[0] != '\0')
    {
      ps.size = v->motto_size;
      para_text (p, &ps, v->motto_text);
    }
  ps.bold = FALSE;
  if (d->rule_motto > 0)
    para_rule (p, d->header_right, d->rule_motto, v->header_rule_width_pt);
  el_end (p);
  el_end (p);   /* tr */

  /* number and place-and-date on one line, 4 pt under the columns */
  row_begin (p, FALSE);
  cell_begin (p, d->header_left, 1);
  ps.size = v->number_size;
  ps.before = 4;
  para_text (p, &ps, d->number_line);
  el_end (p);
  cell_begin (p, d->header_right, 1);
  ps.size = v->date_size;
  ps.italic = TRUE;
  para_text (p, &ps, d->date_line);
  el_end (p);
  el_end (p);   /* tr */
  el_end (p);   /* tbl */
}

static void
write_title (Part *p, ExportDoc *d)
{
  const ThiduaProfileValues *v = d->v;
  const char *subject = thidua_plan_get_subject (d->plan);
  PStyle ps = { .jc = "center", .bold = TRUE, .keep_next = TRUE };

  ps.size = v->type_name_size;
  ps.before = v->title_space_before_pt;
  para_text (p, &ps, thidua_plan_get_type_name (d->plan));
  ps.before = 0;
  if (subject[0] != '\0')
    {
      ps.size = v->subject_size;
      para_text (p, &ps, subject);
      if (v->subject_mark == THIDUA_MARK_RULE && d->rule_subject > 0)
        para_rule (p, d->text_w, d->rule_subject, v->header_rule_width_pt);
      else if (v->subject_mark != THIDUA_MARK_RULE)
        {
          ps.bold = FALSE;
          para_text (p, &ps, "-----");
        }
    }
  /* the space under the title */
  {
    PStyle gap = { .jc = "left", .size = 1 };
    g_autofree char *h = tw (MAX (v->title_space_after_pt, 1));

    el (p, "w:p", NULL);
    el (p, "w:pPr", NULL);
    el_empty (p, "w:keepNext", NULL);
    el_empty (p, "w:spacing", "w:before", "0", "w:after", "0", "w:line", h, "w:lineRule", "exact", NULL);
    el (p, "w:rPr", NULL);
    el_empty (p, "w:sz", "w:val", "2", NULL);
    el_end (p);
    el_end (p);
    el_end (p);
    (void) gap;
  }
}

static void
write_table (Part *p, ExportDoc *d, ThiduaBodyTable *t)
{
  const ThiduaProfileValues *v = d->v;
  guint n = thidua_body_table_get_n_columns (t);
  g_autofree double *widths = g_new0 (double, MAX (n, 1));
  double total = 0;
  guint rows = thidua_body_table_get_n_rows (t);

  if (n == 0)
    return;
  for (guint c = 0; c < n; c++)
    total += thidua_body_table_get_weight (t, c);
  for (guint c = 0; c < n; c++)
    widths[c] = d->text_w * thidua_body_table_get_weight (t, c) / (total > 0 ? total : n);
  table_begin (p, widths, n, TRUE, v->table_rule_width_pt, v->table_padding_pt);
  for (guint r = thidua_body_table_get_has_header (t) ? G_MAXUINT : 0;
       r == G_MAXUINT || r < rows; r = r == G_MAXUINT ? 0 : r + 1)
    {
      gboolean header = r == G_MAXUINT;
      ThiduaBodyTableRowKind kind = header ? THIDUA_BODY_TABLE_ROW_BODY : thidua_body_table_get_row_kind (t, r);
      guint cells = kind == THIDUA_BODY_TABLE_ROW_GROUP ? 1 : n;

      row_begin (p, header);
      for (guint c = 0; c < cells; c++)
        {
          PStyle ps = { 0 };
          ThiduaBodyTableAlign a = thidua_body_table_get_align (t, c);

          ps.size = v->table_size;
          ps.bold = header || kind != THIDUA_BODY_TABLE_ROW_BODY;
          ps.jc = header ? "center" : kind == THIDUA_BODY_TABLE_ROW_GROUP ? "left"
                : a == THIDUA_BODY_TABLE_ALIGN_CENTER ? "center"
                : a == THIDUA_BODY_TABLE_ALIGN_RIGHT ? "right" : "left";
          cell_begin (p, cells == 1 ? d->text_w : widths[c], cells == 1 ? n : 1);
          para_text (p, &ps, header ? thidua_body_table_get_header (t, c) : thidua_body_table_get_cell (t, r, c));
          el_end (p);
        }
      el_end (p);
    }
  el_end (p);
}

static void
write_body (Part *p, ExportDoc *d)
{
  const ThiduaProfileValues *v = d->v;
  guint n = thidua_body_n_blocks (d->body);
  gboolean after_table = FALSE;

  for (guint b = 0; b < n; b++)
    {
      const ThiduaBlock *blk = thidua_body_get_block (d->body, b);
      PStyle ps = { .jc = "both" };
      gboolean bold = export_block_bold (blk);

      if (blk->kind == THIDUA_BLOCK_TABLE)
        {
          /* the table's space above: the paragraph before ends with it */
          write_table (p, d, blk->table);
          after_table = TRUE;
          continue;
        }
      ps.size = v->body_size;
      ps.first_line = THIDUA_MM_TO_PT (v->body_first_line_indent_mm);
      ps.line = v->body_line_spacing;
      ps.after = v->body_paragraph_space_pt;
      ps.before = after_table ? MAX (v->table_space_pt - 0, 0) : 0;
      ps.caps = blk->kind == THIDUA_BLOCK_HEADING;
      /* headings stay with what follows, and the last paragraph with the
       * closing */
      ps.keep_next = bold || b + 1 == n;
      after_table = FALSE;

      el (p, "w:p", NULL);
      para_props (p, &ps, NULL);
      if (blk->label != NULL && blk->label[0] != '\0')
        {
          g_autofree char *label = g_strconcat (blk->label, blk->runs->len > 0 ? " " : "", NULL);
          run (p, &ps, label, bold, FALSE);
        }
      for (guint r = 0; r < blk->runs->len; r++)
        {
          const ThiduaRun *rn = &g_array_index (blk->runs, ThiduaRun, r);
          run (p, &ps, rn->text, bold || (rn->style & THIDUA_RUN_BOLD), (rn->style & THIDUA_RUN_ITALIC) != 0);
        }
      el_end (p);
    }
}

static void
write_closing (Part *p, ExportDoc *d)
{
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
  gboolean any_sig = FALSE;
  PStyle ps = { 0 };

  table_begin (p, widths, 2, FALSE, 0, 0);
  row_begin (p, FALSE);

  cell_begin (p, d->closing_left, 1);
  if (recipients != NULL && recipients[0] != NULL)
    {
      ps.jc = "left";
      ps.size = v->recipients_title_size;
      ps.bold = v->recipients_title_bold;
      ps.italic = v->recipients_title_italic;
      ps.underline = v->recipients_title_underline;
      ps.before = space + MAX (lift, 0);
      para_text (p, &ps, v->recipients_title_text);
      memset (&ps, 0, sizeof ps);
      ps.jc = "left";
      ps.size = v->recipients_size;
      /* a wrapped recipient continues under its text, not under "- " */
      ps.first_line = -0.58 * v->recipients_size;
      ps.left = 0.58 * v->recipients_size;
      for (guint i = 0; recipients[i] != NULL; i++)
        {
          g_autofree char *line = g_strconcat ("- ", recipients[i], NULL);
          para_text (p, &ps, line);
        }
    }
  else
    {
      PStyle empty = { .jc = "left", .size = v->recipients_size };
      para_text (p, &empty, NULL);
    }
  el_end (p);

  cell_begin (p, d->closing_right, 1);
  memset (&ps, 0, sizeof ps);
  ps.jc = "center";
  ps.size = v->signature_size;
  ps.bold = TRUE;
  ps.caps = TRUE;
  ps.before = space + MAX (-lift, 0);
  if (authority[0] != '\0' || on_behalf_of[0] != '\0')
    {
      g_autofree char *line = g_strjoin (authority[0] && on_behalf_of[0] ? " " : "",
                                         authority, on_behalf_of, NULL);
      para_text (p, &ps, line);
      ps.before = 0;
      any_sig = TRUE;
    }
  if (position[0] != '\0')
    {
      PStyle pst = ps;
      pst.bold = v->signature_position_bold;
      para_text (p, &pst, position);
      ps.before = 0;
      any_sig = TRUE;
    }
  ps.caps = FALSE;
  /* room to sign: the pages' blank lines of the name's height */
  ps.before += v->signature_blank_lines * v->signature_size * 1.15;
  para_text (p, &ps, name[0] != '\0' ? name : NULL);
  (void) any_sig;
  el_end (p);
  el_end (p);   /* tr */
  el_end (p);   /* tbl */
}

static void
write_document (Part *p, ExportDoc *d)
{
  const ThiduaProfileValues *v = d->v;
  g_autofree char *pw = tw (THIDUA_MM_TO_PT (v->page_width_mm));
  g_autofree char *ph = tw (THIDUA_MM_TO_PT (v->page_height_mm));
  g_autofree char *mt = tw (THIDUA_MM_TO_PT (v->margin_top_mm));
  g_autofree char *mb = tw (THIDUA_MM_TO_PT (v->margin_bottom_mm));
  g_autofree char *ml = tw (THIDUA_MM_TO_PT (v->margin_left_mm));
  g_autofree char *mr = tw (THIDUA_MM_TO_PT (v->margin_right_mm));
  /* the page number's line is centred on page_number.top_mm */
  g_autofree char *hd = tw (MAX (THIDUA_MM_TO_PT (v->page_number_top_mm) - v->page_number_size * 0.575, 0));

  el (p, "w:document", "xmlns:w", NS_W, "xmlns:r", NS_R, NULL);
  el (p, "w:body", NULL);
  write_header (p, d);
  write_title (p, d);
  write_body (p, d);
  write_closing (p, d);
  if (d->code != NULL)
    {
      /* an issued plan's code, as the pages print it (not a proof here:
       * the text of an editable file can be changed) */
      PStyle ps = { .jc = "right", .before = 12 };
      g_autofree char *line = g_strdup_printf ("%s %s", v->proof_code_label, d->code);

      ps.size = v->proof_code_size;
      para_text (p, &ps, line);
    }
  el (p, "w:sectPr", NULL);
  el_empty (p, "w:headerReference", "w:type", "default", "r:id", "rIdHeaderDefault", NULL);
  el_empty (p, "w:headerReference", "w:type", "first", "r:id", "rIdHeaderFirst", NULL);
  el_empty (p, "w:pgSz", "w:w", pw, "w:h", ph, NULL);
  el_empty (p, "w:pgMar", "w:top", mt, "w:right", mr, "w:bottom", mb, "w:left", ml,
            "w:header", hd, "w:footer", "0", "w:gutter", "0", NULL);
  el_empty (p, "w:titlePg", NULL);
  el_end (p);
  el_end (p);
  el_end (p);
}

static void
write_page_header (Part *p, ExportDoc *d, gboolean first)
{
  const ThiduaProfileValues *v = d->v;
  PStyle ps = { .jc = "center", .size = v->page_number_size };

  el (p, "w:hdr", "xmlns:w", NS_W, "xmlns:r", NS_R, NULL);
  if (first)
    {
      /* page 1 has no number; a draft says so in its corner */
      ps.jc = "right";
      ps.bold = TRUE;
      para_text (p, &ps, d->draft_mark);
    }
  else
    {
      el (p, "w:p", NULL);
      para_props (p, &ps, NULL);
      el (p, "w:r", NULL);
      run_props (p, &ps, FALSE, FALSE);
      el_empty (p, "w:fldChar", "w:fldCharType", "begin", NULL);
      el_end (p);
      el (p, "w:r", NULL);
      run_props (p, &ps, FALSE, FALSE);
      el (p, "w:instrText", "xml:space", "preserve", NULL);
      el_text (p, " PAGE ");
      el_end (p);
      el_end (p);
      el (p, "w:r", NULL);
      run_props (p, &ps, FALSE, FALSE);
      el_empty (p, "w:fldChar", "w:fldCharType", "separate", NULL);
      el_end (p);
      run (p, &ps, "2", FALSE, FALSE);
      el (p, "w:r", NULL);
      run_props (p, &ps, FALSE, FALSE);
      el_empty (p, "w:fldChar", "w:fldCharType", "end", NULL);
      el_end (p);
      el_end (p);
      /* a draft is marked on every page, as printed */
      if (d->draft)
        {
          ps.jc = "right";
          ps.bold = TRUE;
          para_text (p, &ps, d->draft_mark);
        }
    }
  el_end (p);
}

static void
write_styles (Part *p, ExportDoc *d)
{
  const char *family = d->v->font_family;
  g_autofree char *sz = half (d->v->body_size);

  el (p, "w:styles", "xmlns:w", NS_W, NULL);
  el (p, "w:docDefaults", NULL);
  el (p, "w:rPrDefault", NULL);
  el (p, "w:rPr", NULL);
  el_empty (p, "w:rFonts", "w:ascii", family, "w:hAnsi", family, "w:cs", family, "w:eastAsia", family, NULL);
  el_empty (p, "w:sz", "w:val", sz, NULL);
  el_empty (p, "w:szCs", "w:val", sz, NULL);
  el_empty (p, "w:lang", "w:val", "vi-VN", "w:eastAsia", "vi-VN", "w:bidi", "ar-SA", NULL);
  el_end (p);
  el_end (p);
  el (p, "w:pPrDefault", NULL);
  el (p, "w:pPr", NULL);
  el_empty (p, "w:widowControl", NULL);
  el_empty (p, "w:spacing", "w:before", "0", "w:after", "0", "w:line", "240", "w:lineRule", "auto", NULL);
  el_end (p);
  el_end (p);
  el_end (p);
  el (p, "w:style", "w:type", "paragraph", "w:default", "1", "w:styleId", "Normal", NULL);
  el_empty (p, "w:name", "w:val", "Normal", NULL);
  el_empty (p, "w:qFormat", NULL);
  el_end (p);
  el (p, "w:style", "w:type", "table", "w:default", "1", "w:styleId", "TableNormal", NULL);
  el_empty (p, "w:name", "w:val", "Normal Table", NULL);
  el (p, "w:tblPr", NULL);
  el_empty (p, "w:tblInd", "w:w", "0", "w:type", "dxa", NULL);
  el_end (p);
  el_end (p);
  el_end (p);
}

static void
write_settings (Part *p)
{
  el (p, "w:settings", "xmlns:w", NS_W, NULL);
  el_empty (p, "w:defaultTabStop", "w:val", "720", NULL);
  el_empty (p, "w:characterSpacingControl", "w:val", "doNotCompress", NULL);
  el (p, "w:compat", NULL);
  el_empty (p, "w:compatSetting", "w:name", "compatibilityMode", "w:uri",
            "http://schemas.microsoft.com/office/word", "w:val", "15", NULL);
  el_end (p);
  el_end (p);
}

static void
write_core (Part *p, ExportDoc *d)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  el (p, "cp:coreProperties",
      "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "xmlns:dc", "http://purl.org/dc/elements/1.1/",
      "xmlns:dcterms", "http://purl.org/dc/terms/",
      "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance", NULL);
  el_leaf (p, "dc:title", thidua_plan_get_subject (d->plan));
  el_leaf (p, "dc:creator", thidua_plan_get_issuing_body (d->plan));
  el_leaf (p, "dc:language", "vi-VN");
  el (p, "dcterms:created", "xsi:type", "dcterms:W3CDTF", NULL);
  el_text (p, stamp);
  el_end (p);
  el_end (p);
}

/* The profile, so that a plan whose header names no body comes back with
 * it (the importer reads it, see thidua-word.h). */
static void
write_custom (Part *p, ExportDoc *d)
{
  el (p, "Properties", "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
      "xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes", NULL);
  el (p, "property", "fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}", "pid", "2",
      "name", "ThiDuaProfile", NULL);
  el_leaf (p, "vt:lpwstr", d->v->name);
  el_end (p);
  el_end (p);
}

static const char content_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
  "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
  "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
  "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
  "<Override PartName=\"/word/header2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
  "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
  "<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>"
  "</Types>";

static const char package_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"word/document.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"" REL "custom-properties\" Target=\"docProps/custom.xml\"/>"
  "</Relationships>";

static const char document_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rIdStyles\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
  "<Relationship Id=\"rIdSettings\" Type=\"" REL "settings\" Target=\"settings.xml\"/>"
  "<Relationship Id=\"rIdHeaderDefault\" Type=\"" REL "header\" Target=\"header1.xml\"/>"
  "<Relationship Id=\"rIdHeaderFirst\" Type=\"" REL "header\" Target=\"header2.xml\"/>"
  "</Relationships>";

GBytes *
thidua_export_docx_bytes (ThiduaLayout *layout, ThiduaPlan *plan, GError **error)
{
  ExportDoc d;
  Pack *z;
  Part doc = { 0 }, styles = { 0 }, settings = { 0 }, h1 = { 0 }, h2 = { 0 }, core = { 0 }, custom = { 0 };
  gboolean ok;

  if ((z = pack_new (error)) == NULL)
    return NULL;
  export_doc_init (&d, layout, plan);
  part_begin (&doc);
  write_document (&doc, &d);
  part_end (&doc);
  part_begin (&styles);
  write_styles (&styles, &d);
  part_end (&styles);
  part_begin (&settings);
  write_settings (&settings);
  part_end (&settings);
  part_begin (&h1);
  write_page_header (&h1, &d, FALSE);
  part_end (&h1);
  part_begin (&h2);
  write_page_header (&h2, &d, TRUE);
  part_end (&h2);
  part_begin (&core);
  write_core (&core, &d);
  part_end (&core);
  part_begin (&custom);
  write_custom (&custom, &d);
  part_end (&custom);
  export_doc_clear (&d);

  ok = pack_add_string (z, "[Content_Types].xml", content_types, FALSE, error)
       && pack_add_string (z, "_rels/.rels", package_rels, FALSE, error)
       && pack_add_part (z, "word/document.xml", &doc, FALSE, error)
       && pack_add_string (z, "word/_rels/document.xml.rels", document_rels, FALSE, error)
       && pack_add_part (z, "word/styles.xml", &styles, FALSE, error)
       && pack_add_part (z, "word/settings.xml", &settings, FALSE, error)
       && pack_add_part (z, "word/header1.xml", &h1, FALSE, error)
       && pack_add_part (z, "word/header2.xml", &h2, FALSE, error)
       && pack_add_part (z, "docProps/core.xml", &core, FALSE, error)
       && pack_add_part (z, "docProps/custom.xml", &custom, FALSE, error);
  part_free (&doc);
  part_free (&styles);
  part_free (&settings);
  part_free (&h1);
  part_free (&h2);
  part_free (&core);
  part_free (&custom);
  if (!ok)
    {
      pack_abort (z);
      return NULL;
    }
  return pack_finish (z, error);
}
