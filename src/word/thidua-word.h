/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-word.h — word-processor files (.docx, .odt, .fodt, .doc) read as
 * the plain text the plan recogniser (thidua-import.h) takes apart.
 *
 * Readers stream the XML (xmlTextReader), never load a DTD, never expand
 * an entity, and refuse a document with a DOCTYPE, a part larger than
 * THIDUA_WORD_MAX_PART, nesting deeper than THIDUA_WORD_MAX_DEPTH or text
 * longer than THIDUA_IMPORT_MAX_SIZE.
 *
 * What the text looks like:
 * - one paragraph per line, body paragraphs separated by a blank line;
 * - automatic numbering (numbering.xml, text:list) computed into the label
 *   the reader sees ("I.", "1.", "a)"), bullets written "- ";
 * - a table before the first paragraph of text (the header) or a table
 *   holding "Nơi nhận" (the closing) is read cell by cell, column by column:
 *   all of the left column, a blank line, then the right column, so the two
 *   columns never mix.  Other tables become body tables ("| a | b |");
 * - bold and italic spans inside a paragraph become **…** and *…*; a whole
 *   paragraph in one style (a heading set bold) is written plain; underline
 *   has no markup and is dropped;
 * - w:br / text:line-break are line breaks, tabs stay tabs;
 * - tracked changes are taken as accepted; fields (PAGE, NUMPAGES, …),
 *   notes and comments are dropped; text boxes are kept after the
 *   paragraph that anchors them, in reading order.
 */
#pragma once

#include <gio/gio.h>
#include "thidua-plan.h"
#include "thidua-encoding.h"
#include "thidua-import.h"

G_BEGIN_DECLS

/* A part of a package (word/document.xml, content.xml) or a flat file. */
#define THIDUA_WORD_MAX_PART  (16 * 1024 * 1024)
/* A whole .docx/.odt/.doc file (pictures included). */
#define THIDUA_WORD_MAX_FILE  (64 * 1024 * 1024)
#define THIDUA_WORD_MAX_DEPTH 128
/* LibreOffice gets this long to convert a .doc. */
#define THIDUA_WORD_CONVERT_SECONDS 60

#define THIDUA_WORD_ERROR (thidua_word_error_quark ())
typedef enum {
  THIDUA_WORD_ERROR_DAMAGED,       /* not a readable zip / XML */
  THIDUA_WORD_ERROR_MISSING_PART,  /* no word/document.xml, no content.xml */
  THIDUA_WORD_ERROR_TOO_LARGE,
  THIDUA_WORD_ERROR_UNSAFE,        /* DTD, too deep */
  THIDUA_WORD_ERROR_UNSUPPORTED,   /* another kind of file */
  THIDUA_WORD_ERROR_NO_CONVERTER,  /* .doc without LibreOffice */
  THIDUA_WORD_ERROR_CONVERT,       /* LibreOffice failed or took too long */
} ThiduaWordError;
GQuark thidua_word_error_quark (void);

/* What the content says the file is (the extension is never looked at). */
typedef enum {
  THIDUA_WORD_FORMAT_TEXT,     /* anything else: plain text in some encoding */
  THIDUA_WORD_FORMAT_DOCX,
  THIDUA_WORD_FORMAT_ODT,
  THIDUA_WORD_FORMAT_FODT,
  THIDUA_WORD_FORMAT_DOC,      /* OLE2 compound file (Word 97–2003) */
  THIDUA_WORD_FORMAT_RTF,
  THIDUA_WORD_FORMAT_ZIP,      /* a zip that is neither .docx nor .odt */
  THIDUA_WORD_FORMAT_PDF,
} ThiduaWordFormat;

/* thidua_word_sniff: @data: (array length=len)
 * thidua_word_format_name: Returns: (transfer none): static. */
ThiduaWordFormat thidua_word_sniff (const guint8 *data, gsize len);
const char      *thidua_word_format_name (ThiduaWordFormat format);

/* Each returns newly allocated UTF-8 text as described above, or NULL and
 * an error naming the problem.
 * @data: (array length=len): not kept.
 * Returns: (transfer full) */
char *thidua_word_docx_to_text (const guint8 *data, gsize len, GError **error);
char *thidua_word_odt_to_text  (const guint8 *data, gsize len, GError **error);
char *thidua_word_fodt_to_text (const guint8 *data, gsize len, GError **error);

/* The profile a .docx/.odt written by Thi Đua names in its properties
 * (a custom property THIDUA_WORD_PROFILE_PROPERTY): a plan without header
 * bodies says nothing else about it.  NULL when absent.
 * @data: (array length=len)
 * Returns: (transfer full) (nullable) */
#define THIDUA_WORD_PROFILE_PROPERTY "ThiDuaProfile"
char *thidua_word_package_profile (const guint8 *data, gsize len, ThiduaWordFormat format);

/* soffice on PATH (or $THIDUA_SOFFICE); NULL when not installed.
 * Returns: (transfer full) (nullable) */
char *thidua_word_find_soffice (void);
/* Converts data (a .doc, .rtf, …) to .docx bytes with LibreOffice in a
 * private profile and a temporary folder, within
 * THIDUA_WORD_CONVERT_SECONDS.
 * @data: (array length=len): written to a temporary file, not kept.
 * @suffix: the temporary input file's name ("input.doc"), whose
 *   extension LibreOffice goes by; not NULL.
 * Returns: (transfer full): g_bytes_unref() it. */
GBytes *thidua_word_convert_to_docx (const guint8 *data, gsize len,
                                     const char *suffix, GError **error);

/* The one import path for every document: reads file (no symlink, at most
 * THIDUA_WORD_MAX_FILE bytes), tells its format by content, turns it into
 * text and recognises the plan.  format (may be NULL) receives what the
 * file was; used (may be NULL) the text encoding of a text file.
 * In all four: @format, @used: (out) (optional).  @warnings, @skipped:
 * (nullable) (element-type utf8): new strings are appended, so the array
 * must free them (g_ptr_array_new_with_free_func (g_free)), as in
 * thidua-import.h.  Returns: (transfer full) the plan.
 * @file: (transfer none)  @cancellable: (nullable) */
ThiduaPlan *thidua_document_import_file (GFile            *file,
                                         ThiduaEncoding    encoding,
                                         int               profile,
                                         ThiduaWordFormat *format,
                                         ThiduaEncoding   *used,
                                         GPtrArray        *warnings,
                                         GCancellable     *cancellable,
                                         GError          **error);
/* With the recogniser's flags, and the lines left out before the
 * document's header appended to skipped (thidua_import_text_full()). */
ThiduaPlan *thidua_document_import_file_full (GFile             *file,
                                              ThiduaEncoding     encoding,
                                              int                profile,
                                              ThiduaImportFlags  flags,
                                              ThiduaWordFormat  *format,
                                              ThiduaEncoding    *used,
                                              GPtrArray         *warnings,
                                              GPtrArray         *skipped,
                                              GCancellable      *cancellable,
                                              GError           **error);
ThiduaPlan *thidua_document_import_data_full (const guint8      *data,
                                              gsize              len,
                                              ThiduaEncoding     encoding,
                                              int                profile,
                                              ThiduaImportFlags  flags,
                                              ThiduaWordFormat  *format,
                                              ThiduaEncoding    *used,
                                              GPtrArray         *warnings,
                                              GPtrArray         *skipped,
                                              GError           **error);
/* The same from memory.
 * @data: (array length=len) */
ThiduaPlan *thidua_document_import_data (const guint8     *data,
                                         gsize             len,
                                         ThiduaEncoding    encoding,
                                         int               profile,
                                         ThiduaWordFormat *format,
                                         ThiduaEncoding   *used,
                                         GPtrArray        *warnings,
                                         GError          **error);

G_END_DECLS
