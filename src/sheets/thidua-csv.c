/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-csv.c — reading and writing CSV. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-csv.h"
#include "thidua-text.h"
#include "thidua-input.h"

#include <string.h>

/* Returns UTF-8 (BOM removed) or NULL with an error naming the file:
 * data itself when it is UTF-8 already (a 100,000-row file is megabytes,
 * and copying it cost page faults), else a converted copy, also in *owned. */
static const char *
decode (const char *name, const char *data, gsize len, gsize *out_len, char **owned, GError **error)
{
  const guchar *u = (const guchar *) data;
  const char *from = NULL;
  gsize skip = 0;
  g_autoptr(GError) local = NULL;
  char *utf8;

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
      if (g_utf8_validate_len (data + skip, len - skip, NULL))
        {
          *out_len = len - skip;
          *owned = NULL;
          return data + skip;
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
      return NULL;
    }
  *owned = utf8;
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

static char **
finish_row (GPtrArray *cells)
{
  g_ptr_array_add (cells, NULL);
  return (char **) g_ptr_array_free (cells, FALSE);
}

static void
add_cell (GPtrArray *cells, GString *cell)
{
  /* the text was validated as a whole; most cells are NFC already and
   * thidua_text_nfc returns those without the costly normalisation */
  char *nfc = thidua_text_nfc (cell->str, cell->len);
  g_ptr_array_add (cells, nfc ? nfc : g_strdup (""));
  g_string_truncate (cell, 0);
}

ThiduaTable *
thidua_csv_parse (const char *name, const char *data, gsize len, GError **error)
{
  g_autoptr(ThiduaTable) table = thidua_table_new ();
  g_autofree char *owned = NULL;
  const char *text;
  g_autoptr(GString) cell = g_string_new (NULL);
  /* owns its strings until a row takes them: an error frees them all */
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  gsize n = 0, n_cells = 0;
  char sep;
  guint record = 1, quote_line = 0, line = 1;
  gboolean quoted = FALSE, any = FALSE;

  text = decode (name, data, len, &n, &owned, error);
  if (text == NULL)
    {
      g_ptr_array_free (cells, TRUE);
      return NULL;
    }
  sep = thidua_csv_guess_separator (text, n);

  for (gsize i = 0; i < n; i++)
    {
      char c = text[i];

      if (cell->len > CSV_MAX_CELL)
        {
          g_ptr_array_free (cells, TRUE);
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
                  g_string_append_c (cell, '"');
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
              g_string_append_c (cell, c);
            }
          continue;
        }

      if (c == '"' && cell->len == 0)
        {
          quoted = TRUE;
          quote_line = line;
          any = TRUE;
        }
      else if (c == sep)
        {
          add_cell (cells, cell);
          any = TRUE;
          if (++n_cells > CSV_MAX_CELLS)
            {
              g_ptr_array_free (cells, TRUE);
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
          add_cell (cells, cell);
          thidua_table_take_row (table, record++, finish_row (cells));
          cells = g_ptr_array_new_with_free_func (g_free);
          any = FALSE;
          if (record > CSV_MAX_ROWS)
            {
              g_ptr_array_free (cells, TRUE);
              g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                           _("%s: more than %u rows"), name, CSV_MAX_ROWS);
              return NULL;
            }
        }
      else
        {
          /* the run of plain characters up to the next separator, quote or
           * line end at once, stopping where the cap above would refuse it */
          gsize end = i + 1, room = CSV_MAX_CELL + 1 - cell->len;

          while (end < n && end - i < room && text[end] != sep && text[end] != '"'
                 && text[end] != '\r' && text[end] != '\n')
            end++;
          g_string_append_len (cell, text + i, end - i);
          i = end - 1;
          any = TRUE;
        }
    }
  if (quoted)
    {
      g_ptr_array_free (cells, TRUE);
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: the quote opened on line %u is never closed"), name, quote_line);
      return NULL;
    }
  if (any || cell->len > 0)
    {
      add_cell (cells, cell);
      thidua_table_take_row (table, record, finish_row (cells));
    }
  else
    g_ptr_array_free (cells, TRUE);
  return g_steal_pointer (&table);
}

ThiduaTable *
thidua_csv_read (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len;

  if (!thidua_table_read_file (path, &data, &len, error))
    return NULL;
  return thidua_csv_parse (path, data, len, error);
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
