/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-canonical.h — the canonical form of a plan, its SHA-256 and the
 * short code printed on an issued plan (see README, "Proof of issue").
 *
 * The canonical form is the plan's contract JSON (as `show --json`) limited
 * to its content: profile, superior_body, issuing_body, number, symbol,
 * place, date, type_name, subject, body, recipients, signer.  No id,
 * outline (derived), status, code or replaces.  Strings NFC; object keys
 * sorted by their UTF-8 bytes; no whitespace between tokens; only '"', '\'
 * and U+0000–U+001F escaped (as \u00xx, lower-case hex); other characters
 * as raw UTF-8; blank date parts null.
 */
#pragma once

#include "thidua-plan.h"

G_BEGIN_DECLS

/* Length of the code: 12 characters = 60 bits of the hash. */
#define THIDUA_CODE_LENGTH 12

char     *thidua_canonical_json        (ThiduaPlan *plan);
/* SHA-256 of thidua_canonical_json(), 64 lower-case hex digits. */
char     *thidua_canonical_hash        (ThiduaPlan *plan);
/* The first 60 bits of the hash in Crockford's base32 (0-9, A-Z without
 * I, L, O, U), no padding: THIDUA_CODE_LENGTH characters. */
char     *thidua_canonical_code_from_hash (const char *hex_hash);
/* "abcd-efgh ijkl" typed from paper → "ABCDEFGHIJKL" with O read as 0 and
 * I, L as 1; NULL when it cannot be a code.
 * @typed: (nullable): NULL gives NULL.
 * Returns: (transfer full) (nullable) */
char     *thidua_canonical_normalize_code (const char *typed);
/* "ABCD-EFGH-JKMN", as printed.
 * @code: (nullable): NULL gives ""; a string that is not
 *   THIDUA_CODE_LENGTH long comes back unchanged. */
char     *thidua_canonical_format_code (const char *code);

G_END_DECLS
