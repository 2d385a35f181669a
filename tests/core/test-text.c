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

/* ---- the keys are byte-identical to those of the code before the fast
 * decomposition (issue 10): stored keys must not change.  What follows is
 * that code, kept as the reference. */

static char *
ref_fold (const char *s)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfd = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (s == NULL)
    return g_strdup ("");
  /* The old code normalized invalid text as it was, and read past a
   * character cut short at its end (undefined there): invalid text is
   * now folded in its g_utf8_make_valid() form, as the collation keys
   * always took it. */
  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);
  nfd = g_utf8_normalize (s, -1, G_NORMALIZE_NFD);
  if (nfd == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (nfd));
  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (c == 0x0111 || c == 0x0110)
        c = 'd';
      else
        c = g_unichar_tolower (c);
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

enum { REF_MOD_NONE, REF_MOD_BREVE, REF_MOD_CIRCUMFLEX, REF_MOD_HORN };

static const guint8 ref_base_rank[26] = {
  0, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25,
  26, 28, 29, 30, 31, 32,
};

static int
ref_latin_rank (gunichar base, int mod)
{
  int rank;

  if (base == 0x0111)
    return 6;
  if (base < 'a' || base > 'z')
    return -1;
  rank = ref_base_rank[base - 'a'];
  if (base == 'a' && mod == REF_MOD_BREVE)
    rank += 1;
  else if (base == 'a' && mod == REF_MOD_CIRCUMFLEX)
    rank += 2;
  else if ((base == 'e' || base == 'o') && mod == REF_MOD_CIRCUMFLEX)
    rank += 1;
  else if (base == 'o' && mod == REF_MOD_HORN)
    rank += 2;
  else if (base == 'u' && mod == REF_MOD_HORN)
    rank += 1;
  return rank;
}

static void
ref_append_code_point (GString *key, gunichar c)
{
  for (int shift = 18; shift >= 0; shift -= 6)
    g_string_append_c (key, (char) (0x30 + ((c >> shift) & 0x3F)));
}

static void
ref_append_collate_key (GString *key, const char *s)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfd = NULL;
  GString *secondary, *tertiary;
  gboolean pending_space = FALSE;
  const char *p;

  if (s == NULL)
    s = "";
  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);
  nfd = g_utf8_normalize (s, -1, G_NORMALIZE_NFD);
  secondary = g_string_new (NULL);
  tertiary = g_string_new (NULL);
  p = nfd;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      int mod = REF_MOD_NONE, tone = 0;

      if (c >= '0' && c <= '9')
        {
          const char *start = p, *end;

          while (*start == '0' && start[1] >= '0' && start[1] <= '9')
            start++;
          for (end = start; *end >= '0' && *end <= '9'; end++)
            ;
          if (pending_space)
            g_string_append_c (key, 0x03);
          pending_space = FALSE;
          g_string_append_c (key, (char) (0x10 + MIN (end - start, 15)));
          g_string_append_len (key, start, end - start);
          p = end;
          continue;
        }

      p = g_utf8_next_char (p);
      while (*p != '\0' && g_unichar_type (g_utf8_get_char (p)) == G_UNICODE_NON_SPACING_MARK)
        {
          switch (g_utf8_get_char (p))
            {
            case 0x0306: mod = REF_MOD_BREVE; break;
            case 0x0302: mod = REF_MOD_CIRCUMFLEX; break;
            case 0x031B: mod = REF_MOD_HORN; break;
            case 0x0300: tone = 1; break;
            case 0x0309: tone = 2; break;
            case 0x0303: tone = 3; break;
            case 0x0301: tone = 4; break;
            case 0x0323: tone = 5; break;
            default: break;
            }
          p = g_utf8_next_char (p);
        }

      if (g_unichar_isspace (c))
        {
          pending_space = key->len > 0 || secondary->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (key, 0x03);
      pending_space = FALSE;

      if (g_unichar_isalpha (c))
        {
          gunichar lower = g_unichar_tolower (c);
          int rank = ref_latin_rank (lower, mod);

          if (rank >= 0)
            g_string_append_c (key, (char) (0x20 + rank));
          else
            {
              g_string_append_c (key, 0x7F);
              ref_append_code_point (key, lower);
            }
          g_string_append_c (secondary, (char) (0x03 + tone));
          g_string_append_c (tertiary, lower != c ? 0x04 : 0x03);
        }
      else
        {
          g_string_append_c (key, 0x04);
          ref_append_code_point (key, c);
        }
    }

  g_string_append_c (key, 0x02);
  g_string_append_len (key, secondary->str, secondary->len);
  g_string_append_c (key, 0x02);
  g_string_append_len (key, tertiary->str, tertiary->len);
  g_string_free (secondary, TRUE);
  g_string_free (tertiary, TRUE);
}

static char *
ref_collate_key (const char *s)
{
  GString *key = g_string_new (NULL);

  ref_append_collate_key (key, s);
  return g_string_free (key, FALSE);
}

static char *
ref_person_sort_key (const char *full_name)
{
  g_autofree char *stripped = thidua_text_strip (full_name);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) middle = g_string_new (NULL);
  GString *key = g_string_new (NULL);
  const char *p = stripped;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        g_ptr_array_add (words, g_strndup (start, p - start));
    }
  for (guint i = 1; i + 1 < words->len; i++)
    {
      if (middle->len > 0)
        g_string_append_c (middle, ' ');
      g_string_append (middle, g_ptr_array_index (words, i));
    }
  ref_append_collate_key (key, words->len > 0 ? g_ptr_array_index (words, words->len - 1) : "");
  g_string_append_c (key, 0x01);
  ref_append_collate_key (key, words->len > 1 ? g_ptr_array_index (words, 0) : "");
  g_string_append_c (key, 0x01);
  ref_append_collate_key (key, middle->str);
  return g_string_free (key, FALSE);
}

static guint n_compared;

static void
assert_same_keys (const char *s)
{
  g_autofree char *f = thidua_text_fold (s);
  g_autofree char *rf = ref_fold (s);
  g_autofree char *k = thidua_text_collate_key (s);
  g_autofree char *rk = ref_collate_key (s);
  g_autofree char *pk = thidua_text_person_sort_key (s);
  /* The old code stepped over the end of a character cut short at the end
   * of invalid UTF-8 (it read past the string): its result there was
   * undefined.  The names core keys are NFC, so valid; invalid text is now
   * keyed as its g_utf8_make_valid() form. */
  g_autofree char *valid = g_utf8_make_valid (s, -1);
  g_autofree char *rpk = ref_person_sort_key (valid);

  if (g_strcmp0 (f, rf) != 0 || g_strcmp0 (k, rk) != 0 || g_strcmp0 (pk, rpk) != 0)
    {
      g_autofree char *esc = g_strescape (s, NULL);
      g_test_message ("keys differ for \"%s\"", esc);
    }
  g_assert_cmpstr (f, ==, rf);
  g_assert_cmpstr (k, ==, rk);
  g_assert_cmpstr (pk, ==, rpk);

  /* the import's ways to the same keys: both from one decomposition,
   * appended after what the strings hold, and the fold compared in place */
  {
    g_autoptr(GString) pf = g_string_new ("x");
    g_autoptr(GString) ps = g_string_new ("\x03");
    g_autoptr(GString) only_sort = g_string_new (NULL);
    g_autoptr(GString) fa = g_string_new ("y");

    thidua_text_person_keys (s, pf, ps);
    g_assert_cmpstr (pf->str + 1, ==, rf);
    g_assert_cmpstr (ps->str + 1, ==, rpk);
    thidua_text_person_keys (s, NULL, only_sort);
    g_assert_cmpstr (only_sort->str, ==, rpk);
    /* "surely NFC" (the fast scan first) is never wrong */
    if (thidua_text_is_surely_nfc (s, -1))
      {
        g_autofree char *nfc = g_utf8_normalize (s, -1, G_NORMALIZE_NFC);
        g_assert_true (g_utf8_validate (s, -1, NULL));
        g_assert_cmpstr (nfc, ==, s);
      }
    thidua_text_fold_append (fa, s);
    g_assert_cmpstr (fa->str + 1, ==, rf);
    g_assert_true (thidua_text_fold_equal (s, -1, rf));
    g_assert_false (thidua_text_fold_equal (s, -1, "A"));  /* never a fold */
    if (*s != '\0')
      {
        /* a prefix, as the name split asks of a name's first word */
        gsize half = strlen (s) / 2;
        g_autofree char *head = g_strndup (s, half);
        g_autofree char *rhead = ref_fold (head);
        g_assert_true (thidua_text_fold_equal (s, half, rhead));
      }
  }
  n_compared++;
}

/* The form CP1258 and VNI leave: the vowel's hat or horn precomposed, the
 * tone a combining mark after it. */
static char *
legacy_form (const char *nfc)
{
  static const struct { gunichar mark; } tones[] = { { 0x0300 }, { 0x0301 }, { 0x0303 }, { 0x0309 }, { 0x0323 } };
  g_autofree char *nfd = g_utf8_normalize (nfc, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);
  GString *tone = g_string_new (NULL);

  for (const char *p = nfd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean is_tone = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (tones); i++)
        is_tone |= c == tones[i].mark;
      if (is_tone)
        g_string_append_unichar (tone, c);
      else
        {
          if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK && tone->len)
            {
              g_string_append_len (out, tone->str, tone->len);
              g_string_truncate (tone, 0);
            }
          g_string_append_unichar (out, c);
        }
    }
  g_string_append_len (out, tone->str, tone->len);
  g_string_free (tone, TRUE);
  {
    /* compose what is left (the hats and horns), keep the tones apart */
    g_autofree char *base = g_string_free (out, FALSE);
    GString *res = g_string_new (NULL);
    const char *p = base;

    while (*p)
      {
        const char *q = g_utf8_next_char (p);
        while (*q && (g_utf8_get_char (q) == 0x0302 || g_utf8_get_char (q) == 0x0306
                      || g_utf8_get_char (q) == 0x031B))
          q = g_utf8_next_char (q);
        {
          g_autofree char *piece = g_utf8_normalize (p, q - p, G_NORMALIZE_NFC);
          g_string_append (res, piece);
        }
        p = q;
      }
    return g_string_free (res, FALSE);
  }
}

static void
test_keys_identical (void)
{
  static const char *families[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ",
                                    "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lò", "Quàng", "Ưng" };
  static const char *middles[] = { "", "Văn", "Thị", "Hữu", "Đức", "Ngọc", "Thị Thu", "Công", "Xuân", "Mỹ" };
  static const char *givens[] = { "An", "Ánh", "Bảo", "Chiến", "Dũng", "Đạt", "Giang", "Hòa", "Hoà", "Hưng",
                                  "Hường", "Khánh", "Loan", "Mạnh", "Nguyệt", "Oanh", "Phương", "Quỳnh",
                                  "Sơn", "Thắng", "Thủy", "Thuỷ", "Tuấn", "Uyên", "Yến", "Ẩn", "Ỷ" };
  static const char *extra[] = {
    "", " ", "\t", "Ông Nguyễn Văn An", "Bà  Lê\u00a0Thị\tHoa ", "\u3000Trần\u2003Văn B\u3000",
    "NGUYỄN VĂN AN", "nguyễn văn an", "Tổ 2", "Tổ 10", "Tổ 002", "Phòng số 0", "000", "0x", "12345678901234567890",
    "Khoa Lý luận cơ sở", "Phòng Tổ chức - Hành chính", "Đoàn TNCS Hồ Chí Minh", "CĐ-ĐH (2024)",
    "\xcc\x81" "a", "a\xcc\x81\xcc\xa3", "a\xcc\xa3\xcc\x81", "Nguye\xcc\x82\xcc\x83n", "Ke\xcc\x82\xcc\x81 hoa\xcc\xa3" "ch",
    "\xe1\xba\xa1\xcc\x82", "Åström", "\xe2\x84\xab", "Ωmega \xe2\x84\xa6", "ǅemal", "Ǆ", "ŉ", "ﬁ", "Иван Петров", "王小明",
    "Müller", "Øre", "Ĳssel", "ſ", "ẞ", "ǰ", "Ƀ", "\xed\xa0\x80", "\xff", "ab\xc3", "\xe1\xba", "\xc0\x80", "x\xe1\xbb",
    "Nguy\xe1\xbb\x85n\xc2\xa0V\xc4\x83n", "Hà\u200bNội", "A\u0301\u0300", "e\u0323\u0302", "o\u031b\u0301",
  };
  const char *seeds = g_getenv ("THIDUA_TEST_SEEDS");

  n_compared = 0;
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    assert_same_keys (extra[i]);

  /* longer than the buffers kept on the stack (256 code points) */
  {
    GString *long_text = g_string_new (NULL);
    for (guint i = 0; i < 60; i++)
      {
        g_string_append (long_text, i % 2 ? "Nguyễn Thị Hường " : "Ke\xcc\x82\xcc\x81 hoa\xcc\xa3" "ch 0012 ");
        assert_same_keys (long_text->str);
      }
    g_string_free (long_text, TRUE);
  }

  /* every character the table decomposes, alone, cased, before a mark,
   * between digits and spaces */
  for (gunichar c = 1; c < 0x1F00; c = (c == 0x24F ? 0x1E00 : c + 1))
    {
      char u[8] = { 0 };
      g_unichar_to_utf8 (c, u);
      g_autofree char *alone = g_strdup_printf ("%s", u);
      g_autofree char *ctx = g_strdup_printf ("1%s0 %sx", u, u);
      g_autofree char *marked = g_strdup_printf ("%s\xcc\x81%s\xcc\xa3", u, u);
      assert_same_keys (alone);
      assert_same_keys (ctx);
      assert_same_keys (marked);
    }

  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    for (guint m = 0; m < G_N_ELEMENTS (middles); m++)
      for (guint g = 0; g < G_N_ELEMENTS (givens); g++)
        {
          g_autofree char *name = g_strdup_printf ("%s %s%s%s", families[f], middles[m], *middles[m] ? " " : "",
                                                   givens[g]);
          g_autofree char *nfd = g_utf8_normalize (name, -1, G_NORMALIZE_NFD);
          g_autofree char *legacy = legacy_form (name);
          g_autofree char *upper = g_utf8_strup (name, -1);

          assert_same_keys (name);
          assert_same_keys (nfd);
          assert_same_keys (legacy);
          assert_same_keys (upper);
        }

  /* every line and word of the seed documents */
  if (seeds != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (seeds, 0, NULL);
      const char *entry;

      g_assert_nonnull (dir);
      while ((entry = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (seeds, entry, NULL);
          g_autofree char *text = NULL;
          g_auto(GStrv) lines = NULL;

          if (!g_str_has_suffix (entry, ".txt") || !g_file_get_contents (path, &text, NULL, NULL))
            continue;
          lines = g_strsplit (text, "\n", -1);
          for (guint i = 0; lines[i]; i++)
            {
              g_auto(GStrv) words = g_strsplit (lines[i], " ", -1);
              assert_same_keys (lines[i]);
              for (guint w = 0; words[w]; w++)
                assert_same_keys (words[w]);
            }
        }
    }
  g_test_message ("%u strings compared", n_compared);
  g_assert_cmpuint (n_compared, >, 25000);
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
  g_test_add_func ("/text/keys-identical", test_keys_identical);

  return g_test_run ();
}
