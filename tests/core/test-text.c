/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-text.c — NFC, search folding and Vietnamese collation. */
#include "config.h"

#include <string.h>

#include "thidua-text.h"

static void
test_nfc_decomposed (void)
{
  /* "Nguyễn" as Unikey's "Unicode tổ hợp" types it: u, circumflex, tilde. */
  const char *nfd = "Nguye\xcc\x82\xcc\x83n";
  /* "Kế hoạch" with every toned letter decomposed. */
  const char *nfd2 = "Ke\xcc\x82\xcc\x81 hoa\xcc\xa3" "ch";
  g_autofree char *a = thidua_text_nfc (nfd, -1);
  g_autofree char *b = thidua_text_nfc (nfd2, -1);
  g_autofree char *c = thidua_text_nfc ("Nguyễn Văn A", 4);

  g_assert_cmpstr (a, ==, "Nguyễn");
  g_assert_cmpuint (strlen (a), <, strlen (nfd));
  g_assert_cmpstr (b, ==, "Kế hoạch");
  /* what the fast path must not take for NFC: singletons and marks after
   * precomposed letters */
  {
    g_autofree char *angstrom = thidua_text_nfc ("\xe2\x84\xab", -1);     /* U+212B */
    g_autofree char *ohm = thidua_text_nfc ("\xe2\x84\xa6", -1);          /* U+2126 */
    g_autofree char *a_dot_hat = thidua_text_nfc ("\xe1\xba\xa1\xcc\x82", -1); /* ạ + ◌̂ */
    g_autofree char *e_acute = thidua_text_nfc ("Le\xcc\x81", -1);

    g_assert_cmpstr (angstrom, ==, "\xc3\x85");
    g_assert_cmpstr (ohm, ==, "\xce\xa9");
    g_assert_cmpstr (a_dot_hat, ==, "ậ");
    g_assert_cmpstr (e_acute, ==, "Lé");
  }
  /* len counts bytes */
  g_assert_cmpstr (c, ==, "Nguy");
}

static void
test_nfc_long (void)
{
  /* thidua_text_nfc() normalises long text in pieces (GLib's NFC is
   * quadratic): the result must be GLib's, cut points included.  The
   * decomposed sentence puts marks right after the cut candidates. */
  const char *piece = "Thi \xc4\x91ua thu\xcc\x9b\xcc\xa3" "c hie\xcc\xa3\xcc\x82n "
                      "to\xcc\x82\xcc\x81t co\xcc\x82ng ta\xcc\x81" "c;\n";
  g_autoptr(GString) nfd = g_string_new (NULL);
  g_autofree char *ours = NULL;
  g_autofree char *glib = NULL;
  g_autofree char *prefix = NULL;

  while (nfd->len < 64 * 1024)
    g_string_append (nfd, piece);
  ours = thidua_text_nfc (nfd->str, -1);
  glib = g_utf8_normalize (nfd->str, -1, G_NORMALIZE_NFC);
  g_assert_cmpstr (ours, ==, glib);
  g_assert_nonnull (strstr (ours, "Thi đua thực hiện tốt công tác;"));

  /* with an explicit length cutting the string */
  prefix = thidua_text_nfc (nfd->str, 10000);
  g_assert_nonnull (prefix);
  g_assert_true (g_str_has_prefix (glib, prefix));
}

static void
test_nfc_invalid (void)
{
  g_assert_null (thidua_text_nfc ("Ngu\xff" "yen", -1));
}

static void
test_nfc_keeps_tone_placement (void)
{
  /* Old and new tone placement are different words for NFC: keep what the
   * user typed. */
  g_autofree char *old = thidua_text_nfc ("Hòa", -1);
  g_autofree char *new = thidua_text_nfc ("Hoa\xcc\x80", -1);

  g_assert_cmpstr (old, ==, "Hòa");
  g_assert_cmpstr (new, ==, "Hoà");
  g_assert_cmpstr (old, !=, new);
}

static void
test_fold (void)
{
  struct { const char *in, *out; } cases[] = {
    { "Kế hoạch thi đua", "ke hoach thi dua" },
    { "Đồng", "dong" },
    { "ĐỒNG LÒNG", "dong long" },
    { "Nguyễn Thị Thiện", "nguyen thi thien" },
    { "Nguye\xcc\x82\xcc\x83n", "nguyen" },
    { "  Trường \t Chính   trị  ", "truong chinh tri" },
    { "Ưu tiên, ơn, ăn, ân", "uu tien, on, an, an" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *f = thidua_text_fold (cases[i].in);
      g_assert_cmpstr (f, ==, cases[i].out);
    }
}

static void
test_fold_tone_placement (void)
{
  g_autofree char *a = thidua_text_fold ("Hòa");
  g_autofree char *b = thidua_text_fold ("Hoà");
  g_autofree char *c = thidua_text_fold ("Thủy");
  g_autofree char *d = thidua_text_fold ("Thuỷ");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, ==, "hoa");
  g_assert_cmpstr (c, ==, d);
}

static void
test_folded_match (void)
{
  g_autofree char *hay = thidua_text_fold ("Kế hoạch phát động phong trào thi đua năm 2022");
  g_autofree char *n1 = thidua_text_fold ("ke hoach");
  g_autofree char *n2 = thidua_text_fold ("THI ĐUA 2022");
  g_autofree char *n3 = thidua_text_fold ("thi dua 2023");
  g_autofree char *n4 = thidua_text_fold ("tổng kết");
  g_autofree char *n5 = thidua_text_fold ("Phát Động");

  g_assert_true (thidua_text_folded_match (hay, n1));
  g_assert_true (thidua_text_folded_match (hay, n2));
  g_assert_false (thidua_text_folded_match (hay, n3));
  g_assert_true (thidua_text_folded_match (hay, ""));
  g_assert_false (thidua_text_folded_match (hay, n4));
  g_assert_true (thidua_text_folded_match (hay, n5));
  g_assert_false (thidua_text_folded_match (NULL, n1));
}

static void
test_strip (void)
{
  g_autofree char *a = thidua_text_strip ("\t  Lai Châu \xc2\xa0\n");
  g_autofree char *b = thidua_text_strip (NULL);

  g_assert_cmpstr (a, ==, "Lai Châu");
  g_assert_cmpstr (b, ==, "");
}

/* Each list is in Vietnamese order; every pair must compare so. */
static void
assert_ordered (const char * const *words, guint n)
{
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        int r = thidua_text_collate (words[i], words[j]);
        int want = i < j ? -1 : i > j ? 1 : 0;

        if (r != want)
          g_error ("collate (\"%s\", \"%s\") = %d, want %d", words[i], words[j], r, want);
      }
}

static void
test_collate_letters (void)
{
  const char *letters[] = {
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l",
    "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y",
  };
  /* A letter with a modifier is a different letter, stronger than anything
   * after it: "az" < "ăa", "dz" < "đa", "uz" < "ưa". */
  const char *words[] = {
    "an", "anh", "az", "ăa", "ăn", "âm", "ân", "ba", "da", "dz", "đa", "đi",
    "em", "ếch", "ô", "ơn", "u", "uz", "ưa", "ưu",
  };

  assert_ordered (letters, G_N_ELEMENTS (letters));
  assert_ordered (words, G_N_ELEMENTS (words));
}

static void
test_collate_tones (void)
{
  /* none, huyền, hỏi, ngã, sắc, nặng — and letters before tones */
  const char *tones[] = { "ma", "mà", "mả", "mã", "má", "mạ", "mb" };
  const char *breve[] = { "ăn", "ằn", "ẳn", "ẵn", "ắn", "ặn", "ân", "ấn" };

  assert_ordered (tones, G_N_ELEMENTS (tones));
  assert_ordered (breve, G_N_ELEMENTS (breve));
  /* decomposed input sorts like the precomposed one */
  g_assert_cmpint (thidua_text_collate ("ma\xcc\xa3", "mạ"), ==, 0);
  /* ă with any tone is still after a with any tone */
  g_assert_cmpint (thidua_text_collate ("ạn", "ăn"), <, 0);
  /* tones are weaker than letters further on */
  g_assert_cmpint (thidua_text_collate ("má", "mai"), <, 0);
}

static void
test_collate_case_and_space (void)
{
  const char *words[] = { "an", "An", "AN", "àn", "Àn", "an bình", "anh", "Anh" };
  const char *numbers[] = { "Tổ 1", "Tổ 2", "Tổ 9", "Tổ 10", "Tổ 10 A", "Tổ 10A", "Tổ 11",
                            "Tổ 100", "Tổ A", "Tổ Ă" };
  /* punctuation < digits < Latin letters < other scripts */
  const char *classes[] = { "(a)", "-", "0", "9", "a", "z", "α", "中" };

  assert_ordered (words, G_N_ELEMENTS (words));
  assert_ordered (numbers, G_N_ELEMENTS (numbers));
  assert_ordered (classes, G_N_ELEMENTS (classes));
  g_assert_cmpint (thidua_text_collate ("Khoa 02", "Khoa 2"), ==, 0);
  g_assert_cmpint (thidua_text_collate ("Khoa 0", "Khoa 00"), ==, 0);
  /* canonically equal strings are equal; old and new tone placement are
   * different spellings that sort side by side */
  g_assert_cmpint (thidua_text_collate ("Ho\xcc\x80" "a", "Hòa"), ==, 0);
  g_assert_cmpint (thidua_text_collate ("Hòa", "Hoà"), !=, 0);
  g_assert_cmpint (thidua_text_collate ("Hoa", "Hòa"), <, 0);
  g_assert_cmpint (thidua_text_collate ("Hoa", "Hoà"), <, 0);
  g_assert_cmpint (thidua_text_collate ("Hòa", "Hoan"), <, 0);
  g_assert_cmpint (thidua_text_collate ("Hoà", "Hoan"), <, 0);
  g_assert_cmpint (thidua_text_collate (NULL, ""), ==, 0);
}

static void
test_collate_key_is_strcmp_order (void)
{
  const char *names[] = { "Đồng", "dong", "Ánh", "Anh", "Ưng", "Uyên", "Bình", "Ân",
                          "Tổ 1/2", "Tổ (A)", "Ελλάδα", "中文", "Ω" };
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      char *key = thidua_text_collate_key (names[i]);

      /* ASCII, so SQLite can keep it in a TEXT column */
      for (const char *p = key; *p != '\0'; p++)
        g_assert_cmpint ((guchar) *p, <, 0x80);
      g_ptr_array_add (keys, key);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (guint j = 0; j < G_N_ELEMENTS (names); j++)
      {
        int a = strcmp (keys->pdata[i], keys->pdata[j]);
        int b = thidua_text_collate (names[i], names[j]);

        g_assert_cmpint (a < 0 ? -1 : a > 0, ==, b);
      }
}

static int
compare_person (gconstpointer a, gconstpointer b)
{
  g_autofree char *ka = thidua_text_person_sort_key (*(const char * const *) a);
  g_autofree char *kb = thidua_text_person_sort_key (*(const char * const *) b);

  return strcmp (ka, kb);
}

static void
test_person_sort_key (void)
{
  /* given name first, then family name, then middle name */
  const char *sorted[] = {
    "Nguyễn Văn An",
    "Trần Thị Ân",
    "Lê Văn Bình",
    "Nguyễn Thị Bình",
    "Nguyễn Văn Bình",
    "Trần Bình",
    "Đỗ Minh Đức",
    "Vũ Văn Đức",
    "Nguyễn Tiến Tăng",
    "Nguyễn Thị Thiện",
  };
  const char *shuffled[G_N_ELEMENTS (sorted)];
  g_autofree char *spaced = thidua_text_person_sort_key ("  Nguyễn   Văn\tAn ");
  g_autofree char *plain = thidua_text_person_sort_key ("Nguyễn Văn An");
  g_autofree char *single = thidua_text_person_sort_key ("An");
  g_autofree char *empty = thidua_text_person_sort_key ("");

  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    shuffled[i] = sorted[(i * 7 + 3) % G_N_ELEMENTS (sorted)];
  qsort (shuffled, G_N_ELEMENTS (shuffled), sizeof (char *), compare_person);
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    g_assert_cmpstr (shuffled[i], ==, sorted[i]);

  /* the given name decides before the middle name: "Tăng" < "Thiện"
   * although "Thị" < "Tiến" */
  g_assert_cmpint (compare_person (&sorted[8], &sorted[9]), <, 0);
  g_assert_cmpstr (spaced, ==, plain);
  g_assert_cmpint (strcmp (single, plain), <, 0);
  g_assert_cmpint (strcmp (empty, single), <, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/nfc/decomposed", test_nfc_decomposed);
  g_test_add_func ("/text/nfc/invalid", test_nfc_invalid);
  g_test_add_func ("/text/nfc/long", test_nfc_long);
  g_test_add_func ("/text/nfc/tone-placement", test_nfc_keeps_tone_placement);
  g_test_add_func ("/text/fold/basic", test_fold);
  g_test_add_func ("/text/fold/tone-placement", test_fold_tone_placement);
  g_test_add_func ("/text/fold/match", test_folded_match);
  g_test_add_func ("/text/strip", test_strip);
  g_test_add_func ("/text/collate/letters", test_collate_letters);
  g_test_add_func ("/text/collate/tones", test_collate_tones);
  g_test_add_func ("/text/collate/case-and-space", test_collate_case_and_space);
  g_test_add_func ("/text/collate/key", test_collate_key_is_strcmp_order);
  g_test_add_func ("/text/person-sort-key", test_person_sort_key);

  return g_test_run ();
}
