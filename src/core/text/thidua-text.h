/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-text.h — Vietnamese text: NFC, search folding, collation. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Raise when thidua_text_fold(), thidua_text_collate_key() or
 * thidua_text_person_sort_key() change what they return: the store then
 * recomputes the keys it keeps on the next open. */
#define THIDUA_TEXT_KEY_VERSION 1

/* NFC of valid UTF-8; NULL for invalid UTF-8 (callers report it).
 * len may be -1.
 * Returns: (transfer full) (nullable): NULL, with no GError, for invalid
 *   UTF-8. */
char    *thidua_text_nfc        (const char *s, gssize len);

/* TRUE when s is valid UTF-8 that is NFC for certain (a fast scan: FALSE
 * only means "normalise to be sure").  len may be -1. */
gboolean thidua_text_is_surely_nfc (const char *s, gssize len);

/* The search key: NFD, combining marks dropped, đ/Đ → d, case folded,
 * runs of white space collapsed to one space, trimmed.
 * "Kế hoạch thi đua" → "ke hoach thi dua".
 * @s: (nullable): NULL (or invalid UTF-8) gives "".
 * Returns: (transfer full): never NULL. */
char    *thidua_text_fold       (const char *s);

/* Appends thidua_text_fold (s) to out (nothing for NULL), without the
 * copy.
 * @out: the string to append to. */
void     thidua_text_fold_append (GString *out, const char *s);
/* TRUE when thidua_text_fold() of the len bytes at s (len < 0: up to
 * the NUL) is folded; no allocation for short text.
 * @s: not NULL. */
gboolean thidua_text_fold_equal (const char *s, gssize len, const char *folded);

/* TRUE when every word of the folded needle occurs in the folded haystack
 * (both arguments already folded).
 * @folded_haystack: (nullable): NULL matches only an empty needle.
 * @folded_needle: (nullable): NULL or "" matches everything. */
gboolean thidua_text_folded_match (const char *folded_haystack,
                                   const char *folded_needle);

/* A byte key whose strcmp() order is Vietnamese order:
 * a < ă < â < b < c < d < đ < e < ê … o < ô < ơ … u < ư …, tones after
 * letters (no tone < huyền < hỏi < ngã < sắc < nặng), case last.
 * The key is ASCII (bytes 0x01–0x7F), so it can be stored as TEXT and
 * compared with SQLite's BINARY collation.
 * @s, @a, @b: (nullable): NULL counts as "" (invalid UTF-8 is made valid
 *   first). */
char    *thidua_text_collate_key (const char *s);
int      thidua_text_collate    (const char *a, const char *b);

/* Sort key for people as Vietnamese registers list them: given name (the
 * last word), then family name (the first word), then the middle names,
 * each compared in full with thidua_text_collate_key() order.  strcmp()
 * on two keys gives the order.
 * @full_name: (nullable): NULL counts as "". */
char    *thidua_text_person_sort_key (const char *full_name);

/* thidua_text_fold (full_name) appended to fold and
 * thidua_text_person_sort_key (full_name) to sort_key, byte for byte, from
 * one decomposition of the name (an import keys 100,000 names).
 * @full_name: (nullable): NULL counts as "".
 * @fold: (nullable): NULL when not wanted.
 * @sort_key: (nullable): likewise. */
void     thidua_text_person_keys (const char *full_name, GString *fold, GString *sort_key);

/* Trims ASCII and Unicode white space at both ends; returns a new string.
 * @s: (nullable): NULL gives "".
 * Returns: (transfer full): never NULL. */
char    *thidua_text_strip      (const char *s);
/* Where thidua_text_strip() would cut @s, without a copy: returns a
 * pointer into @s and sets @len to the kept bytes.  @s is not NULL. */
const char *thidua_text_strip_span (const char *s, gsize *len);

G_END_DECLS
