/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-csv.c — reading and writing CSV. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-csv.h"
#include "thidua-text.h"
#include "thidua-input.h"
#include "thidua-table-private.h"

#include <string.h>

/* TRUE when s is UTF-8 as g_utf8_validate_len() sees it (no NUL, no
 * overlong form, surrogate or code point past U+10FFFF), eight ASCII bytes
 * at a time.  *surely_nfc is set when every character is also one that NFC
 * leaves alone and that composes with nothing before it, as
 * thidua_text_is_surely_nfc() counts them (below U+0300, U+1E00–U+1EFF,
 * U+2002–U+20CF): then every cell of the text is NFC as it is. */
static gboolean
utf8_check (const char *s, gsize n, gboolean *surely_nfc)
{
  const guchar *p = (const guchar *) s, *end = p + n;
  gboolean nfc = TRUE;

  *surely_nfc = FALSE;
  while (p < end)
    {
      guchar c = *p;

      if ((gsize) (end - p) >= 8)
        {
          guint64 v, stop;

          memcpy (&v, p, 8);
          v = GUINT64_FROM_LE (v);
          /* the high bit of every byte that has it set or is zero (exact
           * for the lowest such byte) */
          stop = (v | ((v - G_GUINT64_CONSTANT (0x0101010101010101)) & ~v))
                 & G_GUINT64_CONSTANT (0x8080808080808080);
          if (stop == 0)
            {
              p += 8;
              continue;
            }
          /* over the ASCII before it */
#if defined (__GNUC__) || defined (__clang__)
          p += __builtin_ctzll (stop) / 8;
#else
          while ((stop & 0x80) == 0)
            {
              stop >>= 8;
              p++;
            }
#endif
          c = *p;
        }
      if (c < 0x80)
        {
          if (c == 0)
            return FALSE;
          p++;
        }
      else if (c < 0xC2)
        return FALSE;
      else if (c < 0xE0)
        {
          if (end - p < 2 || (p[1] & 0xC0) != 0x80)
            return FALSE;
          if (c >= 0xCC)        /* U+0300 and up */
            nfc = FALSE;
          p += 2;
        }
      else if (c < 0xF0)
        {
          gunichar u;

          if (end - p < 3 || (p[2] & 0xC0) != 0x80
              || (c == 0xE0 ? (p[1] & 0xE0) != 0xA0
                  : c == 0xED ? (p[1] & 0xE0) != 0x80
                  : (p[1] & 0xC0) != 0x80))
            return FALSE;
          u = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
          if (!((u >= 0x1E00 && u <= 0x1EFF) || (u >= 0x2002 && u <= 0x20CF)))
            nfc = FALSE;
          p += 3;
        }
      else if (c < 0xF5)
        {
          if (end - p < 4 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80
              || (c == 0xF0 ? (p[1] < 0x90 || p[1] > 0xBF)
                  : c == 0xF4 ? (p[1] & 0xF0) != 0x80
                  : (p[1] & 0xC0) != 0x80))
            return FALSE;
          nfc = FALSE;
          p += 4;
        }
      else
        return FALSE;
    }
  *surely_nfc = nfc;
  return TRUE;
}

/* The text as UTF-8 (BOM removed), NUL-terminated, in a buffer that
 * *buffer owns: data itself when it is UTF-8 already and take is set (a
 * 100,000-row file is megabytes, and copying it cost page faults), else a
 * copy or a converted copy.  NULL with an error naming the file.
 * *surely_nfc: every cell is NFC without looking at it (utf8_check()). */
static char *
decode (const char *name, char *data, gsize len, gboolean take, gsize *out_len,
        char **buffer, gboolean *surely_nfc, GError **error)
{
  const guchar *u = (const guchar *) data;
  const char *from = NULL;
  gsize skip = 0;
  g_autoptr(GError) local = NULL;
  char *utf8;

  *surely_nfc = FALSE;
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    skip = 3;
  else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
    from = "UTF-16LE", skip = 2;
  else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
    from = "UTF-16BE", skip = 2;
  else if (len >= 4 && u[1] == 0 && u[3] == 0 && u[0] != 0)
    from = "UTF-16LE";  /* no BOM, but ASCII with zero high bytes */
  else if (len >= 4 && u[0] == 0 && u[2] == 0 && u[1] != 0)
    from = "UTF-16BE";

  if (from == NULL)
    {
      if (utf8_check (data + skip, len - skip, surely_nfc))
        {
          *out_len = len - skip;
          if (take)
            {
              *buffer = data;
              return data + skip;
            }
          *buffer = g_malloc (len - skip + 1);
          memcpy (*buffer, data + skip, len - skip);
          (*buffer)[len - skip] = '\0';
          return *buffer;
        }
      /* Vietnamese Windows' ANSI code page; glibc's iconv knows it. */
      from = "CP1258";
    }
  utf8 = g_convert (data + skip, len - skip, "UTF-8", from, NULL, out_len, &local);
  if (utf8 == NULL)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_ENCODING,
                   _("%s: the text is neither UTF-8, UTF-16 nor Windows-1258 (%s); "
                   "save it again as “CSV UTF-8”"), name, local->message);
      if (take)
        g_free (data);
      return NULL;
    }
  if (take)
    g_free (data);
  /* a conversion may hold NUL characters: each cell is then checked */
  *buffer = utf8;
  return utf8;
}

char
thidua_csv_guess_separator (const char *s, gsize len)
{
  guint counts[3] = { 0 };
  const char seps[3] = { ',', ';', '\t' };
  gboolean quoted = FALSE;
  guint lines = 0;
  guint best = 0;

  /* Count outside quotes over the first lines: headers hold commas inside
   * quotes ("Chức vụ, đơn vị") but never unquoted by accident. */
  for (gsize i = 0; i < len && lines < 20; i++)
    {
      char c = s[i];
      if (c == '"')
        quoted = !quoted;
      else if (!quoted && c == '\n')
        lines++;
      else if (!quoted)
        for (guint k = 0; k < 3; k++)
          if (c == seps[k])
            counts[k]++;
    }
  for (guint k = 1; k < 3; k++)
    if (counts[k] > counts[best])
      best = k;
  return seps[best];
}

/* Caps, as for workbooks: a 64 MB file of commas would be 64 million cells. */
#define CSV_MAX_ROWS   120000   /* 100,000 registrations with their heading rows */
#define CSV_MAX_CELLS  2000000
#define CSV_MAX_CELL   (128 * 1024)

static gsize
count_bytes (const char *s, gsize n, char c)
{
  const char *end = s + n;
  gsize count = 0;

  while ((s = memchr (s, c, (gsize) (end - s))) != NULL)
    {
      count++;
      s++;
    }
  return count;
}

/* The cell [start, end) of the table's buffer, its end overwritten with
 * NUL: itself when the text is NFC for sure, else its NFC in the table
 * ("" when it is not UTF-8: a NUL from a conversion). */
static const char *
end_cell (ThiduaTable *table, char *start, char *end, gboolean surely_nfc)
{
  g_autofree char *nfc = NULL;
  gsize len = (gsize) (end - start);

  *end = '\0';
  if (len == 0)
    return "";
  if (surely_nfc)
    return start;
  if ((nfc = thidua_text_nfc (start, (gssize) len)) == NULL)
    return "";
  if (strcmp (nfc, start) == 0)
    return start;
  return thidua_table_insert_text (table, nfc, strlen (nfc));
}

/* Parses data (len bytes, then one NUL when take is set) into a table;
 * with take, data is the caller's no more. */
static ThiduaTable *
parse (const char *name, char *data, gsize len, gboolean take, GError **error)
{
  g_autoptr(ThiduaTable) table = thidua_table_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();  /* the row's, not owned */
  char *buffer = NULL, *text, *cell, *w;
  gsize n = 0, n_cells = 0;
  char sep;
  guint record = 1, quote_line = 0, line = 1;
  gboolean quoted = FALSE, any = FALSE, surely_nfc;
  guchar stop[256] = { 0 };

  text = decode (name, data, len, take, &n, &buffer, &surely_nfc, error);
  if (text == NULL)
    return NULL;
  thidua_table_adopt_buffer (table, buffer);
  sep = thidua_csv_guess_separator (text, n);
  stop[(guchar) sep] = stop['"'] = stop['\r'] = stop['\n'] = 1;
  {
    /* as many rows as line ends and cells as separators at most, within
     * the caps: all the table's room taken at once */
    gsize n_rows = count_bytes (text, n, '\n') + count_bytes (text, n, '\r') + 1;
    gsize n_seps = count_bytes (text, n, sep);

    n_rows = MIN (n_rows, CSV_MAX_ROWS);
    thidua_table_reserve (table, (guint) n_rows, (guint) (MIN (n_seps, CSV_MAX_CELLS + 1) + n_rows));
  }

  /* Cells are cut out of the text where they are: what a cell keeps is
   * never longer than what was read for it ("" → ", CR LF → LF), so w, where
   * the cell's next byte goes, never passes i. */
  cell = w = text;
  for (gsize i = 0; i < n; i++)
    {
      char c = text[i];

      if ((gsize) (w - cell) > CSV_MAX_CELL)
        {
          g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                       _("%s: a cell on line %u is longer than %u bytes"), name, line, CSV_MAX_CELL);
          return NULL;
        }
      if (quoted)
        {
          if (c == '"')
            {
              if (i + 1 < n && text[i + 1] == '"')
                {
                  *w++ = '"';
                  i++;
                }
              else
                quoted = FALSE;
            }
          else
            {
              if (c == '\n')
                line++;
              /* keep line breaks inside a cell as \n */
              if (c == '\r')
                {
                  if (i + 1 < n && text[i + 1] == '\n')
                    continue;
                  c = '\n';
                }
              *w++ = c;
            }
          continue;
        }

      if (c == '"' && w == cell)
        {
          quoted = TRUE;
          quote_line = line;
          any = TRUE;
        }
      else if (c == sep)
        {
          g_ptr_array_add (cells, (gpointer) end_cell (table, cell, w, surely_nfc));
          cell = w = text + i + 1;
          any = TRUE;
          if (++n_cells > CSV_MAX_CELLS)
            {
              g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                           _("%s: more than %u cells"), name, CSV_MAX_CELLS);
              return NULL;
            }
        }
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && i + 1 < n && text[i + 1] == '\n')
            i++;
          line++;
          g_ptr_array_add (cells, (gpointer) end_cell (table, cell, w, surely_nfc));
          cell = w = text + i + 1;
          thidua_table_add_row (table, record++, (const char * const *) cells->pdata, cells->len);
          g_ptr_array_set_size (cells, 0);
          any = FALSE;
          if (record > CSV_MAX_ROWS)
            {
              g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                           _("%s: more than %u rows"), name, CSV_MAX_ROWS);
              return NULL;
            }
        }
      else
        {
          /* the run of plain characters up to the next separator, quote or
           * line end at once, stopping where the cap above would refuse it */
          gsize end = i + 1, limit = MIN (n, i + (CSV_MAX_CELL + 1 - (gsize) (w - cell)));

          while (end < limit && !stop[(guchar) text[end]])
            end++;
          if (w != text + i)
            memmove (w, text + i, end - i);
          w += end - i;
          i = end - 1;
          any = TRUE;
        }
    }
  if (quoted)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: the quote opened on line %u is never closed"), name, quote_line);
      return NULL;
    }
  if (any || w > cell)
    {
      g_ptr_array_add (cells, (gpointer) end_cell (table, cell, w, surely_nfc));
      thidua_table_add_row (table, record, (const char * const *) cells->pdata, cells->len);
    }
  return g_steal_pointer (&table);
}

ThiduaTable *
thidua_csv_parse (const char *name, const char *data, gsize len, GError **error)
{
  return parse (name, (char *) data, len, FALSE, error);
}

ThiduaTable *
thidua_csv_parse_owned (const char *name, char *data, gsize len, GError **error)
{
  return parse (name, data, len, TRUE, error);
}

ThiduaTable *
thidua_csv_read (const char *path, GError **error)
{
  char *data = NULL;
  gsize len;

  if (!thidua_table_read_file (path, &data, &len, error))
    return NULL;
  return thidua_csv_parse_owned (path, data, len, error);
}

/* A cell that a spreadsheet would run as a formula ("=HYPERLINK(…)",
 * "+1", "-2+3", "@SUM(…)", or one starting with a tab or carriage return)
 * is written with a leading apostrophe, as OWASP's "CSV injection" advice
 * says: Excel and LibreOffice then show it as text.  The apostrophe is
 * visible in other programs; README.md says so. */
static gboolean
looks_like_formula (const char *s)
{
  return s[0] != '\0' && strchr ("=+-@\t\r", s[0]) != NULL;
}

static void
append_field (GString *out, const char *s)
{
  if (looks_like_formula (s))
    {
      g_autofree char *neutral = g_strconcat ("'", s, NULL);
      const char *p;

      g_string_append_c (out, '"');
      for (p = neutral; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
      return;
    }
  if (strpbrk (s, ",;\"\r\n\t") == NULL && *s != ' ')
    {
      g_string_append (out, s);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

gboolean
thidua_csv_write (const char *path, const ThiduaTable *table, GError **error)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GError) local = NULL;

  for (guint i = 0; i < thidua_table_get_n_rows (table); i++)
    {
      const char * const *row = thidua_table_get_row (table, i, NULL);
      for (guint j = 0; row[j]; j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          append_field (out, row[j]);
        }
      g_string_append (out, "\r\n");
    }
  /* a new file renamed over the target: a link there is replaced, not followed */
  if (!thidua_output_set_contents (path, out->str, out->len, &local))
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_UNREADABLE, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}
