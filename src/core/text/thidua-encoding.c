/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-encoding.c — legacy Vietnamese encodings to NFC UTF-8.
 *
 * Each 8-bit encoding is a table: bytes below 0x80 are ASCII, 0x80–0x9F
 * are the Windows-1252 punctuation Word writes for curly quotes and dashes
 * in every "ANSI" file, and 0xA0–0xFF are the encoding's own.  A byte
 * becomes a fixed piece of Unicode — a letter, or combining marks for the
 * VNI and Windows-1258 mark bytes — and NFC composes "a" + U+0302 + U+0301
 * into "ấ".  Only TCVN3 needs more: its capitals with tones do not exist
 * (they were typed in .VnTimeH fonts with the lower-case codes), so they
 * are restored from the case of the surrounding line.
 */
#include "config.h"
#include "thidua-encoding.h"
#include "thidua-text.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (thidua-encoding-error-quark, thidua_encoding_error)

/* Generated from glibc's CP1252, TCVN5712-1 (its lower half is TCVN3/ABC;
 * the upper-case slots ABC leaves empty keep their TCVN 5712 VN1 letters),
 * the VNI-Windows layout (base letter + mark byte) and CP1258. */
static const char * const cp1252_c1[32] = {
  /* 80 */ "€", "\uFFFD", "‚", "ƒ", "„", "…", "†", "‡",
  /* 88 */ "ˆ", "‰", "Š", "‹", "Œ", "\uFFFD", "Ž", "\uFFFD",
  /* 90 */ "\uFFFD", "‘", "’", "“", "”", "•", "–", "—",
  /* 98 */ "˜", "™", "š", "›", "œ", "\uFFFD", "ž", "Ÿ",
};
static const char * const tcvn3_high[96] = {
  /* A0 */ "\u00A0", "Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ",
  /* A8 */ "ă", "â", "ê", "ô", "ơ", "ư", "đ", "Ằ",
  /* B0 */ "\u0300", "\u0309", "\u0303", "\u0301", "\u0323", "à", "ả", "ã",
  /* B8 */ "á", "ạ", "Ẳ", "ằ", "ẳ", "ẵ", "ắ", "Ẵ",
  /* C0 */ "Ắ", "Ầ", "Ẩ", "Ẫ", "Ấ", "Ề", "ặ", "ầ",
  /* C8 */ "ẩ", "ẫ", "ấ", "ậ", "è", "Ể", "ẻ", "ẽ",
  /* D0 */ "é", "ẹ", "ề", "ể", "ễ", "ế", "ệ", "ì",
  /* D8 */ "ỉ", "Ễ", "Ế", "Ồ", "ĩ", "í", "ị", "ò",
  /* E0 */ "Ổ", "ỏ", "õ", "ó", "ọ", "ồ", "ổ", "ỗ",
  /* E8 */ "ố", "ộ", "ờ", "ở", "ỡ", "ớ", "ợ", "ù",
  /* F0 */ "Ỗ", "ủ", "ũ", "ú", "ụ", "ừ", "ử", "ữ",
  /* F8 */ "ứ", "ự", "ỳ", "ỷ", "ỹ", "ý", "ỵ", "Ố",
};
static const char * const vni_high[96] = {
  /* A0 */ "\u00A0", "¡", "¢", "£", "¤", "¥", "¦", "§",
  /* A8 */ "¨", "©", "ª", "«", "¬", "\u00AD", "®", "¯",
  /* B0 */ "°", "±", "²", "³", "´", "µ", "¶", "·",
  /* B8 */ "¸", "¹", "º", "»", "¼", "½", "¾", "¿",
  /* C0 */ "\u0302\u0300", "\u0302\u0301", "\u0302", "\u0302\u0303", "\u0302\u0323", "\u0302\u0309", "Ỉ", "Ç",
  /* C8 */ "\u0306\u0300", "\u0306\u0301", "\u0306", "\u0306\u0323", "Ì", "Í", "Ỵ", "\u0323",
  /* D0 */ "Ð", "Đ", "Ị", "Ĩ", "Ơ", "\u0303", "Ư", "×",
  /* D8 */ "\u0300", "\u0301", "\u0306\u0309", "\u0309", "\u0306\u0303", "Ý", "Þ", "ß",
  /* E0 */ "\u0302\u0300", "\u0302\u0301", "\u0302", "\u0302\u0303", "\u0302\u0323", "\u0302\u0309", "ỉ", "ç",
  /* E8 */ "\u0306\u0300", "\u0306\u0301", "\u0306", "\u0306\u0323", "ì", "í", "ỵ", "\u0323",
  /* F0 */ "ð", "đ", "ị", "ĩ", "ơ", "\u0303", "ư", "÷",
  /* F8 */ "\u0300", "\u0301", "\u0306\u0309", "\u0309", "\u0306\u0303", "ý", "þ", "ÿ",
};
static const char * const cp1258_high[96] = {
  /* A0 */ "\u00A0", "¡", "¢", "£", "¤", "¥", "¦", "§",
  /* A8 */ "¨", "©", "ª", "«", "¬", "\u00AD", "®", "¯",
  /* B0 */ "°", "±", "²", "³", "´", "µ", "¶", "·",
  /* B8 */ "¸", "¹", "º", "»", "¼", "½", "¾", "¿",
  /* C0 */ "À", "Á", "Â", "Ă", "Ä", "Å", "Æ", "Ç",
  /* C8 */ "È", "É", "Ê", "Ë", "\u0300", "Í", "Î", "Ï",
  /* D0 */ "Đ", "Ñ", "\u0309", "Ó", "Ô", "Ơ", "Ö", "×",
  /* D8 */ "Ø", "Ù", "Ú", "Û", "Ü", "Ư", "\u0303", "ß",
  /* E0 */ "à", "á", "â", "ă", "ä", "å", "æ", "ç",
  /* E8 */ "è", "é", "ê", "ë", "\u0301", "í", "î", "ï",
  /* F0 */ "đ", "ñ", "\u0323", "ó", "ô", "ơ", "ö", "÷",
  /* F8 */ "ø", "ù", "ú", "û", "ü", "ư", "₫", "ÿ",
};

static const char * const encoding_names[] = {
  "auto", "utf-8", "utf-16", "tcvn3", "vni", "cp1258",
};

const char *
thidua_encoding_to_string (ThiduaEncoding encoding)
{
  g_return_val_if_fail (encoding <= THIDUA_ENCODING_CP1258, "auto");
  return encoding_names[encoding];
}

gboolean
thidua_encoding_from_string (const char *s, ThiduaEncoding *out)
{
  static const struct { const char *alias; ThiduaEncoding encoding; } aliases[] = {
    { "utf8", THIDUA_ENCODING_UTF8 },
    { "utf16", THIDUA_ENCODING_UTF16 },
    { "abc", THIDUA_ENCODING_TCVN3 },
    { "windows-1258", THIDUA_ENCODING_CP1258 },
  };

  if (s == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (encoding_names); i++)
    if (g_ascii_strcasecmp (s, encoding_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (s, aliases[i].alias) == 0)
      {
        *out = aliases[i].encoding;
        return TRUE;
      }
  return FALSE;
}

typedef enum {
  TABLE_TCVN3,
  TABLE_VNI,
  TABLE_CP1258,
} Table;

static const char *
table_lookup (Table table, guint8 b)
{
  if (b >= 0xA0)
    {
      switch (table)
        {
        case TABLE_TCVN3: return tcvn3_high[b - 0xA0];
        case TABLE_VNI: return vni_high[b - 0xA0];
        case TABLE_CP1258: return cp1258_high[b - 0xA0];
        default: g_assert_not_reached ();
        }
    }
  /* Windows-1258 leaves out the four letters with a caron. */
  if (table == TABLE_CP1258 && (b == 0x8A || b == 0x8E || b == 0x9A || b == 0x9E))
    return "\uFFFD";
  return cp1252_c1[b - 0x80];
}

/* Already NFC: ASCII, Latin letters (Vietnamese ones included) and common
 * punctuation, none of which changes under NFC, with no combining mark. */
static gboolean
is_plain_nfc (const char *s, gsize len)
{
  const char *end = s + len;

  for (const char *p = s; p < end; p = g_utf8_next_char (p))
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        continue;
      c = g_utf8_get_char (p);
      if (!((c >= 0x00A0 && c <= 0x024F) || (c >= 0x1E00 && c <= 0x1EFF)
            || (c >= 0x2010 && c <= 0x205E) || c == 0x20AB || c == 0x20AC || c == 0xFFFD))
        return FALSE;
    }
  return TRUE;
}

/* GLib's normaliser is quadratic in the length of what it is given, so
 * long text goes through it in short pieces, each ending before an ASCII
 * character (nothing composes across one). */
#define NFC_PIECE 256

char *
thidua_encoding_nfc (const char *s, gssize len)
{
  gsize n = len < 0 ? strlen (s) : (gsize) len, start = 0;
  GString *out;

  if (is_plain_nfc (s, n))
    return g_strndup (s, n);
  out = g_string_sized_new (n + 1);
  while (start < n)
    {
      gsize end = MIN (start + NFC_PIECE, n);
      g_autofree char *piece = NULL;

      while (end < n && (guchar) s[end] >= 0x80)
        end++;
      piece = g_utf8_normalize (s + start, end - start, G_NORMALIZE_NFC);
      if (piece != NULL)
        g_string_append (out, piece);
      start = end;
    }
  return g_string_free (out, FALSE);
}

static char *
nfc_take (GString *s)
{
  char *nfc = thidua_encoding_nfc (s->str, s->len);

  g_string_free (s, TRUE);
  return nfc;
}

static char *
decode_table (Table table, const guint8 *data, gsize len)
{
  GString *out = g_string_sized_new (len + len / 2 + 1);

  for (gsize i = 0; i < len; i++)
    {
      guint8 b = data[i];

      if (b < 0x80)
        g_string_append_c (out, b != 0 ? (char) b : ' ');
      else
        g_string_append (out, table_lookup (table, b));
    }
  return nfc_take (out);
}

char *
thidua_encoding_decode_vni (const guint8 *data, gsize len)
{
  return decode_table (TABLE_VNI, data, len);
}

char *
thidua_encoding_decode_cp1258 (const guint8 *data, gsize len)
{
  return decode_table (TABLE_CP1258, data, len);
}

/* TCVN3 bytes that stand for a lower-case letter (and so may be a capital
 * typed in a .VnTimeH font), and those that are capitals. */
static gboolean
tcvn3_is_lower (guint8 b)
{
  if (b < 0xA8)
    return FALSE;
  if (b >= 0xB0 && b <= 0xB4)   /* combining marks */
    return FALSE;
  return g_unichar_islower (g_utf8_get_char (tcvn3_high[b - 0xA0]));
}

static gboolean
tcvn3_is_upper (guint8 b)
{
  if (b < 0x80)
    return g_ascii_isupper (b);
  if (b <= 0xA0)
    return FALSE;
  return g_unichar_isupper (g_utf8_get_char (tcvn3_high[b - 0xA0]));
}

static gboolean
tcvn3_is_letter (guint8 b)
{
  return g_ascii_isalpha (b) || tcvn3_is_lower (b) || tcvn3_is_upper (b);
}

/* A line is in capitals when it has no ASCII lower-case letter and either
 * one word shows a lower-case code between capitals ("HO¹CH", "TR¦êNG",
 * "CHñ") or, with no digit about (the number line "Sè: 15/KH" must stay
 * "Số"), at least two words read as a capital followed by lower-case codes
 * only ("Së Y TÕ").  A lone "KÕ" cannot be told from "Kế" and stays so. */
static gboolean
tcvn3_line_is_capitals (const guint8 *line, gsize len)
{
  guint strong = 0, weak = 0;
  gboolean digits = FALSE;
  gsize i = 0;

  while (i < len)
    {
      guint uppers = 0, lowers = 0;
      gboolean first_upper, pending_lower = FALSE, is_strong = FALSE;
      gsize start;

      if (g_ascii_islower (line[i]))
        return FALSE;
      if (g_ascii_isdigit (line[i]))
        digits = TRUE;
      if (!tcvn3_is_letter (line[i]))
        {
          i++;
          continue;
        }

      start = i;
      first_upper = tcvn3_is_upper (line[i]);
      for (; i < len && tcvn3_is_letter (line[i]); i++)
        {
          if (g_ascii_islower (line[i]))
            return FALSE;
          if (tcvn3_is_upper (line[i]))
            {
              uppers++;
              if (pending_lower)
                is_strong = TRUE;
            }
          else
            {
              lowers++;
              pending_lower = TRUE;
              if (uppers >= 2)
                is_strong = TRUE;
            }
        }
      if (is_strong)
        strong++;
      else if (first_upper && uppers == 1 && lowers > 0 && i - start == lowers + 1)
        weak++;
    }
  return strong > 0 || (weak >= 2 && !digits);
}

char *
thidua_encoding_decode_tcvn3 (const guint8 *data, gsize len)
{
  GString *out = g_string_sized_new (len + len / 2 + 1);
  gsize line_start = 0;

  while (line_start < len)
    {
      const guint8 *nl = memchr (data + line_start, '\n', len - line_start);
      gsize line_end = nl != NULL ? (gsize) (nl - data) + 1 : len;
      gboolean capitals = tcvn3_line_is_capitals (data + line_start, line_end - line_start);

      for (gsize i = line_start; i < line_end; i++)
        {
          guint8 b = data[i];

          if (b < 0x80)
            g_string_append_c (out, b != 0 ? (char) b : ' ');
          else if (capitals && tcvn3_is_lower (b))
            g_string_append_unichar (out, g_unichar_toupper (g_utf8_get_char (tcvn3_high[b - 0xA0])));
          else
            g_string_append (out, table_lookup (TABLE_TCVN3, b));
        }
      line_start = line_end;
    }
  return nfc_take (out);
}

static char *
invalid_utf8_error (const char *what, const guint8 *data, gsize len, const char *end,
                    GError **error)
{
  gsize offset = (const guint8 *) end - data;
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  if (memchr (data, 0, len) != NULL)
    g_set_error (error, THIDUA_ENCODING_ERROR, THIDUA_ENCODING_ERROR_BINARY,
                 _("the file holds NUL bytes: it is not %s text"), what);
  else
    g_set_error (error, THIDUA_ENCODING_ERROR, THIDUA_ENCODING_ERROR_INVALID,
                 _("not valid %s at byte %lu (line %u)"), what, (gulong) offset, line);
  return NULL;
}

char *
thidua_encoding_decode_utf8 (const guint8 *data, gsize len, GError **error)
{
  const char *end;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (!g_utf8_validate_len ((const char *) data, len, &end))
    return invalid_utf8_error ("UTF-8", data, len, end, error);
  return thidua_encoding_nfc ((const char *) data, len);
}

/* Text is mostly ASCII or Vietnamese letters, so in UTF-16 one half of the
 * byte pairs is full of NULs: on the odd side for LE, the even side for BE.
 * Returns 0 (not UTF-16), 'L' or 'B'. */
static int
utf16_guess (const guint8 *data, gsize len)
{
  gsize n = MIN (len, 65536) & ~(gsize) 1;
  gsize pairs = n / 2, zeros_even = 0, zeros_odd = 0;

  if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    return 'L';
  if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    return 'B';
  if (pairs == 0)
    return 0;
  for (gsize i = 0; i < n; i += 2)
    {
      zeros_even += data[i] == 0;
      zeros_odd += data[i + 1] == 0;
    }
  if (zeros_odd * 8 >= pairs && zeros_even * 64 <= pairs)
    return 'L';
  if (zeros_even * 8 >= pairs && zeros_odd * 64 <= pairs)
    return 'B';
  return 0;
}

char *
thidua_encoding_decode_utf16 (const guint8 *data, gsize len, GError **error)
{
  g_autofree gunichar2 *units = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *utf8 = NULL;
  glong written = 0;
  gboolean big_endian = utf16_guess (data, len) == 'B';
  gsize n;

  if (len % 2 != 0)
    {
      g_set_error (error, THIDUA_ENCODING_ERROR, THIDUA_ENCODING_ERROR_INVALID,
                   _("not valid UTF-16: odd number of bytes (%lu)"), (gulong) len);
      return NULL;
    }
  n = len / 2;
  units = g_new (gunichar2, n + 1);
  for (gsize i = 0; i < n; i++)
    units[i] = big_endian ? (data[2 * i] << 8) | data[2 * i + 1]
                          : data[2 * i] | (data[2 * i + 1] << 8);
  units[n] = 0;

  utf8 = g_utf16_to_utf8 (units, n, NULL, &written, &local_error);
  if (utf8 == NULL)
    {
      g_set_error (error, THIDUA_ENCODING_ERROR, THIDUA_ENCODING_ERROR_INVALID,
                   _("not valid UTF-16%s: %s"), big_endian ? "BE" : "LE", local_error->message);
      return NULL;
    }
  if ((gsize) written != strlen (utf8))
    {
      g_set_error (error, THIDUA_ENCODING_ERROR, THIDUA_ENCODING_ERROR_BINARY,
                   _("the file holds NUL characters: it is not text"));
      return NULL;
    }
  return thidua_encoding_nfc (g_str_has_prefix (utf8, "\xEF\xBB\xBF") ? utf8 + 3 : utf8, -1);
}

/* --- Vietnamese syllables, for detection ------------------------------- */

/* A letter written as one code: a e i o u y and the consonants as
 * themselves, ă=1 â=2 ê=3 ô=4 ơ=5 ư=6, đ=D. */
static const char * const nuclei[] = {
  "a", "1", "2", "e", "3", "i", "o", "4", "5", "u", "6", "y",
  "ai", "ao", "au", "ay", "2u", "2y", "eo", "3u", "ia", "i3", "iu", "oa", "o1", "oe",
  "oi", "oo", "4i", "5i", "ua", "u2", "u3", "ui", "u4", "u5", "uy", "6a", "6i", "65",
  "6u", "y3", "i3u", "oai", "oao", "oay", "oeo", "u2y", "u4i", "uya", "uy3", "uyu",
  "65i", "65u", "y3u",
};
static const char * const onsets[] = {
  "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
  "b", "c", "d", "D", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
};
static const char * const codas[] = {
  "ng", "nh", "ch", "c", "m", "n", "p", "t", "",
};

static gboolean
is_nucleus (const char *s, gsize len)
{
  for (guint i = 0; i < G_N_ELEMENTS (nuclei); i++)
    if (strlen (nuclei[i]) == len && memcmp (nuclei[i], s, len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_syllable (const char *code, gsize len)
{
  /* "nghiêng" is as long as a syllable gets */
  if (len > 7)
    return FALSE;
  for (guint o = 0; o < G_N_ELEMENTS (onsets); o++)
    {
      gsize ol = strlen (onsets[o]);

      if (ol > len || memcmp (code, onsets[o], ol) != 0)
        continue;
      for (guint c = 0; c < G_N_ELEMENTS (codas); c++)
        {
          gsize cl = strlen (codas[c]);

          if (ol + cl >= len || len - ol - cl > 3 || memcmp (code + len - cl, codas[c], cl) != 0)
            continue;
          if (is_nucleus (code + ol, len - ol - cl))
            return TRUE;
        }
    }
  return FALSE;
}

/* Codes one letter; FALSE when it is no Vietnamese letter at all. */
static gboolean
code_letter (gunichar c, char *code, guint *tones)
{
  gunichar d[8];
  gsize n;
  char base;
  gunichar quality = 0;

  c = g_unichar_tolower (c);
  if (c == 0x0111)
    {
      *code = 'D';
      return TRUE;
    }
  n = g_unichar_fully_decompose (c, FALSE, d, G_N_ELEMENTS (d));
  if (n == 0 || d[0] >= 0x80 || !g_ascii_isalpha (d[0]))
    return FALSE;
  base = g_ascii_tolower (d[0]);
  for (gsize i = 1; i < n; i++)
    {
      switch (d[i])
        {
        case 0x0300: case 0x0301: case 0x0303: case 0x0309: case 0x0323:
          (*tones)++;
          break;
        case 0x0306: case 0x0302: case 0x031B:
          if (quality != 0)
            return FALSE;
          quality = d[i];
          break;
        default:
          return FALSE;
        }
    }
  if (quality == 0)
    *code = base;
  else if (quality == 0x0306 && base == 'a')
    *code = '1';
  else if (quality == 0x0302 && (base == 'a' || base == 'e' || base == 'o'))
    *code = base == 'a' ? '2' : base == 'e' ? '3' : '4';
  else if (quality == 0x031B && (base == 'o' || base == 'u'))
    *code = base == 'o' ? '5' : '6';
  else
    return FALSE;
  return TRUE;
}

int
thidua_encoding_score_vietnamese (const char *text, gssize len)
{
  const char *p = text, *end;
  int score = 0;

  if (len < 0)
    len = strlen (text);
  end = text + len;
  while (p < end)
    {
      char code[16];
      guint n = 0, tones = 0;
      gboolean valid = TRUE, non_ascii = FALSE;

      /* A word: letters and the marks NFC left over. */
      while (p < end)
        {
          gunichar c = g_utf8_get_char_validated (p, end - p);

          if (c == (gunichar) -1 || c == (gunichar) -2)
            return score;
          if (!g_unichar_isalpha (c) && !g_unichar_ismark (c))
            break;
          non_ascii |= c >= 0x80;
          if (n >= sizeof code || !code_letter (c, &code[n], &tones))
            valid = FALSE;
          n++;
          p = g_utf8_next_char (p);
        }
      if (n > 0 && non_ascii)
        score += valid && tones <= 1 && is_syllable (code, n) ? 1 : -1;
      if (p < end && n == 0)
        p = g_utf8_next_char (p);
    }
  return score;
}

/* --- detection -------------------------------------------------------- */

/* Enough to judge by; the rest of a big file is decoded, not scored. */
#define SAMPLE_SIZE (8 * 1024)

static ThiduaEncoding
best_legacy (const guint8 *data, gsize len, int *best_score)
{
  static const ThiduaEncoding order[] = {
    THIDUA_ENCODING_CP1258, THIDUA_ENCODING_TCVN3, THIDUA_ENCODING_VNI,
  };
  ThiduaEncoding best = THIDUA_ENCODING_CP1258;
  gsize n = MIN (len, SAMPLE_SIZE);

  *best_score = G_MININT;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autofree char *text = NULL;
      int score;

      switch (order[i])
        {
        case THIDUA_ENCODING_TCVN3: text = thidua_encoding_decode_tcvn3 (data, n); break;
        case THIDUA_ENCODING_VNI: text = thidua_encoding_decode_vni (data, n); break;
        default: text = thidua_encoding_decode_cp1258 (data, n); break;
        }
      score = text != NULL ? thidua_encoding_score_vietnamese (text, -1) : G_MININT;
      if (score > *best_score)
        {
          *best_score = score;
          best = order[i];
        }
    }
  return best;
}

ThiduaEncoding
thidua_encoding_detect (const guint8 *data, gsize len)
{
  int score;

  g_return_val_if_fail (data != NULL || len == 0, THIDUA_ENCODING_UTF8);

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    return THIDUA_ENCODING_UTF8;
  if (utf16_guess (data, len) != 0)
    return THIDUA_ENCODING_UTF16;
  if (g_utf8_validate_len ((const char *) data, len, NULL))
    return THIDUA_ENCODING_UTF8;
  return best_legacy (data, len, &score);
}

/* The byte Windows-1252 gives c, or -1. */
static int
cp1252_byte (gunichar c)
{
  if (c < 0x80 || (c >= 0xA0 && c <= 0xFF))
    return (int) c;
  for (guint i = 0; i < G_N_ELEMENTS (cp1252_c1); i++)
    if (c != 0xFFFD && g_utf8_get_char (cp1252_c1[i]) == c)
      return 0x80 + i;
  return -1;
}

char *
thidua_encoding_repair_latin1 (const char *text, ThiduaEncoding *used)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  gboolean high = FALSE;
  ThiduaEncoding best;
  int best_score, own_score;
  gsize n = 0;

  for (const char *p = text; *p != '\0' && n < SAMPLE_SIZE; p = g_utf8_next_char (p), n++)
    {
      int b = cp1252_byte (g_utf8_get_char (p));

      if (b < 0)
        return NULL;
      high |= b >= 0x80;
    }
  if (!high)
    return NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int b = cp1252_byte (g_utf8_get_char (p));
      guint8 byte;

      if (b < 0)
        return NULL;
      byte = (guint8) b;
      g_byte_array_append (bytes, &byte, 1);
    }

  own_score = thidua_encoding_score_vietnamese (text, MIN (strlen (text), SAMPLE_SIZE));
  best = best_legacy (bytes->data, bytes->len, &best_score);
  if (best == THIDUA_ENCODING_CP1258 || best_score <= own_score || best_score < 2)
    return NULL;
  *used = best;
  return best == THIDUA_ENCODING_TCVN3 ? thidua_encoding_decode_tcvn3 (bytes->data, bytes->len)
                                       : thidua_encoding_decode_vni (bytes->data, bytes->len);
}

/* Control characters other than tab, line ends, form feed and the DOS
 * end-of-file mark: more than one in a hundred characters is not text. */
static gboolean
looks_binary (const char *text)
{
  gsize chars = 0, controls = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      chars++;
      if (g_unichar_iscntrl (c) && c != '\t' && c != '\n' && c != '\r' && c != '\f'
          && c != 0x1A)
        controls++;
    }
  return controls * 100 > chars;
}

char *
thidua_encoding_decode (const guint8 *data, gsize len, ThiduaEncoding encoding,
                        ThiduaEncoding *used, GError **error)
{
  g_autofree char *text = NULL;
  ThiduaEncoding actual = encoding;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  if (data == NULL)
    data = (const guint8 *) "";

  if (actual == THIDUA_ENCODING_AUTO)
    actual = thidua_encoding_detect (data, len);

  switch (actual)
    {
    case THIDUA_ENCODING_UTF8:
      text = thidua_encoding_decode_utf8 (data, len, error);
      if (text != NULL && encoding == THIDUA_ENCODING_AUTO)
        {
          ThiduaEncoding repaired_as;
          char *repaired = thidua_encoding_repair_latin1 (text, &repaired_as);

          if (repaired != NULL)
            {
              g_free (text);
              text = repaired;
              actual = repaired_as;
            }
        }
      break;
    case THIDUA_ENCODING_UTF16:
      text = thidua_encoding_decode_utf16 (data, len, error);
      break;
    case THIDUA_ENCODING_TCVN3:
    case THIDUA_ENCODING_VNI:
    case THIDUA_ENCODING_CP1258:
      if (memchr (data, 0, len) != NULL)
        {
          g_set_error (error, THIDUA_ENCODING_ERROR, THIDUA_ENCODING_ERROR_BINARY,
                       _("the file holds NUL bytes: it is not text"));
          return NULL;
        }
      text = actual == THIDUA_ENCODING_TCVN3 ? thidua_encoding_decode_tcvn3 (data, len)
           : actual == THIDUA_ENCODING_VNI ? thidua_encoding_decode_vni (data, len)
           : thidua_encoding_decode_cp1258 (data, len);
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  if (text == NULL)
    return NULL;
  if (looks_binary (text))
    {
      g_set_error (error, THIDUA_ENCODING_ERROR, THIDUA_ENCODING_ERROR_BINARY,
                   _("the file holds control characters: it is not text"));
      return NULL;
    }
  if (used != NULL)
    *used = actual;
  return g_steal_pointer (&text);
}
