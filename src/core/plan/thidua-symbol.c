/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-symbol.c — the suggested symbol: type code and the issuing
 * body's initials (abbreviations kept whole). */
#include "config.h"
#include "thidua-symbol.h"
#include "thidua-text.h"

#include <string.h>


static const struct {
  const char *folded;
  const char *code;
} type_codes[] = {
  { "ke hoach", "KH" }, { "quyet dinh", "QĐ" }, { "bao cao", "BC" },
  { "to trinh", "TTr" }, { "thong bao", "TB" }, { "huong dan", "HD" },
  { "chuong trinh", "CTr" }, { "phuong an", "PA" }, { "de an", "ĐA" },
  { "bien ban", "BB" },
};

static void
append_initial (GString *out, const char *word)
{
  gunichar c = g_utf8_get_char (word);
  gunichar decomposed[4];
  gsize n;

  if (c == 0x0111 || c == 0x0110) /* đ Đ stay Đ */
    {
      g_string_append_unichar (out, 0x0110);
      return;
    }
  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  g_string_append_unichar (out, g_unichar_toupper (n > 0 ? decomposed[0] : c));
}

/* Base letters of an upper-case word, ASCII, Đ as D; NULL when a letter
 * is not upper case (then it is not an abbreviation). */
static char *
upper_base_letters (const char *word)
{
  GString *out = g_string_new (NULL);

  for (const char *p = word; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar d[4];
      gsize n;

      if (!g_unichar_isupper (c))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      if (c == 0x0110)
        c = 'D';
      n = g_unichar_fully_decompose (c, FALSE, d, G_N_ELEMENTS (d));
      g_string_append_c (out, n > 0 && d[0] < 128 ? (char) d[0] : '?');
    }
  return g_string_free (out, FALSE);
}

/* TRUE when the upper-case word cannot be one Vietnamese syllable
 * (onset, vowels, one of the allowed finals): UBND, LĐLĐ, THPT. */
static gboolean
is_acronym (const char *word)
{
  static const char * const onsets[] = {
    "NGH", "CH", "GH", "GI", "KH", "NG", "NH", "PH", "QU", "TH", "TR",
    "B", "C", "D", "G", "H", "K", "L", "M", "N", "P", "Q", "R", "S", "T", "V", "X", "",
  };
  static const char * const finals[] = { "", "C", "CH", "M", "N", "NG", "NH", "P", "T", "I", "O", "U", "Y" };
  g_autofree char *b = upper_base_letters (word);

  if (b == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (onsets); i++)
    {
      gsize n = strlen (onsets[i]);
      const char *p;

      if (strncmp (b, onsets[i], n) != 0)
        continue;
      p = b + n;
      if (*p == '\0' || strchr ("AEIOUY", *p) == NULL)
        continue;
      while (*p && strchr ("AEIOUY", *p) != NULL)
        p++;
      for (guint j = 0; j < G_N_ELEMENTS (finals); j++)
        if (strcmp (p, finals[j]) == 0)
          return FALSE;
    }
  return TRUE;
}

char *
thidua_suggest_symbol (const char        *type_name,
                       const char        *issuing_body,
                       ThiduaProfileKind  profile)
{
  g_autofree char *folded = thidua_text_fold (type_name ? type_name : "");
  g_autoptr(GString) abbr = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  const char *code = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (type_codes); i++)
    if (g_strcmp0 (folded, type_codes[i].folded) == 0)
      code = type_codes[i].code;
  if (code == NULL || issuing_body == NULL || *issuing_body == '\0')
    return g_strdup ("");

  words = g_strsplit_set (issuing_body, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      /* A word already written as an abbreviation (UBND, LĐLĐ, CĐCS) is
       * kept whole; a Vietnamese syllable gives its initial. */
      if (g_utf8_strlen (words[i], -1) >= 2 && is_acronym (words[i]))
        g_string_append (abbr, words[i]);
      else
        append_initial (abbr, words[i]);
    }

  return g_strdup_printf ("%s%s%s", code,
                          profile == THIDUA_PROFILE_PARTY ? "/" : "-", abbr->str);
}

