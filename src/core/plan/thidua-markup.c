/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-markup.c — the plan body as secretaries write it, parsed into
 * blocks and an outline.
 *
 * The parser works line by line on the source bytes (so every block can
 * point back at its source range) and normalises only what it hands out:
 * labels and texts are NFC, runs of white space collapsed to one space.
 *
 * Decisions where the issue is silent (also in the report):
 *  - Each non-blank line is its own block.  A line joins the block before it
 *    only when it obviously continues it: it has no marker, starts with a
 *    lower-case letter, at most one blank line lies between, and the block
 *    before is not a heading and does not end with . ; : ! ? …  (the seeds
 *    were extracted from PDFs and carry hard wraps such as "nhiệm vụ trọng
 *    tâm\n\ntrong hoạt động;").
 *  - Roman headings use I, V and X only (values 1–39), need "." then white
 *    space or the end of the line, and text that does not start in lower
 *    case: "C. …"/"D. …" letter items and "Vừa …" stay paragraphs.
 *  - Numbered labels have components of one or two digits.  "2.1 " without
 *    the final dot is accepted (two or more components), "1 " is not, so a
 *    line starting "10 cá nhân" or "10.000 đồng" stays a paragraph.  "1.Mục"
 *    (no space, upper-case letter after the dot) is accepted.
 *  - Labels are kept as written ("2.1" stays "2.1", "a." stays "a."); the
 *    renderer decides how to print them.
 *  - "- a. Phạm vi" is a bullet whose text is "a. Phạm vi…": nothing is
 *    guessed away, and the printed result matches what was typed.
 *  - "* " at the start of a line is a level-1 bullet labelled "*"; "*word*"
 *    there is italic.  "–" and "•" are level-1 bullets too.
 *  - A numbered item is titled when its text does not end with . ; , ! ? …
 *    (closing quotes and brackets looked through; a final ":" still counts
 *    as a title, "1. Mục đích:") and has at most 30 words.
 *  - Lettered items have level 1; they are never titled (format rules:
 *    regular).
 *  - Misnumbering: Roman headings must count 1, 2, 3…; numbered items must
 *    count up from 1 under the same parent; numbering restarts after each
 *    Roman heading.  After a wrong number the count continues from it, so
 *    only the wrong item is flagged.  Lettered items (block flag only, they
 *    are not in the outline) follow the Vietnamese alphabet a b c d đ e g
 *    … y from "a" after each heading or numbered item; "đ" may be skipped,
 *    f j w z are always flagged.
 *  - Tables are written as in plain-text mail and Markdown: consecutive
 *    lines starting with "|" form one table, a cell per "|…|" ("\|" is a
 *    bar inside a cell, the closing "|" may be left out).  A second line
 *    made of dashes (at least one per cell, "---", ":--", "--:", ":-:")
 *    makes the first line the header row, repeated on every printed page,
 *    and gives the columns' alignment; without it there is no header.
 *    Only the second line can be the rule line, and only when every one
 *    of its cells is a rule cell (it may have fewer or more cells than the
 *    header); a row of "-" cells anywhere else is data.  Cells print as
 *    plain text (matched emphasis markers are removed as elsewhere, each
 *    cell on its own), NFC, white space collapsed.  The table has as many
 *    columns as its longest row; shorter rows get empty cells.  Columns
 *    are as wide as their longest cell (header included) suggests: 3 to 40
 *    characters' worth plus two for the padding, as weights shared out
 *    over the text width, so an STT column stays narrow.  A blank line or
 *    any other line ends a table: a table line never continues a
 *    paragraph and no line continues a table.  A lone "|" is text (a
 *    paragraph), not an empty table.  Tables are not in the outline and
 *    do not count for numbering ("| 1. … |" is a cell).
 */
#include "config.h"
#include "thidua-markup.h"
#include "thidua-text.h"

#include <string.h>

#define MAX_DEPTH 8
#define TITLE_MAX_WORDS 30

struct _ThiduaBody {
  gatomicrefcount  ref_count;
  GArray          *blocks;    /* of ThiduaBlock */
  GArray          *outline;   /* of ThiduaOutlineEntry */
};

/* ---------------------------------------------------------------- helpers */

static void
run_clear (gpointer data)
{
  ThiduaRun *run = data;

  g_clear_pointer (&run->text, g_free);
}

static void
block_clear (gpointer data)
{
  ThiduaBlock *block = data;

  g_clear_pointer (&block->label, g_free);
  g_clear_pointer (&block->runs, g_array_unref);
  g_clear_pointer (&block->text, g_free);
  g_clear_pointer (&block->table, thidua_body_table_unref);
}

static void
outline_entry_clear (gpointer data)
{
  ThiduaOutlineEntry *entry = data;

  g_clear_pointer (&entry->label, g_free);
  g_clear_pointer (&entry->title, g_free);
}

/* Byte length of the white-space character at p (0 when p is not one).
 * Besides ASCII blanks this covers what Word and PDF copies carry:
 * no-break space, the U+2000 block, ideographic space, BOM, zero width. */
static inline gsize
space_len (const char *p, const char *end)
{
  guchar c = (guchar) *p;
  gunichar u;

  if (c == ' ' || c == '\t' || c == '\v' || c == '\f')
    return 1;
  if (c < 0x80)
    return 0;
  /* Only these lead bytes start a space (U+00A0, U+1680, U+2000–U+205F,
   * U+3000, U+FEFF); Vietnamese letters are rejected without decoding. */
  if (c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3 && c != 0xEF)
    return 0;
  if (c == 0xE1 && end - p > 1 && (guchar) p[1] != 0x9A)
    return 0;
  u = g_utf8_get_char_validated (p, end - p);
  if (u == (gunichar) -1 || u == (gunichar) -2)
    return 0;
  if (g_unichar_isspace (u) || u == 0xFEFF || u == 0x200B)
    return g_utf8_next_char (p) - p;
  return 0;
}

static const char *
skip_space (const char *p, const char *end)
{
  gsize n;

  while (p < end && (n = space_len (p, end)) > 0)
    p += n;
  return p;
}

static const char *
trim_end (const char *start, const char *end)
{
  while (end > start)
    {
      const char *prev = end - 1;

      while (prev > start && ((guchar) *prev & 0xC0) == 0x80)
        prev--;
      if (space_len (prev, end) == 0)
        break;
      end = prev;
    }
  return end;
}

/* The character at p, or 0 at the end or on invalid UTF-8. */
static gunichar
char_at (const char *p, const char *end)
{
  gunichar u;

  if (p >= end)
    return 0;
  if ((guchar) *p < 0x80)
    return (guchar) *p;
  u = g_utf8_get_char_validated (p, end - p);
  if (u == (gunichar) -1 || u == (gunichar) -2)
    return 0;
  return u;
}

static gboolean
is_final_punct (gunichar c)
{
  return c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == 0x2026;
}

static gboolean
is_closing_wrapper (gunichar c)
{
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == '*'
      || c == 0x201D || c == 0x2019 || c == 0x00BB;
}

/* NFC of a byte range; invalid UTF-8 is repaired (U+FFFD) rather than
 * dropped, so the parser never loses the rest of a line. */
static char *
normalize_range (const char *s, gssize len, gboolean source_nfc)
{
  g_autofree char *valid = NULL;
  gsize n = len < 0 ? strlen (s) : (gsize) len;
  gboolean ascii = TRUE;

  if (source_nfc)
    return g_strndup (s, n);
  for (gsize i = 0; i < n; i++)
    if ((guchar) s[i] >= 0x80)
      {
        ascii = FALSE;
        break;
      }
  if (ascii)
    return g_strndup (s, n);
  if (!g_utf8_validate_len (s, n, NULL))
    {
      valid = g_utf8_make_valid (s, n);
      return thidua_text_nfc (valid, -1);
    }
  return thidua_text_nfc (s, n);
}

/* Collapses runs of white space to one ASCII space and trims, in place. */
static void
collapse_space (char *s)
{
  const char *end = s + strlen (s);
  const char *r = s;
  char *w = s;
  gboolean pending = FALSE;

  while (r < end)
    {
      guchar c = (guchar) *r;
      gsize n;

      /* printable ASCII and UTF-8 continuation bytes are never space */
      if ((c > ' ' && c < 0x7F) || (c >= 0x80 && c < 0xC0))
        {
          if (pending)
            *w++ = ' ';
          pending = FALSE;
          *w++ = *r++;
          continue;
        }
      n = space_len (r, end);
      if (n > 0)
        {
          pending = w > s;
          r += n;
          continue;
        }
      if (pending)
        *w++ = ' ';
      pending = FALSE;
      *w++ = *r++;
    }
  *w = '\0';
}

/* ----------------------------------------------------------------- Roman */

static const struct { guint value; const char *digits; } roman_table[] = {
  { 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" },
  { 100, "C" }, { 90, "XC" }, { 50, "L" }, { 40, "XL" },
  { 10, "X" }, { 9, "IX" }, { 5, "V" }, { 4, "IV" }, { 1, "I" },
};

guint
thidua_markup_roman_value (const char *s, gsize len)
{
  char canonical[32];
  gsize pos = 0;
  guint value = 0, rest;

  if (s == NULL || len == 0 || len >= sizeof canonical)
    return 0;

  /* Greedy parse by the canonical table, then re-encode: only the one
   * canonical spelling of each value is accepted ("IIII", "IL" are not). */
  for (guint i = 0; i < G_N_ELEMENTS (roman_table) && pos < len; i++)
    {
      gsize dl = strlen (roman_table[i].digits);

      while (pos + dl <= len && memcmp (s + pos, roman_table[i].digits, dl) == 0)
        {
          value += roman_table[i].value;
          pos += dl;
        }
    }
  if (pos != len || value == 0 || value > 3999)
    return 0;

  pos = 0;
  rest = value;
  for (guint i = 0; i < G_N_ELEMENTS (roman_table); i++)
    while (rest >= roman_table[i].value)
      {
        gsize dl = strlen (roman_table[i].digits);

        if (pos + dl >= sizeof canonical)
          return 0;
        memcpy (canonical + pos, roman_table[i].digits, dl);
        pos += dl;
        rest -= roman_table[i].value;
      }
  if (pos != len || memcmp (canonical, s, len) != 0)
    return 0;
  return value;
}

/* ---------------------------------------------------------------- inline */

typedef struct {
  gsize  pos;
  guint  len;
  /* per kind (0 italic, 1 bold): +1 opens, -1 closes, 0 unmatched */
  int    italic;
  int    bold;
} StarRun;

/* Runs are built in a GString and emitted when the style changes, so
 * adjacent pieces of one style merge without re-scanning (linear). */
typedef struct {
  GArray         *runs;
  GString        *cur;
  ThiduaRunStyle  style;
} RunBuilder;

static void
builder_emit (RunBuilder *rb)
{
  ThiduaRun run;

  if (rb->cur->len == 0)
    return;
  run.text = g_strndup (rb->cur->str, rb->cur->len);
  run.style = rb->style;
  g_array_append_val (rb->runs, run);
  g_string_truncate (rb->cur, 0);
}

static void
push_run (RunBuilder *rb, const char *text, gsize len, ThiduaRunStyle style)
{
  if (len == 0)
    return;
  if (style != rb->style)
    {
      builder_emit (rb);
      rb->style = style;
    }
  g_string_append_len (rb->cur, text, len);
}

static GArray *
parse_inline_len (const char *text, gsize n)
{
  const char *end = text + n;
  g_autoptr(GArray) stars = g_array_new (FALSE, FALSE, sizeof (StarRun));
  g_autoptr(GArray) italic_stack = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) bold_stack = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (ThiduaRun));
  RunBuilder rb = { runs, g_string_new (NULL), THIDUA_RUN_PLAIN };
  int italic_depth = 0, bold_depth = 0;
  gsize seg;

  g_array_set_clear_func (runs, run_clear);

  /* Runs of 1, 2 or 3 stars are delimiters; 4 or more are literal. */
  for (gsize i = 0; i < n; )
    {
      StarRun sr = { i, 0, 0, 0 };

      if (text[i] != '*')
        {
          i++;
          continue;
        }
      while (i < n && text[i] == '*')
        i++;
      sr.len = i - sr.pos;
      if (sr.len <= 3)
        g_array_append_val (stars, sr);
    }

  /* Pair closers with the nearest opener of the same kind.  The two kinds
   * are paired independently: runs carry style bits, so overlapping spans
   * are representable and matching stays linear. */
  for (guint k = 0; k < stars->len; k++)
    {
      StarRun *sr = &g_array_index (stars, StarRun, k);
      const char *before = text + sr->pos;
      const char *after = text + sr->pos + sr->len;
      gboolean can_open, can_close;

      can_open = after < end && space_len (after, end) == 0;
      can_close = FALSE;
      if (sr->pos > 0)
        {
          const char *prev = g_utf8_find_prev_char (text, before);
          can_close = prev != NULL && space_len (prev, end) == 0;
        }

      for (guint kind = 0; kind < 2; kind++)
        {
          GArray *stack = kind == 0 ? italic_stack : bold_stack;
          gboolean has_kind = kind == 0 ? (sr->len != 2) : (sr->len >= 2);

          if (!has_kind)
            continue;
          if (can_close && stack->len > 0)
            {
              guint o = g_array_index (stack, guint, stack->len - 1);
              StarRun *opener = &g_array_index (stars, StarRun, o);

              g_array_set_size (stack, stack->len - 1);
              if (kind == 0)
                opener->italic = 1, sr->italic = -1;
              else
                opener->bold = 1, sr->bold = -1;
            }
          else if (can_open)
            g_array_append_val (stack, k);
        }
    }

  seg = 0;
  for (guint k = 0; k < stars->len; k++)
    {
      const StarRun *sr = &g_array_index (stars, StarRun, k);
      ThiduaRunStyle style = (italic_depth > 0 ? THIDUA_RUN_ITALIC : 0)
                           | (bold_depth > 0 ? THIDUA_RUN_BOLD : 0);
      guint used = (sr->italic != 0 ? 1 : 0) + (sr->bold != 0 ? 2 : 0);

      if (used == 0)
        continue;   /* literal: stays in the current segment */
      push_run (&rb, text + seg, sr->pos - seg, style);
      /* Unmatched stars of a partly used run stay literal. */
      if (sr->len > used)
        push_run (&rb, text + sr->pos, sr->len - used, style);
      italic_depth += sr->italic;
      bold_depth += sr->bold;
      seg = sr->pos + sr->len;
    }
  push_run (&rb, text + seg, n - seg,
            (italic_depth > 0 ? THIDUA_RUN_ITALIC : 0)
            | (bold_depth > 0 ? THIDUA_RUN_BOLD : 0));
  builder_emit (&rb);
  g_string_free (rb.cur, TRUE);
  return runs;
}

GArray *
thidua_markup_parse_inline (const char *text)
{
  if (text == NULL)
    text = "";
  return parse_inline_len (text, strlen (text));
}

/* ----------------------------------------------------------------- lines */

typedef struct {
  ThiduaBlockKind kind;
  guint           level;
  const char     *label_start; /* after emphasis stars opening the line */
  guint           lead_stars;  /* "**1. Mục đích**": stars kept for the text */
  const char     *label_end;   /* label is [label_start, label_end) */
  const char     *text_start;
  guint           n_numbers;   /* numbered: components; heading: 1 */
  guint           numbers[MAX_DEPTH];
} LineClass;

static gboolean
is_ascii_digit (char c)
{
  return c >= '0' && c <= '9';
}

static gboolean
classify_roman (const char *p, const char *end, LineClass *lc)
{
  const char *q = p;
  guint value;
  gunichar first;

  while (q < end && (*q == 'I' || *q == 'V' || *q == 'X') && q - p < 7)
    q++;
  if (q == p || q >= end || *q != '.')
    return FALSE;
  value = thidua_markup_roman_value (p, q - p);
  if (value == 0 || value > 39)
    return FALSE;
  q++;
  if (q < end && space_len (q, end) == 0)
    return FALSE;
  first = char_at (skip_space (q, end), end);
  if (first != 0 && g_unichar_islower (first))
    return FALSE;

  lc->kind = THIDUA_BLOCK_HEADING;
  lc->level = 1;
  lc->label_end = q;
  lc->text_start = skip_space (q, end);
  lc->n_numbers = 1;
  lc->numbers[0] = value;
  return TRUE;
}

static gboolean
classify_numbered (const char *p, const char *end, LineClass *lc)
{
  const char *q = p;
  guint n = 0;
  gboolean final_dot = FALSE;

  for (;;)
    {
      const char *d = q;
      guint v = 0;

      while (q < end && is_ascii_digit (*q) && q - d < 3)
        v = v * 10 + (*q++ - '0');
      if (q == d || q - d > 2 || (q < end && is_ascii_digit (*q)))
        return FALSE;
      if (n >= MAX_DEPTH)
        return FALSE;
      lc->numbers[n++] = v;
      if (q < end && *q == '.')
        {
          q++;
          if (q < end && is_ascii_digit (*q))
            continue;
          final_dot = TRUE;
        }
      break;
    }

  if (q < end && space_len (q, end) == 0)
    {
      /* "1.Mục đích": glued to the dot, accepted before a capital only. */
      gunichar next = char_at (q, end);

      if (!final_dot || next == 0 || !g_unichar_isupper (next))
        return FALSE;
    }
  if (!final_dot && n < 2)
    return FALSE;
  if (!final_dot && q >= end)
    return FALSE;   /* "2.1" alone is more likely a number than an item */

  lc->kind = THIDUA_BLOCK_NUMBERED;
  lc->level = n;
  lc->label_end = q;
  lc->text_start = skip_space (q, end);
  lc->n_numbers = n;
  return TRUE;
}

static gboolean
classify_lettered (const char *p, const char *end, LineClass *lc)
{
  const char *q = p;
  gunichar c = char_at (p, end);
  gunichar next;

  if (c == 0x0111)   /* đ */
    q += 2;
  else if (c >= 'a' && c <= 'z')
    q += 1;
  else
    return FALSE;
  if (q >= end || (*q != ')' && *q != '.'))
    return FALSE;
  if (*q == '.')
    {
      next = char_at (q + 1, end);
      /* "a. Phạm vi", "a.Phạm vi"; not "v.v." */
      if (next != 0 && space_len (q + 1, end) == 0 && !g_unichar_isupper (next))
        return FALSE;
    }
  q++;

  lc->kind = THIDUA_BLOCK_LETTERED;
  lc->level = 1;
  lc->label_end = q;
  lc->text_start = skip_space (q, end);
  lc->n_numbers = 0;
  return TRUE;
}

static gboolean
classify_bullet (const char *p, const char *end, LineClass *lc)
{
  gunichar c = char_at (p, end);
  const char *q;
  gunichar next;

  if (c != '-' && c != '+' && c != '*' && c != 0x2013 && c != 0x2022)
    return FALSE;
  q = g_utf8_next_char (p);
  if (skip_space (q, end) >= end)
    return FALSE;   /* a lone "-" is text, not an empty item */
  next = char_at (q, end);
  if (space_len (q, end) == 0)
    {
      /* "-Thi đua" is a common slip; "*word*", "-5", "----" are not items. */
      if (c == '*' || next == 0 || !g_unichar_isupper (next))
        return FALSE;
    }

  lc->kind = THIDUA_BLOCK_BULLET;
  lc->level = c == '+' ? 2 : 1;
  lc->label_end = q;
  lc->text_start = skip_space (q, end);
  lc->n_numbers = 0;
  return TRUE;
}

static void
classify_line (const char *p, const char *end, LineClass *lc)
{
  const char *q = p;

  lc->label_start = p;
  lc->lead_stars = 0;

  /* "**I. MỤC ĐÍCH**": a label inside emphasis is still a label; the stars
   * go to the text, where they pair with the closing ones. */
  while (q < end && *q == '*' && q - p < 4)
    q++;
  if (q > p && q - p <= 3 && q < end && space_len (q, end) == 0
      && (classify_roman (q, end, lc)
          || classify_numbered (q, end, lc)
          || classify_lettered (q, end, lc)))
    {
      lc->label_start = q;
      lc->lead_stars = q - p;
      return;
    }

  if (classify_roman (p, end, lc)
      || classify_numbered (p, end, lc)
      || classify_lettered (p, end, lc)
      || classify_bullet (p, end, lc))
    return;
  lc->kind = THIDUA_BLOCK_PARAGRAPH;
  lc->level = 1;
  lc->label_end = p;
  lc->text_start = p;
  lc->n_numbers = 0;
}

/* ---------------------------------------------------------------- tables */

/* A lone "|" is not an empty table: it stays visible as text. */
static gboolean
is_table_line (const char *content, const char *end)
{
  return end - content >= 2 && *content == '|';
}

/* The cells of "| a | b \| c |": "a", "b | c" (raw, untrimmed). */
static GPtrArray *
split_cells (const char *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  GString *cur = g_string_new (NULL);
  const char *p = line + 1;     /* after the opening bar */
  gboolean closed = FALSE;

  for (; *p; p++)
    {
      if (*p == '\\' && p[1] == '|')
        {
          g_string_append_c (cur, '|');
          p++;
          closed = FALSE;   /* "| a \|" ends in a cell, not a closing bar */
        }
      else if (*p == '|')
        {
          g_ptr_array_add (cells, g_string_free (cur, FALSE));
          cur = g_string_new (NULL);
          closed = TRUE;
        }
      else
        {
          g_string_append_c (cur, *p);
          if (*p != ' ' && *p != '\t')
            closed = FALSE;
        }
    }
  /* "| a | b" without the closing bar still has its last cell */
  if (!closed || cells->len == 0)
    g_ptr_array_add (cells, g_string_free (cur, FALSE));
  else
    g_string_free (cur, TRUE);
  return cells;
}

/* ":--" left, ":-:" centre, "--:" right; FALSE when not a rule cell. */
static gboolean
rule_cell (const char *cell, ThiduaBodyTableAlign *align)
{
  g_autofree char *t = g_strstrip (g_strdup (cell));
  gsize n = strlen (t);
  gboolean left, right;
  guint dashes = 0;

  if (n == 0)
    return FALSE;
  left = t[0] == ':';
  right = n > 1 && t[n - 1] == ':';
  for (gsize i = left ? 1 : 0; i < (right ? n - 1 : n); i++)
    {
      if (t[i] != '-')
        return FALSE;
      dashes++;
    }
  if (dashes == 0)
    return FALSE;
  *align = left && right ? THIDUA_BODY_TABLE_ALIGN_CENTER
         : right ? THIDUA_BODY_TABLE_ALIGN_RIGHT
         : THIDUA_BODY_TABLE_ALIGN_LEFT;
  return TRUE;
}

/* A cell as printed: NFC, white space collapsed, emphasis markers gone. */
static char *
cell_text (const char *raw, gboolean source_nfc)
{
  g_autofree char *text = normalize_range (raw, -1, source_nfc);
  g_autoptr(GArray) runs = NULL;
  GString *joined = g_string_new (NULL);

  collapse_space (text);
  runs = parse_inline_len (text, strlen (text));
  for (guint i = 0; i < runs->len; i++)
    g_string_append (joined, g_array_index (runs, ThiduaRun, i).text);
  return g_string_free (joined, FALSE);
}

/* lines: the table's source lines joined by '\n'. */
static ThiduaBodyTable *
parse_table (const char *lines, gboolean source_nfc)
{
  g_auto(GStrv) source = g_strsplit (lines, "\n", -1);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) aligns = g_array_new (FALSE, TRUE, sizeof (ThiduaBodyTableAlign));
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (guint));
  ThiduaBodyTable *table = thidua_body_table_new ();
  gboolean has_header = FALSE;
  guint n_columns = 0;

  for (guint i = 0; source[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) raw = split_cells (source[i]);
      GPtrArray *row;

      if (i == 1 && rows->len == 1)
        {
          gboolean rule = raw->len > 0;

          g_array_set_size (aligns, raw->len);
          for (guint c = 0; rule && c < raw->len; c++)
            rule = rule_cell (raw->pdata[c], &g_array_index (aligns, ThiduaBodyTableAlign, c));
          if (rule)
            {
              has_header = TRUE;
              continue;
            }
          g_array_set_size (aligns, 0);
        }
      row = g_ptr_array_new_with_free_func (g_free);
      for (guint c = 0; c < raw->len; c++)
        g_ptr_array_add (row, cell_text (raw->pdata[c], source_nfc));
      n_columns = MAX (n_columns, row->len);
      g_ptr_array_add (rows, row);
    }

  /* Widths from the longest cell of each column, within 3 to 40
   * characters: an STT column stays narrow, a long text cannot starve
   * the others. */
  g_array_set_size (widths, n_columns);
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = rows->pdata[r];

      for (guint c = 0; c < row->len; c++)
        {
          guint len = (guint) g_utf8_strlen (row->pdata[c], -1);
          guint *w = &g_array_index (widths, guint, c);
          *w = MAX (*w, len);
        }
    }
  for (guint c = 0; c < n_columns; c++)
    {
      GPtrArray *first = rows->len > 0 ? rows->pdata[0] : NULL;
      const char *header = has_header && first != NULL && c < first->len ? first->pdata[c] : "";
      ThiduaBodyTableAlign align = c < aligns->len ? g_array_index (aligns, ThiduaBodyTableAlign, c)
                                                   : THIDUA_BODY_TABLE_ALIGN_LEFT;

      /* two characters' worth more for the cell's padding */
      thidua_body_table_add_column (table, header,
                                    CLAMP (g_array_index (widths, guint, c), 3, 40) + 2, align);
    }
  thidua_body_table_set_has_header (table, has_header);
  for (guint r = has_header ? 1 : 0; r < rows->len; r++)
    {
      GPtrArray *row = rows->pdata[r];

      g_ptr_array_add (row, NULL);
      thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_BODY, (const char * const *) row->pdata);
      g_ptr_array_set_size (row, row->len - 1);
    }
  return table;
}

/* ---------------------------------------------------------------- blocks */

typedef struct {
  gboolean        open;
  LineClass       lc;
  const char     *label_start;
  GString        *raw;          /* source text after the label, lines joined */
  gsize           start, end;
  guint           first_line, last_line;
  gunichar        last_char;    /* last non-space character of the source */
} Pending;

typedef struct {
  ThiduaBody *body;
  gboolean    source_nfc;   /* the whole input is valid and NFC: copy slices */
  guint       roman_expected;
  guint       counters[MAX_DEPTH];
  guint       n_counters;
  int         letter_next;  /* index in VIET_LETTERS of the next a) item */
} ParseState;

/* Lettered items follow the Vietnamese alphabet (format rules, box 6). */
static const gunichar viet_letters[] = {
  'a', 'b', 'c', 'd', 0x0111, 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o',
  'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y',
};

static int
viet_letter_index (gunichar c)
{
  for (guint i = 0; i < G_N_ELEMENTS (viet_letters); i++)
    if (viet_letters[i] == c)
      return i;
  return -1;
}

/* TRUE when the letter is not the one expected.  "đ" may be left out
 * (d) then e)), as many offices do. */
static gboolean
check_lettering (ParseState *st, const char *label)
{
  int idx = viet_letter_index (g_utf8_get_char (label));
  gboolean wrong;

  if (idx < 0)
    return TRUE;   /* f, j, w, z are not Vietnamese letters */
  wrong = idx != st->letter_next && !(st->letter_next == 4 && idx == 5);
  st->letter_next = idx + 1;
  return wrong;
}

static guint
count_words (const char *s)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (; *s != '\0'; s++)
    {
      if (*s == ' ')
        in_word = FALSE;
      else if (!in_word)
        {
          in_word = TRUE;
          n++;
        }
    }
  return n;
}

static gboolean
looks_titled (const char *text)
{
  const char *end = text + strlen (text);
  gunichar last = 0;

  if (*text == '\0')
    return FALSE;
  while (end > text)
    {
      const char *prev = g_utf8_find_prev_char (text, end);

      last = g_utf8_get_char (prev);
      if (!is_closing_wrapper (last))
        break;
      end = prev;
      last = 0;
    }
  if (last == 0)
    return FALSE;
  if (last != ':' && (is_final_punct (last) || last == ','))
    return FALSE;
  return count_words (text) <= TITLE_MAX_WORDS;
}

/* TRUE when the number is not the one expected; updates the counters. */
static gboolean
check_numbering (ParseState *st, const LineClass *lc)
{
  guint n = lc->n_numbers;
  gboolean prefix_ok = n - 1 <= st->n_counters;
  guint expected;
  gboolean wrong;

  for (guint i = 0; prefix_ok && i + 1 < n; i++)
    if (st->counters[i] != lc->numbers[i])
      prefix_ok = FALSE;
  expected = prefix_ok && n <= st->n_counters ? st->counters[n - 1] + 1 : 1;
  wrong = !prefix_ok || lc->numbers[n - 1] != expected;

  /* Continue from what was written so one slip flags one item. */
  memcpy (st->counters, lc->numbers, n * sizeof (guint));
  st->n_counters = n;
  return wrong;
}

static void
flush (ParseState *st, Pending *pd)
{
  ThiduaBody *body = st->body;
  ThiduaBlock block = { 0 };
  g_autofree char *label = NULL;
  char *text;

  if (!pd->open)
    return;
  pd->open = FALSE;

  if (pd->lc.kind == THIDUA_BLOCK_TABLE)
    {
      block.kind = THIDUA_BLOCK_TABLE;
      block.label = g_strdup ("");
      block.runs = g_array_new (FALSE, TRUE, sizeof (ThiduaRun));
      block.text = g_strdup ("");
      block.table = parse_table (pd->raw->str, st->source_nfc);
      block.start = pd->start;
      block.end = pd->end;
      block.first_line = pd->first_line;
      block.last_line = pd->last_line;
      g_array_append_val (body->blocks, block);
      return;
    }

  label = normalize_range (pd->label_start, pd->lc.label_end - pd->label_start, st->source_nfc);
  collapse_space (label);
  text = normalize_range (pd->raw->str, pd->raw->len, st->source_nfc);
  collapse_space (text);

  block.kind = pd->lc.kind;
  block.level = pd->lc.level;
  block.label = g_steal_pointer (&label);
  block.runs = parse_inline_len (text, strlen (text));
  g_free (text);
  {
    GString *joined = g_string_new (NULL);

    for (guint i = 0; i < block.runs->len; i++)
      g_string_append (joined, g_array_index (block.runs, ThiduaRun, i).text);
    block.text = g_string_free (joined, FALSE);
  }
  block.start = pd->start;
  block.end = pd->end;
  block.first_line = pd->first_line;
  block.last_line = pd->last_line;

  switch (block.kind)
    {
    case THIDUA_BLOCK_HEADING:
      block.titled = TRUE;
      block.misnumbered = pd->lc.numbers[0] != st->roman_expected;
      st->roman_expected = pd->lc.numbers[0] + 1;
      st->n_counters = 0;
      st->letter_next = 0;
      break;
    case THIDUA_BLOCK_NUMBERED:
      block.titled = looks_titled (block.text);
      block.misnumbered = check_numbering (st, &pd->lc);
      st->letter_next = 0;
      break;
    case THIDUA_BLOCK_LETTERED:
      block.titled = FALSE;
      block.misnumbered = check_lettering (st, block.label);
      break;
    default:
      block.titled = FALSE;
      block.misnumbered = FALSE;
      break;
    }

  if (block.kind == THIDUA_BLOCK_HEADING
      || (block.kind == THIDUA_BLOCK_NUMBERED && block.titled))
    {
      ThiduaOutlineEntry entry;

      entry.level = block.kind == THIDUA_BLOCK_HEADING ? 1 : block.level + 1;
      entry.label = g_strdup (block.label);
      entry.title = g_strdup (block.text);
      entry.block_index = body->blocks->len;
      entry.line = block.first_line;
      entry.misnumbered = block.misnumbered;
      g_array_append_val (body->outline, entry);
    }

  g_array_append_val (body->blocks, block);
}

static gboolean
continues (const Pending *pd, const char *content, const char *end,
           const LineClass *lc, guint blank_lines)
{
  gunichar first;

  if (!pd->open || lc->kind != THIDUA_BLOCK_PARAGRAPH || blank_lines > 1
      || pd->lc.kind == THIDUA_BLOCK_TABLE)
    return FALSE;
  if (pd->lc.kind == THIDUA_BLOCK_HEADING || is_final_punct (pd->last_char))
    return FALSE;
  first = char_at (content, end);
  return first != 0 && g_unichar_islower (first);
}

static gunichar
last_char_of (const char *start, const char *end)
{
  const char *prev;

  if (end <= start)
    return 0;
  prev = end - 1;
  while (prev > start && ((guchar) *prev & 0xC0) == 0x80)
    prev--;
  return char_at (prev, end);
}

ThiduaBody *
thidua_body_new (void)
{
  ThiduaBody *body = g_new0 (ThiduaBody, 1);

  g_atomic_ref_count_init (&body->ref_count);
  body->blocks = g_array_new (FALSE, TRUE, sizeof (ThiduaBlock));
  g_array_set_clear_func (body->blocks, block_clear);
  body->outline = g_array_new (FALSE, TRUE, sizeof (ThiduaOutlineEntry));
  g_array_set_clear_func (body->outline, outline_entry_clear);
  return body;
}

void
thidua_body_append_text (ThiduaBody *body, ThiduaBlockKind kind, guint level,
                         const char *label, const char *text, gboolean titled)
{
  ThiduaBlock block = { 0 };
  GString *plain = g_string_new (NULL);

  g_return_if_fail (body != NULL);
  g_return_if_fail (kind != THIDUA_BLOCK_TABLE);

  block.kind = kind;
  block.level = level;
  block.label = normalize_range (label != NULL ? label : "", -1, FALSE);
  block.titled = titled;
  block.runs = thidua_markup_parse_inline (text != NULL ? text : "");
  for (guint i = 0; i < block.runs->len; i++)
    g_string_append (plain, g_array_index (block.runs, ThiduaRun, i).text);
  block.text = g_string_free (plain, FALSE);
  g_array_append_val (body->blocks, block);
}

void
thidua_body_append_table (ThiduaBody *body, ThiduaBodyTable *table)
{
  ThiduaBlock block = { 0 };

  g_return_if_fail (body != NULL);
  g_return_if_fail (table != NULL);

  block.kind = THIDUA_BLOCK_TABLE;
  block.label = g_strdup ("");
  block.runs = g_array_new (FALSE, TRUE, sizeof (ThiduaRun));
  block.text = g_strdup ("");
  block.table = thidua_body_table_ref (table);
  g_array_append_val (body->blocks, block);
}

ThiduaBody *
thidua_body_parse (const char *text)
{
  ThiduaBody *body = thidua_body_new ();
  ParseState st = { 0 };
  Pending pd = { 0 };
  const char *p, *end;
  guint line = 0, blank_lines = 0;

  if (text == NULL)
    text = "";
  st.body = body;
  st.source_nfc = thidua_text_is_surely_nfc (text, -1);
  st.roman_expected = 1;
  pd.raw = g_string_new (NULL);

  p = text;
  end = text + strlen (text);
  while (p < end)
    {
      const char *eol = p, *next, *content, *content_end;
      LineClass lc;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
      next = eol;
      if (next < end && *next == '\r')
        next++;
      if (next < end && *next == '\n' && (next == eol || *eol == '\r'))
        next++;

      content = skip_space (p, eol);
      content_end = trim_end (content, eol);
      if (content == content_end)
        {
          blank_lines++;
        }
      else if (is_table_line (content, content_end))
        {
          /* A table runs over consecutive "|" lines. */
          if (pd.open && pd.lc.kind == THIDUA_BLOCK_TABLE && blank_lines == 0)
            g_string_append_c (pd.raw, '\n');
          else
            {
              flush (&st, &pd);
              pd.open = TRUE;
              memset (&pd.lc, 0, sizeof pd.lc);
              pd.lc.kind = THIDUA_BLOCK_TABLE;
              pd.start = content - text;
              pd.first_line = line;
              g_string_truncate (pd.raw, 0);
            }
          g_string_append_len (pd.raw, content, content_end - content);
          pd.end = content_end - text;
          pd.last_line = line;
          pd.last_char = '|';
          blank_lines = 0;
        }
      else
        {
          classify_line (content, content_end, &lc);
          if (continues (&pd, content, content_end, &lc, blank_lines))
            {
              g_string_append_c (pd.raw, ' ');
              g_string_append_len (pd.raw, content, content_end - content);
            }
          else
            {
              flush (&st, &pd);
              pd.open = TRUE;
              pd.lc = lc;
              pd.label_start = lc.label_start;
              pd.start = content - text;
              pd.first_line = line;
              g_string_truncate (pd.raw, 0);
              g_string_append_len (pd.raw, content, lc.lead_stars);
              g_string_append_len (pd.raw, lc.text_start, content_end - lc.text_start);
            }
          pd.end = content_end - text;
          pd.last_line = line;
          pd.last_char = last_char_of (content, content_end);
          blank_lines = 0;
        }

      line++;
      p = next;
    }
  flush (&st, &pd);
  g_string_free (pd.raw, TRUE);
  return body;
}

ThiduaBody *
thidua_body_ref (ThiduaBody *body)
{
  g_return_val_if_fail (body != NULL, NULL);
  g_atomic_ref_count_inc (&body->ref_count);
  return body;
}

void
thidua_body_unref (ThiduaBody *body)
{
  g_return_if_fail (body != NULL);
  if (!g_atomic_ref_count_dec (&body->ref_count))
    return;
  g_array_unref (body->blocks);
  g_array_unref (body->outline);
  g_free (body);
}

guint
thidua_body_n_blocks (ThiduaBody *body)
{
  g_return_val_if_fail (body != NULL, 0);
  return body->blocks->len;
}

const ThiduaBlock *
thidua_body_get_block (ThiduaBody *body, guint i)
{
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (i < body->blocks->len, NULL);
  return &g_array_index (body->blocks, ThiduaBlock, i);
}

guint
thidua_body_n_outline (ThiduaBody *body)
{
  g_return_val_if_fail (body != NULL, 0);
  return body->outline->len;
}

const ThiduaOutlineEntry *
thidua_body_get_outline (ThiduaBody *body, guint i)
{
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (i < body->outline->len, NULL);
  return &g_array_index (body->outline, ThiduaOutlineEntry, i);
}
