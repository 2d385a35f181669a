/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-encoding.c — the legacy decoders and encoding detection. */
#include <glib.h>
#include <string.h>

#include "thidua-encoding.h"
#include "import-test-util.h"

static char *
read_seed (guint index)
{
  g_auto(GStrv) paths = itest_seed_paths ();
  char *text = NULL;

  g_assert_cmpuint (index, <, g_strv_length (paths));
  g_assert_true (g_file_get_contents (paths[index], &text, NULL, NULL));
  return text;
}

#define DECODE(fn, s) fn ((const guint8 *) (s), sizeof (s) - 1)

static void
test_tcvn3_words (void)
{
  struct { const char *in, *out; } cases[] = {
    /* .VnTimeH capitals typed with lower-case codes */
    { "K\xD5 HO\xB9" "CH", "KẾ HOẠCH" },
    { "I. M\xF4" "C \xA7\xDD" "CH, Y\xA3U C\xC7U", "I. MỤC ĐÍCH, YÊU CẦU" },
    { "HI\xD6U TR\xA6\xEBNG", "HIỆU TRƯỞNG" },
    { "S\xEB Y T\xD5", "SỞ Y TẾ" },
    /* sentence case stays: the number line, a lone title-case word */
    { "S\xE8: 215/KH-SYT", "Số: 215/KH-SYT" },
    { "K\xD5", "Kế" },
    { "K\xD5 ho\xB9" "ch thi \xAE" "ua", "Kế hoạch thi đua" },
    { "L\xB5m vi\xD6" "c \xAE\xAAm ng\xB5y", "Làm việc đêm ngày" },
    { "\x93Tr\xAD\xEAng ch\xDDnh tr\xDE\x94 \x96 \x85", "“Trường chính trị” – …" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = thidua_encoding_decode_tcvn3 ((const guint8 *) cases[i].in,
                                                         strlen (cases[i].in));
      g_assert_cmpstr (s, ==, cases[i].out);
    }
}

/* Every TCVN3 byte decodes as glibc's TCVN5712-1 does (bytes 0xA0–0xFF;
 * below, legacy files carry Windows-1252 punctuation). */
static void
test_tcvn3_table (void)
{
  for (guint b = 0xA0; b <= 0xFF; b++)
    {
      guint8 in[2] = { 'x', b };
      g_autofree char *ours = thidua_encoding_decode_tcvn3 (in, 2);
      g_autofree char *glibc = g_convert ((const char *) in, 2, "UTF-8", "TCVN5712-1", NULL, NULL, NULL);
      g_autofree char *glibc_nfc = NULL;

      g_assert_nonnull (glibc);
      glibc_nfc = g_utf8_normalize (glibc, -1, G_NORMALIZE_NFC);
      g_assert_cmpstr (ours, ==, glibc_nfc);
    }
}

static void
test_cp1258_table (void)
{
  for (guint b = 0x80; b <= 0xFF; b++)
    {
      guint8 in[2] = { 'a', b };
      g_autofree char *ours = thidua_encoding_decode_cp1258 (in, 2);
      g_autofree char *glibc = g_convert ((const char *) in, 2, "UTF-8", "CP1258", NULL, NULL, NULL);
      g_autofree char *glibc_nfc = NULL;

      if (glibc == NULL)   /* undefined in Windows-1258 */
        {
          g_assert_cmpstr (ours, ==, "a\uFFFD");
          continue;
        }
      glibc_nfc = g_utf8_normalize (glibc, -1, G_NORMALIZE_NFC);
      g_assert_cmpstr (ours, ==, glibc_nfc);
    }
  {
    g_autofree char *s = DECODE (thidua_encoding_decode_cp1258, "Vi\xEA\xF2t Nam, Ha\xCC N\xF4\xCCi");
    g_assert_cmpstr (s, ==, "Việt Nam, Hà Nồi");
  }
}

static void
test_vni_words (void)
{
  struct { const char *in, *out; } cases[] = {
    { "Vie\xE4t Nam", "Việt Nam" },
    { "cha\xF8o", "chào" },
    { "Tr\xF6\xF4\xF8ng Ch\xEDnh tr\xF2 t\xE6nh", "Trường Chính trị tỉnh" },
    { "\xD1" "A\xDBNG CO\xC4NG SA\xDBN", "ĐẢNG CỘNG SẢN" },
    { "a\xEA a\xE8 a\xE9 a\xFA a\xFC a\xEB", "ă ằ ắ ẳ ẵ ặ" },
    { "a\xE2 a\xE0 a\xE1 a\xE5 a\xE3 a\xE4", "â ầ ấ ẩ ẫ ậ" },
    { "y\xF9 y\xF8 y\xFB y\xF5 \xEE \xF1", "ý ỳ ỷ ỹ ỵ đ" },
    { "\x93Hie\xE4n\x94", "“Hiện”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = thidua_encoding_decode_vni ((const guint8 *) cases[i].in,
                                                       strlen (cases[i].in));
      g_autofree char *expected = g_utf8_normalize (cases[i].out, -1, G_NORMALIZE_NFC);

      g_assert_cmpstr (s, ==, expected);
    }
}

static void
test_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nfd = g_utf8_normalize ("Kế hoạch thi đua", -1, G_NORMALIZE_NFD);
  g_autofree char *bom = g_strconcat ("\xEF\xBB\xBF", nfd, NULL);
  g_autofree char *s = thidua_encoding_decode_utf8 ((const guint8 *) bom, strlen (bom), &error);
  char *bad;

  g_assert_no_error (error);
  g_assert_cmpstr (s, ==, "Kế hoạch thi đua");   /* BOM dropped, NFC */

  bad = thidua_encoding_decode_utf8 ((const guint8 *) "ab\ncd\xFF", 6, &error);
  g_assert_null (bad);
  g_assert_error (error, THIDUA_ENCODING_ERROR, THIDUA_ENCODING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "byte 5 (line 2)"));
}

static void
test_utf16 (void)
{
  g_autoptr(GError) error = NULL;
  const char *text = "KẾ HOẠCH\nSố 100-KH/TCT";
  g_autoptr(GBytes) le = itest_encode (text, "utf-16le-bom");
  g_autoptr(GBytes) be = itest_encode (text, "utf-16be");
  gsize len;
  const guint8 *data;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  char *odd;
  static const guint8 lone_surrogate[] = { 0xFF, 0xFE, 0x00, 0xD8, 'a', 0 };

  data = g_bytes_get_data (le, &len);
  g_assert_cmpint (thidua_encoding_detect (data, len), ==, THIDUA_ENCODING_UTF16);
  a = thidua_encoding_decode_utf16 (data, len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, text);

  data = g_bytes_get_data (be, &len);
  g_assert_cmpint (thidua_encoding_detect (data, len), ==, THIDUA_ENCODING_UTF16);
  b = thidua_encoding_decode_utf16 (data, len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b, ==, text);

  odd = thidua_encoding_decode_utf16 (data, len - 1, &error);
  g_assert_null (odd);
  g_assert_error (error, THIDUA_ENCODING_ERROR, THIDUA_ENCODING_ERROR_INVALID);
  g_clear_error (&error);
  odd = thidua_encoding_decode_utf16 (lone_surrogate, sizeof lone_surrogate, &error);
  g_assert_null (odd);
  g_assert_error (error, THIDUA_ENCODING_ERROR, THIDUA_ENCODING_ERROR_INVALID);
}

/* Plain UTF-8 Vietnamese and ASCII are never taken for something else,
 * however little non-ASCII they hold. */
static void
test_detect_unicode (void)
{
  const char *samples[] = {
    "", "KE HOACH\nSo: 215/KH-SYT\n", "Lai Châu, ngày 29 tháng 10 năm 2021",
    "Chào bác", "Hà Nội", "Đ", "ÂM", "café crème brûlée",
  };
  g_auto(GStrv) paths = itest_seed_paths ();

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GError) error = NULL;
      ThiduaEncoding used = THIDUA_ENCODING_AUTO;
      g_autofree char *s = NULL;

      g_assert_cmpint (thidua_encoding_detect ((const guint8 *) samples[i], strlen (samples[i])), ==,
                       THIDUA_ENCODING_UTF8);
      s = thidua_encoding_decode ((const guint8 *) samples[i], strlen (samples[i]),
                                  THIDUA_ENCODING_AUTO, &used, &error);
      g_assert_no_error (error);
      g_assert_cmpint (used, ==, THIDUA_ENCODING_UTF8);
      g_assert_cmpstr (s, ==, samples[i]);
    }
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *text = read_seed (i);
      g_autoptr(GError) error = NULL;
      ThiduaEncoding used = THIDUA_ENCODING_AUTO;
      g_autofree char *s = thidua_encoding_decode ((const guint8 *) text, strlen (text),
                                                   THIDUA_ENCODING_AUTO, &used, &error);

      g_assert_no_error (error);
      g_assert_cmpint (used, ==, THIDUA_ENCODING_UTF8);
      g_assert_cmpstr (s, ==, text);
    }
}

/* Each seed, re-encoded, is detected and decoded back to itself (TCVN3
 * loses the case of toned capitals inside ordinary sentences). */
static void
test_seed_round_trips (void)
{
  static const struct { const char *name; ThiduaEncoding encoding; } encodings[] = {
    { "nfd", THIDUA_ENCODING_UTF8 },
    { "utf-16le-bom", THIDUA_ENCODING_UTF16 },
    { "utf-16be", THIDUA_ENCODING_UTF16 },
    { "tcvn3", THIDUA_ENCODING_TCVN3 },
    { "vni", THIDUA_ENCODING_VNI },
    { "cp1258", THIDUA_ENCODING_CP1258 },
    { "tcvn3-as-latin1", THIDUA_ENCODING_TCVN3 },
  };
  g_auto(GStrv) paths = itest_seed_paths ();

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *text = read_seed (i);

      for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
        {
          g_autoptr(GBytes) bytes = itest_encode (text, encodings[e].name);
          g_autoptr(GError) error = NULL;
          gsize len;
          const guint8 *data = g_bytes_get_data (bytes, &len);
          ThiduaEncoding used = THIDUA_ENCODING_AUTO;
          g_autofree char *s = thidua_encoding_decode (data, len, THIDUA_ENCODING_AUTO, &used, &error);

          g_test_message ("seed %u as %s", i, encodings[e].name);
          g_assert_no_error (error);
          g_assert_cmpint (used, ==, encodings[e].encoding);
          if (encodings[e].encoding == THIDUA_ENCODING_TCVN3)
            g_assert_true (itest_tcvn3_equal (text, s));
          else
            g_assert_cmpstr (s, ==, text);
        }
    }
}

/* Text copied out of a .VnTime document into a Unicode editor: the TCVN3
 * bytes arrive as Latin-1 letters. */
static void
test_repair_latin1 (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "KÕ HO¹CH", "KẾ HOẠCH" },
    { "Tr­êng ChÝnh trÞ tØnh Lai Ch©u", "Trường Chính trị tỉnh Lai Châu" },
    { "Vieät Nam, Tröôøng", "Việt Nam, Trường" },
    /* real Vietnamese that happens to be all Latin-1 stays */
    { "Lai Châu, ngày", NULL },
    { "Chào bác, Hà Nội", NULL },
    { "café crème", NULL },
    { "plain ASCII", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ThiduaEncoding used = THIDUA_ENCODING_AUTO;
      g_autofree char *s = thidua_encoding_repair_latin1 (cases[i].in, &used);

      g_assert_cmpstr (s, ==, cases[i].out);
    }
}

static void
test_binary (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  guint8 noise[2048];
  static const ThiduaEncoding encodings[] = {
    THIDUA_ENCODING_AUTO, THIDUA_ENCODING_TCVN3, THIDUA_ENCODING_VNI, THIDUA_ENCODING_CP1258,
    THIDUA_ENCODING_UTF8,
  };

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
    {
      g_autoptr(GError) error = NULL;
      char *s = thidua_encoding_decode (noise, sizeof noise, encodings[e], NULL, &error);

      g_assert_null (s);
      g_assert_error (error, THIDUA_ENCODING_ERROR, THIDUA_ENCODING_ERROR_BINARY);
    }
}

static void
test_names (void)
{
  ThiduaEncoding e;

  for (e = THIDUA_ENCODING_AUTO; e <= THIDUA_ENCODING_CP1258; e++)
    {
      ThiduaEncoding back;
      g_assert_true (thidua_encoding_from_string (thidua_encoding_to_string (e), &back));
      g_assert_cmpint (back, ==, e);
    }
  g_assert_true (thidua_encoding_from_string ("Windows-1258", &e));
  g_assert_cmpint (e, ==, THIDUA_ENCODING_CP1258);
  g_assert_false (thidua_encoding_from_string ("koi8-r", &e));
}

static void
test_score (void)
{
  g_assert_cmpint (thidua_encoding_score_vietnamese ("Kế hoạch thi đua của Trường", -1), ==, 5);
  g_assert_cmpint (thidua_encoding_score_vietnamese ("plain ASCII words", -1), ==, 0);
  /* VNI read as TCVN3, and TCVN3 read as Latin-1 */
  g_assert_cmpint (thidua_encoding_score_vietnamese ("chaứo Vieọt", -1), <, 0);
  g_assert_cmpint (thidua_encoding_score_vietnamese ("KÕ ho¹ch Tr\u00ADêng", -1), <,
                   thidua_encoding_score_vietnamese ("KẾ hoạch Trường", -1));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/encoding/tcvn3-words", test_tcvn3_words);
  g_test_add_func ("/import/encoding/tcvn3-table", test_tcvn3_table);
  g_test_add_func ("/import/encoding/cp1258-table", test_cp1258_table);
  g_test_add_func ("/import/encoding/vni-words", test_vni_words);
  g_test_add_func ("/import/encoding/utf8", test_utf8);
  g_test_add_func ("/import/encoding/utf16", test_utf16);
  g_test_add_func ("/import/encoding/detect-unicode", test_detect_unicode);
  g_test_add_func ("/import/encoding/seed-round-trips", test_seed_round_trips);
  g_test_add_func ("/import/encoding/repair-latin1", test_repair_latin1);
  g_test_add_func ("/import/encoding/binary", test_binary);
  g_test_add_func ("/import/encoding/names", test_names);
  g_test_add_func ("/import/encoding/score", test_score);
  return g_test_run ();
}
