/* thidua-xlsx.c — .xlsx in and out. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-xlsx.h"
#include "thidua-text.h"

#include <libxml/xmlreader.h>
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

char *
thidua_xlsx_format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (fabs (v) < 1e15 && v == floor (v))
    return g_strdup_printf ("%.0f", v);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", v));
}

static GBytes *
read_entry (zip_t *zip, const char *name)
{
  zip_stat_t st;
  zip_file_t *f;
  char *data;
  zip_int64_t n;

  zip_stat_init (&st);
  if (zip_stat (zip, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    return NULL;
  f = zip_fopen (zip, name, 0);
  if (f == NULL)
    return NULL;
  data = g_malloc (st.size + 1);
  n = zip_fread (f, data, st.size);
  zip_fclose (f);
  if (n < 0 || (zip_uint64_t) n != st.size)
    {
      g_free (data);
      return NULL;
    }
  data[st.size] = '\0';
  return g_bytes_new_take (data, st.size);
}

static xmlTextReaderPtr
reader_for (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  /* No network, no entity expansion: a workbook is untrusted input. */
  return xmlReaderForMemory (data, (int) len, NULL, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
}

static gboolean
is_element (xmlTextReaderPtr r, const char *local)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_ELEMENT
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (r), local) == 0;
}

static gboolean
is_end (xmlTextReaderPtr r, const char *local)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (r), local) == 0;
}

/* Text of <t> elements inside <si>, skipping phonetic runs (<rPh>). */
static GPtrArray *
read_shared_strings (GBytes *bytes)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  xmlTextReaderPtr r = reader_for (bytes);
  GString *cur = NULL;
  gboolean in_t = FALSE;
  int rph = 0;

  if (r == NULL)
    return strings;
  while (xmlTextReaderRead (r) == 1)
    {
      int type = xmlTextReaderNodeType (r);
      if (is_element (r, "si"))
        cur = g_string_new (NULL);
      else if (is_end (r, "si") && cur != NULL)
        {
          {
            char *nfc = thidua_text_nfc (cur->str, cur->len);
            g_ptr_array_add (strings, nfc ? nfc : g_strdup (""));
          }
          g_string_free (cur, TRUE);
          cur = NULL;
        }
      else if (is_element (r, "rPh") && !xmlTextReaderIsEmptyElement (r))
        rph++;
      else if (is_end (r, "rPh"))
        rph--;
      else if (is_element (r, "t"))
        in_t = !xmlTextReaderIsEmptyElement (r);
      else if (is_end (r, "t"))
        in_t = FALSE;
      else if (in_t && rph == 0 && cur != NULL
               && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE))
        g_string_append (cur, (const char *) xmlTextReaderConstValue (r));
    }
  if (cur)
    g_string_free (cur, TRUE);
  xmlFreeTextReader (r);
  return strings;
}

/* The path inside the zip of the first worksheet, from workbook.xml and
 * its relationships; "xl/worksheets/sheet1.xml" when they do not say. */
static char *
first_sheet_path (zip_t *zip)
{
  g_autoptr(GBytes) wb = read_entry (zip, "xl/workbook.xml");
  g_autoptr(GBytes) rels = read_entry (zip, "xl/_rels/workbook.xml.rels");
  g_autofree char *rid = NULL;
  char *target = NULL;
  xmlTextReaderPtr r;

  if (wb == NULL || rels == NULL)
    return g_strdup ("xl/worksheets/sheet1.xml");
  r = reader_for (wb);
  while (r && xmlTextReaderRead (r) == 1)
    if (is_element (r, "sheet"))
      {
        xmlChar *id = xmlTextReaderGetAttributeNs (r, (const xmlChar *) "id",
            (const xmlChar *) "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        if (id == NULL)
          id = xmlTextReaderGetAttribute (r, (const xmlChar *) "r:id");
        rid = g_strdup ((const char *) id);
        xmlFree (id);
        break;
      }
  if (r)
    xmlFreeTextReader (r);
  if (rid == NULL)
    return g_strdup ("xl/worksheets/sheet1.xml");

  r = reader_for (rels);
  while (r && xmlTextReaderRead (r) == 1)
    if (is_element (r, "Relationship"))
      {
        xmlChar *id = xmlTextReaderGetAttribute (r, (const xmlChar *) "Id");
        if (g_strcmp0 ((const char *) id, rid) == 0)
          {
            xmlChar *t = xmlTextReaderGetAttribute (r, (const xmlChar *) "Target");
            if (t != NULL)
              target = t[0] == '/' ? g_strdup ((const char *) t + 1)
                                   : g_strconcat ("xl/", (const char *) t, NULL);
            xmlFree (t);
          }
        xmlFree (id);
        if (target)
          break;
      }
  if (r)
    xmlFreeTextReader (r);
  return target ? target : g_strdup ("xl/worksheets/sheet1.xml");
}

/* ---- dates ----
 * A date in a workbook is a number (days since the epoch) whose cell style
 * has a date format: the built-in formats 14–22, 27–36, 45–47 and 50–58,
 * or a custom format with day, month or year letters outside quoted text,
 * escapes and [brackets] ("dd/mm/yyyy", "[$-42A]d mmmm yyyy"). */

static gboolean
format_code_is_date (const char *code)
{
  gboolean date = FALSE;

  for (const char *p = code; p != NULL && *p; p++)
    {
      if (*p == '"')
        {
          p = strchr (p + 1, '"');
          if (p == NULL)
            break;
        }
      else if (*p == '\\' || *p == '_' || *p == '*')
        {
          if (p[1] == '\0')
            break;
          p++;
        }
      else if (*p == '[')
        {
          p = strchr (p + 1, ']');
          if (p == NULL)
            break;
        }
      else if (*p == ';')
        break;                /* the first section decides */
      else if (strchr ("dDyY", *p) != NULL)
        date = TRUE;
      else if ((*p == 'm' || *p == 'M') && !date)
        {
          /* "mm" is minutes after h or before s: look for a date letter */
          const char *q = p;
          while (*q && strchr ("mM", *q))
            q++;
          if (strpbrk (q, "dDyY") != NULL || strpbrk (code, "hHsS") == NULL)
            date = TRUE;
        }
    }
  return date;
}

static gboolean
builtin_format_is_date (guint id)
{
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36)
         || (id >= 50 && id <= 58);
}

/* Per cell style (the s="…" of a cell): does it show a date? */
static GArray *
read_date_styles (GBytes *bytes)
{
  GArray *is_date = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_autoptr(GHashTable) custom = g_hash_table_new (g_direct_hash, g_direct_equal);
  xmlTextReaderPtr r;
  gboolean in_xfs = FALSE;

  if (bytes == NULL || (r = reader_for (bytes)) == NULL)
    return is_date;
  while (xmlTextReaderRead (r) == 1)
    {
      if (is_element (r, "numFmt"))
        {
          xmlChar *id = xmlTextReaderGetAttribute (r, (const xmlChar *) "numFmtId");
          xmlChar *code = xmlTextReaderGetAttribute (r, (const xmlChar *) "formatCode");

          if (id != NULL && code != NULL && format_code_is_date ((const char *) code))
            g_hash_table_add (custom, GUINT_TO_POINTER ((guint) g_ascii_strtoull ((const char *) id, NULL, 10)));
          xmlFree (id);
          xmlFree (code);
        }
      else if (is_element (r, "cellXfs"))
        in_xfs = !xmlTextReaderIsEmptyElement (r);
      else if (is_end (r, "cellXfs"))
        in_xfs = FALSE;
      else if (in_xfs && is_element (r, "xf"))
        {
          xmlChar *id = xmlTextReaderGetAttribute (r, (const xmlChar *) "numFmtId");
          guint fmt = id ? (guint) g_ascii_strtoull ((const char *) id, NULL, 10) : 0;
          gboolean date = builtin_format_is_date (fmt)
                          || g_hash_table_contains (custom, GUINT_TO_POINTER (fmt));

          g_array_append_val (is_date, date);
          xmlFree (id);
        }
    }
  xmlFreeTextReader (r);
  return is_date;
}

/* <workbookPr date1904="1"/>: dates count from 1904 (old Excel for Mac). */
static gboolean
workbook_uses_1904 (zip_t *zip)
{
  g_autoptr(GBytes) wb = read_entry (zip, "xl/workbook.xml");
  xmlTextReaderPtr r;
  gboolean date1904 = FALSE;

  if (wb == NULL || (r = reader_for (wb)) == NULL)
    return FALSE;
  while (xmlTextReaderRead (r) == 1)
    if (is_element (r, "workbookPr"))
      {
        xmlChar *v = xmlTextReaderGetAttribute (r, (const xmlChar *) "date1904");

        date1904 = v != NULL && (g_str_equal ((const char *) v, "1")
                                 || g_ascii_strcasecmp ((const char *) v, "true") == 0);
        xmlFree (v);
        break;
      }
  xmlFreeTextReader (r);
  return date1904;
}

char *
thidua_xlsx_serial_to_date (double serial, gboolean date1904)
{
  g_autoptr(GDate) date = NULL;
  double days = floor (serial);

  if (!isfinite (serial) || days < (date1904 ? 0 : 1) || days > 2958465)  /* 9999-12-31 */
    return NULL;
  if (date1904)
    date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
  else if (days < 60)
    date = g_date_new_dmy (31, G_DATE_DECEMBER, 1899);
  else
    {
      /* Lotus's 29 February 1900 (serial 60) does not exist: from then
       * on the count is one day ahead. */
      if (days == 60)
        days = 61;
      date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
    }
  g_date_add_days (date, (guint) days);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* "BC12" → column 54 (0-based) */
static int
column_of (const char *ref)
{
  int col = 0;
  const char *p = ref;

  if (ref == NULL)
    return -1;
  while (g_ascii_isalpha (*p))
    {
      col = col * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      p++;
    }
  return col - 1;
}

static void
flush_row (ThiduaTable *table, GPtrArray *cells, guint number)
{
  char **row = g_new0 (char *, cells->len + 1);

  for (guint i = 0; i < cells->len; i++)
    row[i] = g_ptr_array_index (cells, i) ? g_ptr_array_index (cells, i) : g_strdup ("");
  /* the array only held the strings; row owns them now */
  g_ptr_array_set_free_func (cells, NULL);
  g_ptr_array_set_size (cells, 0);
  g_ptr_array_set_free_func (cells, g_free);
  thidua_table_take_row (table, number, row);
}

ThiduaTable *
thidua_xlsx_read (const char *path, GError **error)
{
  g_autoptr(ThiduaTable) table = thidua_table_new ();
  g_autoptr(GPtrArray) shared = NULL;
  g_autoptr(GBytes) sst = NULL;
  g_autoptr(GBytes) sheet = NULL;
  g_autoptr(GBytes) styles = NULL;
  g_autoptr(GArray) date_styles = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) value = g_string_new (NULL);
  g_autofree char *sheet_path = NULL;
  g_autofree char *cell_type = NULL;
  gboolean cell_is_date = FALSE;
  gboolean date1904;
  xmlTextReaderPtr r;
  zip_t *zip;
  int zerr = 0;
  int col = -1, next_col = 0;
  guint row_number = 0, last_row = 0;
  gboolean in_value = FALSE, in_row = FALSE;
  int rc;

  zip = zip_open (path, ZIP_RDONLY, &zerr);
  if (zip == NULL)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: not a readable XLSX workbook (damaged zip, libzip error %d)"), path, zerr);
      return NULL;
    }
  sheet_path = first_sheet_path (zip);
  sst = read_entry (zip, "xl/sharedStrings.xml");
  sheet = read_entry (zip, sheet_path);
  styles = read_entry (zip, "xl/styles.xml");
  date1904 = workbook_uses_1904 (zip);
  zip_close (zip);
  date_styles = read_date_styles (styles);
  if (sheet == NULL)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: the workbook has no worksheet (%s)"), path, sheet_path);
      return NULL;
    }
  shared = sst ? read_shared_strings (sst) : g_ptr_array_new_with_free_func (g_free);

  r = reader_for (sheet);
  if (r == NULL)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: the worksheet cannot be read"), path);
      return NULL;
    }
  while ((rc = xmlTextReaderRead (r)) == 1)
    {
      int type = xmlTextReaderNodeType (r);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          const char *name = (const char *) xmlTextReaderConstLocalName (r);

          if (strcmp (name, "row") == 0)
            {
              xmlChar *rn = xmlTextReaderGetAttribute (r, (const xmlChar *) "r");
              row_number = rn ? (guint) g_ascii_strtoull ((const char *) rn, NULL, 10) : last_row + 1;
              xmlFree (rn);
              next_col = 0;
              in_row = !xmlTextReaderIsEmptyElement (r);
              if (!in_row)
                {
                  flush_row (table, cells, row_number);
                  last_row = row_number;
                }
            }
          else if (strcmp (name, "c") == 0)
            {
              xmlChar *ref = xmlTextReaderGetAttribute (r, (const xmlChar *) "r");
              xmlChar *t = xmlTextReaderGetAttribute (r, (const xmlChar *) "t");
              xmlChar *style = xmlTextReaderGetAttribute (r, (const xmlChar *) "s");
              guint64 si = style ? g_ascii_strtoull ((const char *) style, NULL, 10) : 0;

              cell_is_date = style != NULL && si < date_styles->len
                             && g_array_index (date_styles, gboolean, si);
              xmlFree (style);
              col = ref ? column_of ((const char *) ref) : next_col;
              if (col < 0)
                col = next_col;
              next_col = col + 1;
              g_free (cell_type);
              cell_type = g_strdup (t ? (const char *) t : "n");
              xmlFree (ref);
              xmlFree (t);
              g_string_truncate (value, 0);
              if (xmlTextReaderIsEmptyElement (r))
                col = -1;
            }
          else if ((strcmp (name, "v") == 0 || strcmp (name, "t") == 0) && col >= 0)
            in_value = !xmlTextReaderIsEmptyElement (r);
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          const char *name = (const char *) xmlTextReaderConstLocalName (r);

          if (strcmp (name, "v") == 0 || strcmp (name, "t") == 0)
            in_value = FALSE;
          else if (strcmp (name, "c") == 0 && col >= 0)
            {
              char *text;

              if (g_str_equal (cell_type, "s"))
                {
                  guint64 idx = g_ascii_strtoull (value->str, NULL, 10);
                  text = idx < shared->len ? g_strdup (g_ptr_array_index (shared, idx)) : g_strdup ("");
                }
              else if (g_str_equal (cell_type, "n") && value->len > 0 && cell_is_date
                       && (text = thidua_xlsx_serial_to_date (g_ascii_strtod (value->str, NULL),
                                                              date1904)) != NULL)
                ;   /* a date cell reads as the date it shows */
              else if (g_str_equal (cell_type, "n") && value->len > 0)
                text = thidua_xlsx_format_number (g_ascii_strtod (value->str, NULL));
              else if (g_str_equal (cell_type, "b"))
                text = g_strdup (g_str_equal (value->str, "1") ? "TRUE" : "FALSE");
              else
                text = thidua_text_nfc (value->str, value->len);
              if ((guint) col >= cells->len)
                g_ptr_array_set_size (cells, col + 1);
              g_free (g_ptr_array_index (cells, col));
              g_ptr_array_index (cells, col) = text ? text : g_strdup ("");
              col = -1;
            }
          else if (strcmp (name, "row") == 0 && in_row)
            {
              flush_row (table, cells, row_number);
              last_row = row_number;
              in_row = FALSE;
            }
        }
      else if (in_value && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE))
        g_string_append (value, (const char *) xmlTextReaderConstValue (r));
    }
  xmlFreeTextReader (r);
  if (rc < 0)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: the worksheet's XML is damaged"), path);
      return NULL;
    }
  return g_steal_pointer (&table);
}

gboolean
thidua_xlsx_write (const char *path, const char *sheet_name, const ThiduaTable *table, GError **error)
{
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws;
  lxw_format *bold;
  lxw_error err;
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (guint));

  if (wb == NULL)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_UNREADABLE,
                   _("%s: cannot create the workbook"), path);
      return FALSE;
    }
  ws = workbook_add_worksheet (wb, sheet_name);
  bold = workbook_add_format (wb);
  format_set_bold (bold);
  format_set_text_wrap (bold);

  for (guint i = 0; i < thidua_table_get_n_rows (table); i++)
    {
      const char * const *row = thidua_table_get_row (table, i, NULL);
      for (guint j = 0; row[j]; j++)
        {
          guint len = g_utf8_strlen (row[j], -1);
          if (j >= widths->len)
            g_array_set_size (widths, j + 1);
          if (len > g_array_index (widths, guint, j))
            g_array_index (widths, guint, j) = len;
          if (*row[j])
            worksheet_write_string (ws, i, j, row[j], i == 0 ? bold : NULL);
        }
    }
  for (guint j = 0; j < widths->len; j++)
    worksheet_set_column (ws, j, j, MIN (MAX (g_array_index (widths, guint, j), 5), 50) + 2, NULL);
  worksheet_freeze_panes (ws, 1, 0);

  err = workbook_close (wb);
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_UNREADABLE,
                   _("%s: cannot write the workbook (%s)"), path, lxw_strerror (err));
      return FALSE;
    }
  return TRUE;
}
