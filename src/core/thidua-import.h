/* thidua-import.h — a plan from plain text, as a person reading it would
 * take it apart: header, type name and subject, body, recipients, signer.
 *
 * Parts that are absent stay blank; nothing is invented.  What was guessed
 * or not recognised is reported as warnings (one sentence each, naming the
 * line).  A text that is not a plan at all becomes a plan whose body holds
 * the whole text.
 */
#pragma once

#include <gio/gio.h>
#include "thidua-encoding.h"
#include "thidua-plan.h"

G_BEGIN_DECLS

/* Larger files are refused: a 10-page plan is about 40 kB. */
#define THIDUA_IMPORT_MAX_SIZE (16 * 1024 * 1024)

/* Pass as profile to take the profile from the text. */
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
 * gives a plan whose body is the text. */
ThiduaPlan *thidua_import_text (const char *text,
                                gssize      len,
                                int         profile,
                                GPtrArray  *warnings);

/* Decodes data (see thidua-encoding.h), then recognises it.  Fails on
 * empty, binary, over-large or wrongly encoded data; nothing is half done.
 * used (may be NULL) receives the encoding used. */
ThiduaPlan *thidua_import_data (const guint8    *data,
                                gsize            len,
                                ThiduaEncoding   encoding,
                                int              profile,
                                ThiduaEncoding  *used,
                                GPtrArray       *warnings,
                                GError         **error);

/* Reads file (refusing one over the size limit before reading it) and
 * imports it as thidua_import_data() does. */
ThiduaPlan *thidua_import_file (GFile           *file,
                                ThiduaEncoding   encoding,
                                int              profile,
                                ThiduaEncoding  *used,
                                GPtrArray       *warnings,
                                GCancellable    *cancellable,
                                GError         **error);

G_END_DECLS
