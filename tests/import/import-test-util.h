/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import-test-util.h — encoders the import tests use to re-encode the seeds.
 *
 * They are written independently of the decoders in core: TCVN3 and
 * Windows-1258 go through glibc's iconv, VNI is built letter by letter from
 * its base-letter-plus-mark rules, not from the decoder's table. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "nfd", "utf-16le-bom", "utf-16be", "tcvn3", "vni", "cp1258",
 * "tcvn3-as-latin1" (TCVN3 bytes pasted through a Latin-1 font: UTF-8). */
GBytes   *itest_encode          (const char *utf8, const char *encoding);

/* Equal, except that a capital with a tone mark may come back in lower
 * case: TCVN3 has no codes for them (only Ă Â Ê Ô Ơ Ư Đ). */
gboolean  itest_tcvn3_equal     (const char *expected, const char *actual);

/* The seed files, sorted (THIDUA_TEST_SEEDS); free with g_strfreev. */
char    **itest_seed_paths      (void);

G_END_DECLS
