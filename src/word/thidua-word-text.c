/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-word-text.c — paragraphs and tables gathered by the readers, and
 * the text the recogniser reads (see thidua-word.h for its shape). */
#include "config.h"
#include "thidua-word-text.h"
#include "thidua-text.h"

#include <string.h>

typedef struct {
  guint    style;
  GString *text;
} Run;

struct _WordPara {
  char      *label;
  GArray    *runs;     /* of Run */
  GPtrArray *after;    /* WordPara: text boxes anchored here, in order */
};

typedef struct {
  guint      col, span;
  GPtrArray *paras;    /* WordPara */
} Cell;

struct _WordTable {
  GPtrArray *rows;     /* GPtrArray of Cell */
  Cell      *cell;     /* open cell */
  guint      next_col;
};

typedef struct {
  WordPara  *para;
  WordTable *table;
} Block;

struct _WordDoc {
  GArray    *blocks;       /* of Block */
  GPtrArray *paras;        /* open paragraphs, innermost last */
  GPtrArray *tables;       /* open tables, innermost last */
  GArray    *para_base;    /* paras->len when each open table began */
  gsize      size;
};

static void
run_clear (Run *r)
{
  g_string_free (r->text, TRUE);
}

static WordPara *
para_new (void)
{
  WordPara *p = g_new0 (WordPara, 1);

  p->runs = g_array_new (FALSE, TRUE, sizeof (Run));
  g_array_set_clear_func (p->runs, (GDestroyNotify) run_clear);
  return p;
}

static void
para_free (WordPara *p)
{
  if (p == NULL)
    return;
  g_free (p->label);
  g_array_unref (p->runs);
  if (p->after)
    g_ptr_array_unref (p->after);
  g_free (p);
}

static void
cell_free (Cell *c)
{
  g_ptr_array_unref (c->paras);
  g_free (c);
}

static WordTable *
table_new (void)
{
  WordTable *t = g_new0 (WordTable, 1);

  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  return t;
}

static void
table_free (WordTable *t)
{
  if (t == NULL)
    return;
  g_ptr_array_unref (t->rows);
  g_free (t);
}

static void
block_clear (Block *b)
{
  para_free (b->para);
  table_free (b->table);
}

WordDoc *
word_doc_new (void)
{
  WordDoc *doc = g_new0 (WordDoc, 1);

  doc->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (doc->blocks, (GDestroyNotify) block_clear);
  doc->paras = g_ptr_array_new_with_free_func ((GDestroyNotify) para_free);
  doc->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  doc->para_base = g_array_new (FALSE, FALSE, sizeof (guint));
  return doc;
}

void
word_doc_free (WordDoc *doc)
{
  if (doc == NULL)
    return;
  g_array_unref (doc->blocks);
  g_ptr_array_unref (doc->paras);
  g_ptr_array_unref (doc->tables);
  g_array_unref (doc->para_base);
  g_free (doc);
}

gsize
word_doc_size (WordDoc *doc)
{
  return doc->size;
}

gboolean
word_doc_in_para (WordDoc *doc)
{
  return doc->paras->len > 0;
}

void
word_doc_begin_para (WordDoc *doc)
{
  g_ptr_array_add (doc->paras, para_new ());
}

static WordPara *
current_para (WordDoc *doc)
{
  return doc->paras->len > 0 ? g_ptr_array_index (doc->paras, doc->paras->len - 1) : NULL;
}

void
word_doc_set_label (WordDoc *doc, const char *label)
{
  WordPara *p = current_para (doc);

  if (p == NULL)
    return;
  g_free (p->label);
  p->label = g_strdup (label);
}

void
word_doc_add_text (WordDoc *doc, const char *text, gsize len, guint style)
{
  WordPara *p = current_para (doc);
  Run *last;

  if (p == NULL || len == 0)
    return;
  doc->size += len;
  last = p->runs->len > 0 ? &g_array_index (p->runs, Run, p->runs->len - 1) : NULL;
  if (last == NULL || last->style != style)
    {
      Run r = { style, g_string_new (NULL) };

      g_array_append_val (p->runs, r);
      last = &g_array_index (p->runs, Run, p->runs->len - 1);
    }
  g_string_append_len (last->text, text, len);
}

/* Where a finished paragraph goes: after the paragraph it is anchored in
 * (a text box), into the open cell, or the body. */
static void
file_para (WordDoc *doc, WordPara *p)
{
  WordPara *outer = current_para (doc);
  guint base = doc->para_base->len > 0
               ? g_array_index (doc->para_base, guint, doc->para_base->len - 1) : 0;
  WordTable *t = doc->tables->len > 0 ? g_ptr_array_index (doc->tables, doc->tables->len - 1) : NULL;

  if (outer != NULL && (t == NULL || doc->paras->len > base))
    {
      if (outer->after == NULL)
        outer->after = g_ptr_array_new_with_free_func ((GDestroyNotify) para_free);
      g_ptr_array_add (outer->after, p);
    }
  else if (t != NULL && t->cell != NULL)
    g_ptr_array_add (t->cell->paras, p);
  else if (t != NULL)
    para_free (p);    /* text between cells: not in any cell */
  else
    {
      Block b = { p, NULL };
      g_array_append_val (doc->blocks, b);
    }
}

void
word_doc_end_para (WordDoc *doc)
{
  WordPara *p;

  if (doc->paras->len == 0)
    return;
  p = g_ptr_array_steal_index (doc->paras, doc->paras->len - 1);
  file_para (doc, p);
}

void
word_doc_begin_table (WordDoc *doc)
{
  guint base = doc->paras->len;

  g_ptr_array_add (doc->tables, table_new ());
  g_array_append_val (doc->para_base, base);
}

void
word_doc_begin_row (WordDoc *doc)
{
  WordTable *t = doc->tables->len > 0 ? g_ptr_array_index (doc->tables, doc->tables->len - 1) : NULL;

  if (t == NULL)
    return;
  g_ptr_array_add (t->rows, g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free));
  t->next_col = 0;
  t->cell = NULL;
}

void
word_doc_begin_cell (WordDoc *doc, guint span)
{
  WordTable *t = doc->tables->len > 0 ? g_ptr_array_index (doc->tables, doc->tables->len - 1) : NULL;
  Cell *c;

  if (t == NULL)
    return;
  if (t->rows->len == 0)
    word_doc_begin_row (doc);
  c = g_new0 (Cell, 1);
  c->col = t->next_col;
  c->span = MAX (span, 1);
  c->paras = g_ptr_array_new_with_free_func ((GDestroyNotify) para_free);
  t->next_col += c->span;
  g_ptr_array_add (g_ptr_array_index (t->rows, t->rows->len - 1), c);
  t->cell = c;
}

void
word_doc_widen_cell (WordDoc *doc, guint span)
{
  WordTable *t = doc->tables->len > 0 ? g_ptr_array_index (doc->tables, doc->tables->len - 1) : NULL;

  if (t == NULL || t->cell == NULL || span < 1)
    return;
  t->next_col += span - t->cell->span;
  t->cell->span = span;
}

void
word_doc_end_cell (WordDoc *doc)
{
  WordTable *t = doc->tables->len > 0 ? g_ptr_array_index (doc->tables, doc->tables->len - 1) : NULL;

  /* a paragraph left open in the cell (damaged file) closes with it */
  if (t != NULL && doc->para_base->len > 0)
    while (doc->paras->len > g_array_index (doc->para_base, guint, doc->para_base->len - 1))
      word_doc_end_para (doc);
  if (t != NULL)
    t->cell = NULL;
}

void
word_doc_end_table (WordDoc *doc)
{
  WordTable *t;
  WordTable *outer;

  if (doc->tables->len == 0)
    return;
  word_doc_end_cell (doc);
  t = g_ptr_array_steal_index (doc->tables, doc->tables->len - 1);
  g_array_set_size (doc->para_base, doc->para_base->len - 1);
  outer = doc->tables->len > 0 ? g_ptr_array_index (doc->tables, doc->tables->len - 1) : NULL;

  if (outer != NULL || current_para (doc) != NULL)
    {
      /* A table inside a cell or a text box: its paragraphs, row by row. */
      for (guint r = 0; r < t->rows->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (t->rows, r);

          for (guint c = 0; c < row->len; c++)
            {
              Cell *cell = g_ptr_array_index (row, c);

              while (cell->paras->len > 0)
                file_para (doc, g_ptr_array_steal_index (cell->paras, 0));
            }
        }
      table_free (t);
      return;
    }
  {
    Block b = { NULL, t };
    g_array_append_val (doc->blocks, b);
  }
}

/* --- text ------------------------------------------------------------- */

static gboolean
all_space (const char *s)
{
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* The paragraph's text; with markup, bold and italic spans inside it
 * become **…** and *…* (a paragraph in one style is written plain). */
static void
render_para (WordPara *p, gboolean markup, GString *out)
{
  guint first_style = G_MAXUINT;
  gboolean mixed = FALSE;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *stripped = NULL;

  for (guint i = 0; i < p->runs->len; i++)
    {
      Run *r = &g_array_index (p->runs, Run, i);
      guint st = r->style & (RUN_BOLD | RUN_ITALIC);

      if (all_space (r->text->str))
        continue;
      if (first_style == G_MAXUINT)
        first_style = st;
      else if (st != first_style)
        mixed = TRUE;
    }

  for (guint i = 0; i < p->runs->len; i++)
    {
      Run *r = &g_array_index (p->runs, Run, i);
      guint st = r->style & (RUN_BOLD | RUN_ITALIC);
      const char *marker = st == (RUN_BOLD | RUN_ITALIC) ? "***" : st == RUN_BOLD ? "**" : "*";
      const char *t = r->text->str;
      gsize n = r->text->len, lead = 0, trail = 0;

      if (!markup || !mixed || st == 0 || all_space (t))
        {
          g_string_append_len (s, t, n);
          continue;
        }
      /* white space stays outside the markers */
      while (lead < n && g_ascii_isspace (t[lead]))
        lead++;
      while (trail < n - lead && g_ascii_isspace (t[n - 1 - trail]))
        trail++;
      g_string_append_len (s, t, lead);
      g_string_append (s, marker);
      g_string_append_len (s, t + lead, n - lead - trail);
      g_string_append (s, marker);
      g_string_append_len (s, t + n - trail, trail);
    }

  stripped = g_strstrip (g_string_free (g_steal_pointer (&s), FALSE));
  if (p->label != NULL && p->label[0] != '\0')
    {
      g_string_append (out, p->label);
      if (stripped[0] != '\0')
        g_string_append_c (out, ' ');
    }
  g_string_append (out, stripped);
}

/* Appends the paragraph and its text boxes as lines (sep after each). */
static void
emit_para (WordPara *p, gboolean markup, const char *sep, GString *out, gboolean *any)
{
  g_autoptr(GString) s = g_string_new (NULL);

  render_para (p, markup, s);
  if (!all_space (s->str))
    {
      g_string_append (out, s->str);
      g_string_append (out, sep);
      if (any)
        *any = TRUE;
    }
  for (guint i = 0; p->after != NULL && i < p->after->len; i++)
    emit_para (g_ptr_array_index (p->after, i), markup, sep, out, any);
}

static gboolean
para_has_recipients_heading (WordPara *p)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *folded = NULL;

  render_para (p, FALSE, s);
  folded = thidua_text_fold (s->str);
  if (g_str_has_prefix (g_strchug (folded), "noi nhan"))
    return TRUE;
  for (guint i = 0; p->after != NULL && i < p->after->len; i++)
    if (para_has_recipients_heading (g_ptr_array_index (p->after, i)))
      return TRUE;
  return FALSE;
}

static guint
table_columns (WordTable *t)
{
  guint n = 0;

  for (guint r = 0; r < t->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, r);

      for (guint c = 0; c < row->len; c++)
        {
          Cell *cell = g_ptr_array_index (row, c);
          n = MAX (n, cell->col + cell->span);
        }
    }
  return n;
}

static gboolean
table_is_closing (WordTable *t)
{
  for (guint r = 0; r < t->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, r);

      for (guint c = 0; c < row->len; c++)
        {
          Cell *cell = g_ptr_array_index (row, c);

          for (guint p = 0; p < cell->paras->len; p++)
            if (para_has_recipients_heading (g_ptr_array_index (cell->paras, p)))
              return TRUE;
        }
    }
  return FALSE;
}

static gboolean
is_blank_number (WordPara *p)
{
  g_autoptr(GString) s = g_string_new (NULL);

  render_para (p, FALSE, s);
  return strcmp (s->str, "Số:") == 0 || strcmp (s->str, "Số") == 0;
}

static gboolean
table_is_empty (WordTable *t)
{
  for (guint r = 0; r < t->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, r);

      for (guint c = 0; c < row->len; c++)
        {
          Cell *cell = g_ptr_array_index (row, c);

          for (guint p = 0; p < cell->paras->len; p++)
            {
              g_autoptr(GString) s = g_string_new (NULL);

              emit_para (g_ptr_array_index (cell->paras, p), FALSE, "", s, NULL);
              if (!all_space (s->str))
                return FALSE;
            }
        }
    }
  return TRUE;
}

/* Header or closing: each column on its own, top to bottom. */
static void
emit_layout_table (WordTable *t, GString *out)
{
  guint ncols = table_columns (t);

  for (guint col = 0; col < ncols; col++)
    {
      gboolean any = FALSE;

      for (guint r = 0; r < t->rows->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (t->rows, r);

          for (guint c = 0; c < row->len; c++)
            {
              Cell *cell = g_ptr_array_index (row, c);

              if (cell->col != col)
                continue;
              for (guint p = 0; p < cell->paras->len; p++)
                {
                  WordPara *para = g_ptr_array_index (cell->paras, p);

                  /* "Số:" alone is the room left for a number not yet
                   * given: nothing to read */
                  if (is_blank_number (para))
                    continue;
                  emit_para (para, FALSE, "\n", out, &any);
                }
            }
        }
      if (any)
        g_string_append_c (out, '\n');
    }
}

static void
append_cell_text (GString *out, const char *s)
{
  for (const char *p = s; *p; p++)
    {
      if (*p == '|')
        g_string_append (out, "\\|");
      else if (*p == '\n' || *p == '\t' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

/* A table of the body, in the body markup. */
static void
emit_pipe_table (WordTable *t, GString *out)
{
  guint ncols = table_columns (t);

  if (ncols == 0)
    return;
  for (guint r = 0; r < t->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, r);

      g_string_append_c (out, '|');
      for (guint col = 0; col < ncols; col++)
        {
          g_autoptr(GString) text = g_string_new (NULL);

          for (guint c = 0; c < row->len; c++)
            {
              Cell *cell = g_ptr_array_index (row, c);

              if (cell->col != col)
                continue;
              for (guint p = 0; p < cell->paras->len; p++)
                {
                  g_autoptr(GString) s = g_string_new (NULL);

                  render_para (g_ptr_array_index (cell->paras, p), TRUE, s);
                  if (all_space (s->str))
                    continue;
                  if (text->len > 0)
                    g_string_append_c (text, ' ');
                  g_string_append (text, s->str);
                }
            }
          g_string_append_c (out, ' ');
          append_cell_text (out, text->str);
          g_string_append (out, " |");
        }
      g_string_append_c (out, '\n');
      if (r == 0 && t->rows->len > 1)
        {
          g_string_append_c (out, '|');
          for (guint col = 0; col < ncols; col++)
            g_string_append (out, "---|");
          g_string_append_c (out, '\n');
        }
    }
  g_string_append_c (out, '\n');
}

char *
word_doc_to_text (WordDoc *doc)
{
  GString *out = g_string_new (NULL);
  gboolean long_text_seen = FALSE;

  /* close whatever a damaged file left open */
  while (doc->tables->len > 0 || doc->paras->len > 0)
    {
      if (doc->tables->len > 0)
        word_doc_end_table (doc);
      else
        word_doc_end_para (doc);
    }

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *b = &g_array_index (doc->blocks, Block, i);

      if (b->para != NULL)
        {
          gsize before = out->len;

          emit_para (b->para, TRUE, "\n", out, NULL);
          if (out->len - before > 120)
            long_text_seen = TRUE;
        }
      else if (b->table != NULL && table_is_empty (b->table))
        continue;     /* an empty layout table: nothing to read */
      else if (b->table != NULL)
        {
          /* The header: a small table before any paragraph of running
           * text; the closing: the table with "Nơi nhận". */
          if ((!long_text_seen && table_columns (b->table) <= 3) || table_is_closing (b->table))
            emit_layout_table (b->table, out);
          else
            emit_pipe_table (b->table, out);
        }
    }
  return g_string_free (out, FALSE);
}

/* --- numbering labels ------------------------------------------------- */

static char *
roman (guint n, gboolean upper)
{
  static const struct { guint v; const char *s; } table[] = {
    { 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" }, { 100, "C" }, { 90, "XC" },
    { 50, "L" }, { 40, "XL" }, { 10, "X" }, { 9, "IX" }, { 5, "V" }, { 4, "IV" }, { 1, "I" },
  };
  GString *s = g_string_new (NULL);

  if (n == 0 || n >= 4000)
    {
      g_string_append_printf (s, "%u", n);
      return g_string_free (s, FALSE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    while (n >= table[i].v)
      {
        g_string_append (s, table[i].s);
        n -= table[i].v;
      }
  if (!upper)
    {
      char *low = g_ascii_strdown (s->str, -1);
      g_string_free (s, TRUE);
      return low;
    }
  return g_string_free (s, FALSE);
}

static char *
letters (guint n, gboolean upper)
{
  /* Word: a … z, aa … zz, aaa …; the same letter repeated. */
  guint times = (n - 1) / 26 + 1;
  char c = (char) ((upper ? 'A' : 'a') + (n - 1) % 26);

  if (n == 0)
    return g_strdup ("0");
  times = MIN (times, 10);
  return g_strnfill (times, c);
}

char *
word_format_counter (guint n, const char *format)
{
  if (format == NULL)
    return g_strdup_printf ("%u", n);
  /* Word's names and ODF's style:num-format */
  if (strcmp (format, "upperRoman") == 0 || strcmp (format, "I") == 0)
    return roman (n, TRUE);
  if (strcmp (format, "lowerRoman") == 0 || strcmp (format, "i") == 0)
    return roman (n, FALSE);
  if (strcmp (format, "upperLetter") == 0 || strcmp (format, "A") == 0)
    return letters (n, TRUE);
  if (strcmp (format, "lowerLetter") == 0 || strcmp (format, "a") == 0)
    return letters (n, FALSE);
  if (strcmp (format, "decimalZero") == 0)
    return g_strdup_printf ("%02u", n);
  if (strcmp (format, "none") == 0 || format[0] == '\0')
    return g_strdup ("");
  return g_strdup_printf ("%u", n);
}
