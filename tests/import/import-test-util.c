/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import-test-util.c — see import-test-util.h. */
#include "import-test-util.h"

#include <string.h>

/* Windows-1252 punctuation, which legacy "ANSI" files carry below 0xA0. */
static int
cp1252_punct (gunichar c)
{
  static const struct { gunichar c; guint8 b; } map[] = {
    { 0x2026, 0x85 }, { 0x2018, 0x91 }, { 0x2019, 0x92 }, { 0x201C, 0x93 },
    { 0x201D, 0x94 }, { 0x2022, 0x95 }, { 0x2013, 0x96 }, { 0x2014, 0x97 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (map[i].c == c)
      return map[i].b;
  return -1;
}

static gboolean
has_tcvn3_capital (gunichar c)
{
  return c < 0x80 || c == 0x0102 || c == 0x00C2 || c == 0x00CA || c == 0x00D4 || c == 0x01A0
         || c == 0x01AF || c == 0x0110;
}

static GBytes *
encode_tcvn3 (const char *utf8)
{
  GByteArray *out = g_byte_array_new ();
  GIConv conv = g_iconv_open ("TCVN5712-1", "UTF-8");

  g_assert_true (conv != (GIConv) -1);
  for (const char *p = utf8; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char buf[8];
      gsize len;
      g_autofree char *enc = NULL;
      g_autoptr(GError) error = NULL;
      int punct = cp1252_punct (c);

      if (c < 0x80)
        {
          guint8 b = c;
          g_byte_array_append (out, &b, 1);
          continue;
        }
      if (punct >= 0)
        {
          guint8 b = punct;
          g_byte_array_append (out, &b, 1);
          continue;
        }
      /* .VnTimeH: a capital with a tone is typed with the lower-case code. */
      if (g_unichar_isupper (c) && !has_tcvn3_capital (c))
        c = g_unichar_tolower (c);
      len = g_unichar_to_utf8 (c, buf);
      enc = g_convert_with_iconv (buf, len, conv, NULL, &len, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (len, ==, 1);
      g_assert_cmpuint ((guint8) enc[0], >=, 0xA0);
      g_byte_array_append (out, (guint8 *) enc, 1);
    }
  g_iconv_close (conv);
  return g_byte_array_free_to_bytes (out);
}

/* VNI-Windows: the base letter, then one byte for the vowel's quality and
 * tone together; i, ỵ, đ, ơ and ư have bytes of their own. */
static GBytes *
encode_vni (const char *utf8)
{
  /* tone order: none, grave, acute, hook, tilde, dot below */
  static const guint8 plain[] = { 0, 0xF8, 0xF9, 0xFB, 0xF5, 0xEF };
  static const guint8 circumflex[] = { 0xE2, 0xE0, 0xE1, 0xE5, 0xE3, 0xE4 };
  static const guint8 breve[] = { 0xEA, 0xE8, 0xE9, 0xFA, 0xFC, 0xEB };
  static const guint8 i_toned[] = { 'i', 0xEC, 0xED, 0xE6, 0xF3, 0xF2 };
  GByteArray *out = g_byte_array_new ();

  for (const char *p = utf8; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p), d[4];
      gsize n;
      gboolean upper = g_unichar_isupper (c);
      gunichar base, quality = 0;
      guint tone = 0;
      guint8 b[2];
      guint nb = 0;
      int punct = cp1252_punct (c);

      if (c < 0x80)
        {
          b[nb++] = c;
          goto emit;
        }
      if (punct >= 0)
        {
          b[nb++] = punct;
          goto emit;
        }
      if (c == 0x0111 || c == 0x0110)
        {
          b[nb++] = upper ? 0xD1 : 0xF1;
          goto emit;
        }
      n = g_unichar_fully_decompose (c, FALSE, d, 4);
      g_assert_cmpuint (n, >=, 1);
      base = g_unichar_tolower (d[0]);
      if (n == 1 || base >= 0x80)
        {
          g_assert_cmpuint (c, <=, 0xBF);   /* Latin-1 signs pass as they are */
          b[nb++] = c;
          goto emit;
        }
      for (gsize i = 1; i < n; i++)
        switch (d[i])
          {
          case 0x0300: tone = 1; break;
          case 0x0301: tone = 2; break;
          case 0x0309: tone = 3; break;
          case 0x0303: tone = 4; break;
          case 0x0323: tone = 5; break;
          default: quality = d[i]; break;
          }

      if (base == 'i')
        b[nb++] = i_toned[tone];
      else if (base == 'y' && tone == 5)
        b[nb++] = 0xEE;
      else
        {
          const guint8 *marks = plain;

          if (quality == 0x031B)
            b[nb++] = base == 'o' ? 0xF4 : 0xF6;   /* ơ ư */
          else
            {
              b[nb++] = base;
              if (quality == 0x0302)
                marks = circumflex;
              else if (quality == 0x0306)
                marks = breve;
              else
                g_assert_cmpuint (quality, ==, 0);
            }
          if (marks[tone] != 0)
            b[nb++] = marks[tone];
        }
      /* Capitals: the same codes 0x20 lower (the base letter in ASCII). */
      if (upper)
        for (guint i = 0; i < nb; i++)
          b[i] = b[i] < 0x80 ? g_ascii_toupper (b[i]) : b[i] - 0x20;
    emit:
      g_byte_array_append (out, b, nb);
    }
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
convert (const char *utf8, const char *to, const char *prefix, gsize prefix_len)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *s = g_convert (utf8, -1, to, "UTF-8", NULL, &len, &error);
  GByteArray *out = g_byte_array_new ();

  g_assert_no_error (error);
  g_byte_array_append (out, (const guint8 *) prefix, prefix_len);
  g_byte_array_append (out, (const guint8 *) s, len);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
itest_encode (const char *utf8, const char *encoding)
{
  if (strcmp (encoding, "nfd") == 0)
    {
      char *s = g_utf8_normalize (utf8, -1, G_NORMALIZE_NFD);
      return g_bytes_new_take (s, strlen (s));
    }
  if (strcmp (encoding, "utf-16le-bom") == 0)
    return convert (utf8, "UTF-16LE", "\xFF\xFE", 2);
  if (strcmp (encoding, "utf-16be") == 0)
    return convert (utf8, "UTF-16BE", "", 0);
  if (strcmp (encoding, "cp1258") == 0)
    return convert (utf8, "CP1258", "", 0);
  if (strcmp (encoding, "tcvn3") == 0)
    return encode_tcvn3 (utf8);
  if (strcmp (encoding, "vni") == 0)
    return encode_vni (utf8);
  if (strcmp (encoding, "tcvn3-as-latin1") == 0)
    {
      g_autoptr(GBytes) tcvn3 = encode_tcvn3 (utf8);
      gsize len;
      const char *data = g_bytes_get_data (tcvn3, &len);
      g_autoptr(GError) error = NULL;
      char *s = g_convert (data, len, "UTF-8", "CP1252", NULL, &len, &error);

      g_assert_no_error (error);
      return g_bytes_new_take (s, len);
    }
  g_assert_not_reached ();
}

gboolean
itest_tcvn3_equal (const char *expected, const char *actual)
{
  const char *e = expected, *a = actual;

  while (*e != '\0' && *a != '\0')
    {
      gunichar ce = g_utf8_get_char (e), ca = g_utf8_get_char (a);

      if (ce != ca && !(g_unichar_isupper (ce) && !has_tcvn3_capital (ce)
                        && ca == g_unichar_tolower (ce)))
        return FALSE;
      e = g_utf8_next_char (e);
      a = g_utf8_next_char (a);
    }
  return *e == '\0' && *a == '\0';
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

char **
itest_seed_paths (void)
{
  const char *dir = g_getenv ("THIDUA_TEST_SEEDS");
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (dir);
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  g_ptr_array_add (paths, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}
