/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-import.h — a plan from plain text, as a person reading it would
 * take it apart: header, type name and subject, body, recipients, signer.
 *
 * Parts that are absent stay blank; nothing is invented.  What was guessed
 * or not recognised is reported as warnings (one sentence each, naming the
 * line).  A text that is not a plan at all becomes a plan whose body holds
 * the whole text.
 *
 * Choices where the text leaves room:
 * - header lines are classified by what they say (number line, place and
 *   date, national name and motto, Party heading, "*", rules), never by
 *   where extraction put them; of the remaining upper-case lines the first
 *   is the superior body and the others the issuing body (one line alone is
 *   the issuing body).  Other header text is kept at the top of the body;
 * - the type name is a known type ("KẾ HOẠCH", "CHƯƠNG TRÌNH", …) alone on
 *   its line in any case, or, when there is no such line, written in
 *   capitals at the start of a line with the subject run into it;
 * - the subject runs from the line after the type name over line breaks and
 *   blank lines while the next part is a continuation (starts in lower case
 *   or with a quote, or a quote is still open) and stops at a rule
 *   ("-----"), a "Căn cứ"/"Thực hiện"/… line, a numbered or Roman heading or
 *   a bullet.  Its parts are joined with ONE SPACE: a subject is one title,
 *   broken only by the page width, and one line keeps `list` one line per
 *   plan;
 * - body lines are kept as written, without the white space at their ends;
 *   runs of blank lines become one; a paragraph that extraction split with
 *   a blank line (the next line going on in lower case after a line without
 *   final punctuation) is joined back with a space, and said so;
 * - a signature is only taken from the closing: after "Nơi nhận:" (and an
 *   authority line just before it), or, without recipients, from a name
 *   under a position or authority line at the very end.  A lone name at the
 *   end of a text without recipients stays body;
 * - profile: Party heading → party; union words in the header bodies →
 *   union; national heading → state; otherwise guessed (with a warning) from
 *   a Party-style number "Số 100-KH/TCT" or T/M K/T T/L → party, a TM. of a
 *   BAN THƯỜNG VỤ / BAN CHẤP HÀNH / ĐOÀN CHỦ TỊCH in a text about LĐLĐ,
 *   CĐCS or công đoàn → union, else state;
 * - an impossible date (31/02) is reported and its day left blank;
 * - more than THIDUA_IMPORT_MAX_SIZE bytes is refused before reading;
 * - text as it really comes is first put back in shape: a whole document
 *   on one line is split at its landmarks; a legal site's lines before the
 *   header are left out (and reported); in the header, "| a | b |" rows
 *   become cells, lone "|" and "-" lines go, and cells hard-wrapped over
 *   short lines ("Số:" / "29/KH-UBND") are joined;
 * - body names broken over lines are one name: a line ending in a
 *   conjunction or hyphen, the start of a known body (data/import/
 *   recognition.json: "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"),
 *   or a body followed by only its locality ("TỈNH LAI CHÂU") joins the
 *   next line; only then is the first of two bodies the superior one;
 * - without a type name line, the symbol's code gives the type ("KH" →
 *   KẾ HOẠCH) and the title sentence under the date the subject;
 * - the headings (national, Party, ĐOÀN TNCS HỒ CHÍ MINH, …) and the words
 *   that tell a profile are data too, so another organisation is a file.
 */
#pragma once

#include <gio/gio.h>
#include "thidua-encoding.h"
#include "thidua-plan.h"

G_BEGIN_DECLS

/* Larger files are refused: a 10-page plan is about 40 kB. */
#define THIDUA_IMPORT_MAX_SIZE (16 * 1024 * 1024)

/* Pass as profile to take the profile from the text. */
/* In every function below: @warnings and @skipped: (nullable)
 * (element-type utf8) (transfer none): the array stays the caller's, and
 * each string appended to it is a new one (transfer full), so give an
 * array made with g_ptr_array_new_with_free_func (g_free).  @used: (out)
 * (optional): set only on success.  The plan returned is (transfer full);
 * thidua_import_text* never return NULL. */
#define THIDUA_IMPORT_PROFILE_AUTO (-1)

#define THIDUA_IMPORT_ERROR (thidua_import_error_quark ())
typedef enum {
  THIDUA_IMPORT_ERROR_EMPTY,      /* nothing but white space */
  THIDUA_IMPORT_ERROR_TOO_LARGE,  /* over THIDUA_IMPORT_MAX_SIZE */
} ThiduaImportError;
GQuark thidua_import_error_quark (void);

/* Recognises a plan in text (UTF-8 in any normalisation; invalid sequences
 * are replaced).  profile is a ThiduaProfileKind or
 * THIDUA_IMPORT_PROFILE_AUTO.  Warnings (strings) are appended to warnings
 * when it is not NULL.  Never fails: a text without any part of a plan
 * gives a plan whose body is the text.
 * @text: (nullable) (array length=len): NULL only with len 0; len -1
 *   when NUL-terminated. */
ThiduaPlan *thidua_import_text (const char *text,
                                gssize      len,
                                int         profile,
                                GPtrArray  *warnings);

typedef enum {
  /* keep the lines found before the document's header (a legal site's
   * metadata) at the top of the body instead of leaving them out */
  THIDUA_IMPORT_KEEP_PREAMBLE = 1 << 0,
} ThiduaImportFlags;

/* As thidua_import_text(), and: lines that stood before the document's
 * header and are left out (a legal-document site's metadata, loading
 * messages, repeated titles) are appended to skipped (strings) when it is
 * not NULL — also with THIDUA_IMPORT_KEEP_PREAMBLE, which keeps them in the
 * body.  Every route (text file, paste, Word, PDF) ends here. */
ThiduaPlan *thidua_import_text_full (const char        *text,
                                     gssize             len,
                                     int                profile,
                                     ThiduaImportFlags  flags,
                                     GPtrArray         *warnings,
                                     GPtrArray         *skipped);

/* Decodes data (see thidua-encoding.h), then recognises it.  Fails on
 * empty, binary, over-large or wrongly encoded data; nothing is half done.
 * used (may be NULL) receives the encoding used.
 * @data: (array length=len) */
ThiduaPlan *thidua_import_data (const guint8    *data,
                                gsize            len,
                                ThiduaEncoding   encoding,
                                int              profile,
                                ThiduaEncoding  *used,
                                GPtrArray       *warnings,
                                GError         **error);

/* Reads file (refusing one over the size limit before reading it) and
 * imports it as thidua_import_data() does.
 * @file: (transfer none)  @cancellable: (nullable): used only for a file
 *   that is not local (a local one goes through thidua_input_read()). */
ThiduaPlan *thidua_import_file (GFile           *file,
                                ThiduaEncoding   encoding,
                                int              profile,
                                ThiduaEncoding  *used,
                                GPtrArray       *warnings,
                                GCancellable    *cancellable,
                                GError         **error);

/* thidua_import_data() and thidua_import_file() with flags and skipped
 * as in thidua_import_text_full(). */
ThiduaPlan *thidua_import_data_full (const guint8      *data,
                                     gsize              len,
                                     ThiduaEncoding     encoding,
                                     int                profile,
                                     ThiduaImportFlags  flags,
                                     ThiduaEncoding    *used,
                                     GPtrArray         *warnings,
                                     GPtrArray         *skipped,
                                     GError           **error);
ThiduaPlan *thidua_import_file_full (GFile             *file,
                                     ThiduaEncoding     encoding,
                                     int                profile,
                                     ThiduaImportFlags  flags,
                                     ThiduaEncoding    *used,
                                     GPtrArray         *warnings,
                                     GPtrArray         *skipped,
                                     GCancellable      *cancellable,
                                     GError           **error);

G_END_DECLS
