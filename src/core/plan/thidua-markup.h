/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-markup.h — the plan body as secretaries write it, parsed into
 * blocks and an outline.
 *
 *   I. MỤC ĐÍCH, YÊU CẦU      level-1 heading (Roman numeral and a dot)
 *   1. Mục đích               numbered item, titled (short, no final punctuation)
 *   2.1. Thực hiện …;         numbered paragraph (a sentence), level 2
 *   a) …                      lettered item (also "a." as in the seeds)
 *   - … / + …                 bullet items (level 1 / 2; "* ", "–", "•" level 1)
 *   blank line                paragraph break; other lines are paragraphs
 *   *italic*, **bold**        inline
 *   | STT | Nội dung |        a table: consecutive lines starting with "|"
 *   |:-:|---|                 ("\|" is a bar in a cell, the last "|" may be
 *   | 1 | … |                 left out); a rule line (cells of '-' with ':'
 *                             for the alignment: ":-" left, ":-:" centre,
 *                             "-:" right) as the second line makes the first
 *                             the header row, repeated on every page
 *
 * Each non-blank line is a block, except a line that obviously continues
 * a hard-wrapped one (no marker, starts in lower case, the line before
 * does not end with . ; : ! ? …, at most one blank line between).
 * "- a. Phạm vi" is a bullet whose text starts "a. ".  Labels are kept as
 * written ("2.1" stays "2.1").  Texts and labels are NFC with white space
 * collapsed.  The full list of decisions is at the top of thidua-markup.c.
 *
 * A table is one THIDUA_BLOCK_TABLE block (text and runs empty, cells
 * as plain text); it is not in the outline.
 *
 * The parser never drops text: what it does not recognise is a paragraph;
 * only the '*' of matched emphasis markers, the table's bars and its rule
 * line are removed.  Every block
 * records the byte range (first to last non-space byte, label included)
 * and the lines of the source it came from.
 */
#pragma once

#include <glib.h>
#include "thidua-body-table.h"

G_BEGIN_DECLS

typedef enum {
  THIDUA_BLOCK_PARAGRAPH,
  THIDUA_BLOCK_HEADING,     /* Roman-numeral heading, level 1 */
  THIDUA_BLOCK_NUMBERED,    /* 1. / 2.1. / 2.1.1. — level = depth */
  THIDUA_BLOCK_LETTERED,    /* a) */
  THIDUA_BLOCK_BULLET,      /* - (level 1) or + (level 2) */
  THIDUA_BLOCK_TABLE,       /* | a | b | lines, or built with thidua_body_append_table() */
} ThiduaBlockKind;

typedef enum {
  THIDUA_RUN_PLAIN  = 0,
  THIDUA_RUN_BOLD   = 1 << 0,
  THIDUA_RUN_ITALIC = 1 << 1,
} ThiduaRunStyle;

typedef struct {
  char           *text;    /* NFC, markers removed */
  ThiduaRunStyle  style;
} ThiduaRun;

typedef struct {
  ThiduaBlockKind kind;
  guint           level;        /* 1 for headings, depth for numbered, 1/2 bullets */
  char           *label;        /* "I.", "2.1.", "a)", "-", "+"; "" for paragraphs */
  gboolean        titled;       /* a heading-like short item: printed bold */
  GArray         *runs;         /* of ThiduaRun, text after the label */
  char           *text;         /* plain text after the label (runs joined) */
  gsize           start;        /* byte offsets into the source body */
  gsize           end;
  guint           first_line;   /* 0-based source lines */
  guint           last_line;
  gboolean        misnumbered;  /* headings, numbered and lettered items: skips or repeats */
  ThiduaBodyTable *table;       /* THIDUA_BLOCK_TABLE: the table (text and runs empty) */
} ThiduaBlock;

typedef struct {
  guint  level;                 /* 1 = Roman heading, 2+ = titled numbered items */
  char  *label;
  char  *title;
  guint  block_index;           /* index into the block array */
  guint  line;                  /* 0-based source line, for "jump to heading" */
  gboolean misnumbered;         /* skips or repeats (IV. twice) */
} ThiduaOutlineEntry;

typedef struct _ThiduaBody ThiduaBody;

/* Reference counted: _parse, _new and _ref give (transfer full)
 * references.  thidua_body_unref: @body: not NULL.
 * thidua_body_parse: @text: (nullable): NULL parses as "".
 * thidua_body_get_block, thidua_body_get_outline: Returns: (transfer
 *   none): a pointer into the body's array, valid until the next
 *   thidua_body_append_*() (which may move it) or the last unref.  The
 *   block's runs are (element-type ThiduaRun), its table is owned by the
 *   block (ref it to keep it). */

ThiduaBody         *thidua_body_parse        (const char *text);
ThiduaBody         *thidua_body_ref          (ThiduaBody *body);
void                thidua_body_unref        (ThiduaBody *body);
guint               thidua_body_n_blocks     (ThiduaBody *body);
const ThiduaBlock  *thidua_body_get_block    (ThiduaBody *body, guint i);
guint               thidua_body_n_outline    (ThiduaBody *body);
const ThiduaOutlineEntry *thidua_body_get_outline (ThiduaBody *body, guint i);

/* A body built by code rather than parsed (the register's printed
 * tables): blocks are appended in order; start/end and the lines are 0.
 * text may carry *italic* / **bold**.
 * thidua_body_append_text: @label, @text: (nullable): copied; NULL is "".
 * thidua_body_append_table: @table: (transfer none): the body takes a
 *   reference of its own. */
ThiduaBody         *thidua_body_new          (void);
void                thidua_body_append_text  (ThiduaBody      *body,
                                              ThiduaBlockKind  kind,
                                              guint            level,
                                              const char      *label,
                                              const char      *text,
                                              gboolean         titled);
void                thidua_body_append_table (ThiduaBody      *body,
                                              ThiduaBodyTable *table);

/* Splits inline *italic* / **bold** into runs; unmatched markers stay text.
 * @text: (nullable): NULL counts as "".
 * Returns: (transfer full) (element-type ThiduaRun): with its clear
 *   function set, so g_array_unref() frees the runs' texts too. */
GArray             *thidua_markup_parse_inline (const char *text);

/* Roman numeral value of "IV" (no dot); 0 when not one.
 * @s: (array length=len): need not be NUL-terminated. */
guint               thidua_markup_roman_value  (const char *s, gsize len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaBody, thidua_body_unref)

G_END_DECLS
