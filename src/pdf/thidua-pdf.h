/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-pdf.h — a plan that arrives as PDF, read from its text layer
 * (poppler-glib) and rebuilt as a secretary sees the page, then handed to
 * the same recogniser as every other route.
 *
 * What the page shows is rebuilt from each glyph's box, font name and size:
 *  - the header's two columns, split by x position, each printed item
 *    (a body name wrapped over two lines) made one line again;
 *  - the type name and the subject (centred lines after it);
 *  - body paragraphs: lines joined where a line was wrapped (the next
 *    line's first word would not have fitted), split at first-line indents
 *    and at paragraph spacing; bold and italic from the font names become
 *    the body markup's ** and *;
 *  - the closing as two columns: "Nơi nhận:" and one recipient per item on
 *    the left (a wrapped recipient joined back), the signature on the right;
 *  - a landscape page (an annex) as a body table in the markup's "| a | b |"
 *    syntax when its lines stand in columns, otherwise as paragraphs.
 * Page numbers, running heads and the digital-signature appearance are
 * dropped: annotations (a signature field's appearance, stamps) are hidden
 * before the text is read, and certificate lines flattened into the page
 * ("Ký bởi:", "Thời gian ký:", and "Email:", "Cơ quan:" in the signature
 * column) are left out.
 *
 * Hostile files: a symlink or anything but a regular file is refused, as
 * are files over THIDUA_PDF_MAX_SIZE, documents over THIDUA_PDF_MAX_PAGES
 * pages or THIDUA_PDF_MAX_GLYPHS characters, and reading that takes over THIDUA_PDF_TIME_LIMIT_S seconds
 * (checked between pages).  An encrypted PDF and a PDF without a text layer
 * (a scan) are refused with messages that say so: nothing is guessed.
 */
#pragma once

#include <glib.h>
#include "thidua-plan.h"

G_BEGIN_DECLS

#define THIDUA_PDF_MAX_SIZE      (64 * 1024 * 1024)
#define THIDUA_PDF_MAX_PAGES     300
#define THIDUA_PDF_TIME_LIMIT_S  20
/* Characters in all: a 300-page plan has about a million. */
#define THIDUA_PDF_MAX_GLYPHS    (4 * 1000 * 1000)

#define THIDUA_PDF_ERROR (thidua_pdf_error_quark ())
typedef enum {
  THIDUA_PDF_ERROR_NOT_PDF,     /* not a PDF, or damaged beyond reading */
  THIDUA_PDF_ERROR_NOT_FILE,    /* a symlink, a folder, a device */
  THIDUA_PDF_ERROR_TOO_LARGE,
  THIDUA_PDF_ERROR_TOO_MANY_PAGES,  /* or too much text */
  THIDUA_PDF_ERROR_TOO_SLOW,
  THIDUA_PDF_ERROR_ENCRYPTED,
  THIDUA_PDF_ERROR_NO_TEXT,     /* a scan: pages are images */
} ThiduaPdfError;
GQuark thidua_pdf_error_quark (void);

/* The document as read: every string NFC-able UTF-8, one printed item per
 * array element.  Every GPtrArray is (element-type utf8) and frees its
 * strings; thidua_pdf_text_free() frees all of it. */
typedef struct {
  GPtrArray *header_left;    /* superior body, issuing body, "*", "Số: …" */
  GPtrArray *header_right;   /* national name, motto, place and date */
  GPtrArray *title;          /* type name, subject (one line each) */
  char      *body;           /* body markup, one block per line */
  GPtrArray *closing_left;   /* "Nơi nhận:", then "- recipient" items */
  GPtrArray *closing_right;  /* signature lines: authority, position, name */
  guint      n_pages;
  guint      n_dropped;      /* annotations hidden, and lines dropped: page
                              * numbers, running heads, certificate lines */
} ThiduaPdfText;

void           thidua_pdf_text_free     (ThiduaPdfText *text);

/* Reads path (never through a symlink).  On success *out holds the page
 * as rebuilt.
 * @out: (out) (transfer full): not optional; set to NULL on entry, a new
 *   ThiduaPdfText only on success. */
gboolean       thidua_pdf_read          (const char     *path,
                                         ThiduaPdfText **out,
                                         GError        **error);
/* The same from bytes in memory (the fuzz target uses it).
 * @data: (array length=len): copied (poppler reads from its own copy). */
gboolean       thidua_pdf_read_data     (const guint8   *data,
                                         gsize           len,
                                         ThiduaPdfText **out,
                                         GError        **error);

/* The text the recogniser reads: header rows as "left<TAB>right", the
 * title, the body, then the recipients' column and after a blank line the
 * signature column, never mixed on one line.
 * Returns: (transfer full) */
char          *thidua_pdf_text_to_plain (const ThiduaPdfText *text);

/* Reads path and recognises the plan in it (thidua_import_text());
 * profile is a ThiduaProfileKind or THIDUA_IMPORT_PROFILE_AUTO.
 * @warnings: (nullable) (element-type utf8): new strings are appended;
 *   the array must free them (as in thidua-import.h).
 * Returns: (transfer full) */
ThiduaPlan    *thidua_pdf_import        (const char     *path,
                                         int             profile,
                                         GPtrArray      *warnings,
                                         GError        **error);

/* TRUE when data starts like a PDF ("%PDF-" in the first KiB).
 * @data: (array length=len) */
gboolean       thidua_pdf_sniff         (const guint8   *data,
                                         gsize           len);

/* TRUE when the file at path holds a PDF (by its first KiB; a name ending
 * in .pdf is not asked for) or is a symlink named *.pdf, which the reader
 * then refuses with its own message. */
gboolean       thidua_pdf_sniff_file    (const char     *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaPdfText, thidua_pdf_text_free)

G_END_DECLS
