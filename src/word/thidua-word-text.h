/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-word-text.h — what the .docx and .odt readers build while they
 * stream: paragraphs (runs with emphasis) and tables of cells, turned into
 * the recogniser's text at the end.  Private to src/word. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

enum { RUN_BOLD = 1, RUN_ITALIC = 2, RUN_UNDERLINE = 4 };

typedef struct _WordPara WordPara;
typedef struct _WordTable WordTable;
typedef struct _WordDoc WordDoc;

/* Returns: (transfer full): word_doc_free() it (NULL is fine there). */
WordDoc   *word_doc_new          (void);
void       word_doc_free         (WordDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WordDoc, word_doc_free)

/* Paragraphs nest (a text box inside a paragraph): begin pushes, end pops
 * and files the paragraph in the open cell, after its anchor paragraph or
 * in the body.
 * set_label: @label: (nullable): copied.
 * add_text: @text: (array length=len): copied.
 * Both do nothing outside a paragraph. */
void       word_doc_begin_para   (WordDoc *doc);
void       word_doc_set_label    (WordDoc *doc, const char *label);
void       word_doc_add_text     (WordDoc *doc, const char *text, gsize len, guint style);
void       word_doc_end_para     (WordDoc *doc);
gboolean   word_doc_in_para      (WordDoc *doc);

void       word_doc_begin_table  (WordDoc *doc);
void       word_doc_begin_row    (WordDoc *doc);
/* span: columns the cell covers (gridSpan, number-columns-spanned). */
void       word_doc_begin_cell   (WordDoc *doc, guint span);
/* The open cell covers span columns (w:gridSpan comes after w:tc). */
void       word_doc_widen_cell   (WordDoc *doc, guint span);
void       word_doc_end_cell     (WordDoc *doc);
void       word_doc_end_table    (WordDoc *doc);

/* Bytes of text gathered so far (for the size cap).
 * word_doc_to_text: Returns: (transfer full) */
gsize      word_doc_size         (WordDoc *doc);
char      *word_doc_to_text      (WordDoc *doc);

/* The .docx reader on its parts (numbering and styles may be NULL), for
 * the fuzz target.
 * @document: (transfer none)  @numbering, @styles: (transfer none)
 *   (nullable)
 * Returns: (transfer full) */
char      *word_docx_parts_to_text (GBytes *document, GBytes *numbering, GBytes *styles,
                                    GError **error);

/* "I", "iv", "c", "AA", "1" for counter n in a numbering format.
 * @format: (nullable): NULL gives decimal.
 * Returns: (transfer full) */
char      *word_format_counter   (guint n, const char *format);

G_END_DECLS
