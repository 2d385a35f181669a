/* thidua-text.c — NFC, search folding and Vietnamese collation. */
#include "config.h"
#include "thidua-text.h"

#include <string.h>

char *
thidua_text_nfc (const char *s, gssize len)
{
  g_return_val_if_fail (s != NULL, NULL);
  if (!g_utf8_validate_len (s, len < 0 ? strlen (s) : (gsize) len, NULL))
    return NULL;
  return g_utf8_normalize (s, len, G_NORMALIZE_NFC);
}

/* NFD splits every toned letter into base + marks; đ has no decomposition,
 * so it is mapped by hand.  Marks (category Mn) are dropped. */
char *
thidua_text_fold (const char *s)
{
  g_autofree char *nfd = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (s == NULL)
    return g_strdup ("");
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
      if (c == 0x0111 || c == 0x0110) /* đ Đ */
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

gboolean
thidua_text_folded_match (const char *folded_haystack, const char *folded_needle)
{
  g_auto(GStrv) words = NULL;

  if (folded_needle == NULL || *folded_needle == '\0')
    return TRUE;
  if (folded_haystack == NULL)
    return FALSE;
  words = g_strsplit (folded_needle, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (folded_haystack, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

char *
thidua_text_strip (const char *s)
{
  const char *start, *end;

  if (s == NULL)
    return g_strdup ("");
  start = s;
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}
