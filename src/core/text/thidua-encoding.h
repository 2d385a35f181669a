/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-encoding.h — reading the text encodings Vietnamese plans arrive in.
 *
 * Unicode (UTF-8 with or without BOM, UTF-16 LE/BE, composed or decomposed)
 * and the three 8-bit encodings still met in old Word files: TCVN3 (ABC,
 * .VnTime fonts), VNI-Windows and Windows-1258.  Every decoder returns NFC
 * UTF-8.  The 8-bit decoders are tables of 128 entries each; each byte
 * becomes a fixed piece of Unicode (VNI and Windows-1258 marks become
 * combining marks) and NFC joins the pieces.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  THIDUA_ENCODING_AUTO,
  THIDUA_ENCODING_UTF8,
  THIDUA_ENCODING_UTF16,   /* LE or BE: by its BOM, else by where the NULs are */
  THIDUA_ENCODING_TCVN3,
  THIDUA_ENCODING_VNI,
  THIDUA_ENCODING_CP1258,
} ThiduaEncoding;

#define THIDUA_ENCODING_ERROR (thidua_encoding_error_quark ())
typedef enum {
  THIDUA_ENCODING_ERROR_BINARY,    /* NUL bytes or control characters: not text */
  THIDUA_ENCODING_ERROR_INVALID,   /* not valid in the encoding asked for */
} ThiduaEncodingError;
GQuark thidua_encoding_error_quark (void);

/* "auto", "utf-8", "utf-16", "tcvn3", "vni", "cp1258" (also "windows-1258").
 * thidua_encoding_to_string: Returns: (transfer none): a static string.
 * thidua_encoding_from_string: @s: (nullable): NULL or an unknown name
 *   gives FALSE.  @out: (out): set only when TRUE is returned. */
const char     *thidua_encoding_to_string   (ThiduaEncoding encoding);
gboolean        thidua_encoding_from_string (const char     *s,
                                             ThiduaEncoding *out);

/* The most likely encoding of data (never AUTO).  Plain UTF-8 and ASCII are
 * always UTF-8; the 8-bit encodings are told apart by how many of the words
 * each of them yields are well-formed Vietnamese syllables.
 * @data: (array length=len): may be NULL when len is 0. */
ThiduaEncoding  thidua_encoding_detect      (const guint8 *data,
                                             gsize         len);

/* Decodes data to NFC UTF-8 (a BOM is dropped).  AUTO detects; used (may be
 * NULL) receives the encoding actually used.  UTF-8 text that is really
 * TCVN3 or VNI seen through Latin-1 (pasted from a .VnTime document) is
 * repaired when detection is AUTO.  Fails on binary data and on data that
 * is not valid in the encoding asked for.
 * @data: (array length=len): may be NULL when len is 0.
 * @used: (out) (optional): set only on success.
 * Returns: (transfer full): NFC UTF-8. */
char           *thidua_encoding_decode      (const guint8    *data,
                                             gsize            len,
                                             ThiduaEncoding   encoding,
                                             ThiduaEncoding  *used,
                                             GError         **error);

/* The single decoders (no detection).  The 8-bit ones accept every byte.
 * @data: (array length=len).
 * Returns: (transfer full): NFC UTF-8; the 8-bit ones never return NULL. */
char *thidua_encoding_decode_utf8   (const guint8 *data, gsize len, GError **error);
char *thidua_encoding_decode_utf16  (const guint8 *data, gsize len, GError **error);
char *thidua_encoding_decode_tcvn3  (const guint8 *data, gsize len);
char *thidua_encoding_decode_vni    (const guint8 *data, gsize len);
char *thidua_encoding_decode_cp1258 (const guint8 *data, gsize len);

/* If text (valid UTF-8) only uses characters of Windows-1252 and reads far
 * better as TCVN3 or VNI, returns the repaired NFC text and sets used;
 * otherwise returns NULL.
 * @used: (out): set only when the result is not NULL.
 * Returns: (transfer full) (nullable): NULL when nothing is repaired. */
char *thidua_encoding_repair_latin1 (const char     *text,
                                     ThiduaEncoding *used);

/* NFC of valid UTF-8, in time linear in its length (GLib's normaliser is
 * quadratic on long strings).
 * @len: -1 when s is NUL-terminated.
 * Returns: (transfer full) */
char *thidua_encoding_nfc (const char *s, gssize len);

/* How many words of text are well-formed Vietnamese syllables with at least
 * one non-ASCII letter, minus those that are not.  Used by detection; public
 * for the tests.
 * @len: -1 when text is NUL-terminated. */
int   thidua_encoding_score_vietnamese (const char *text, gssize len);

G_END_DECLS
