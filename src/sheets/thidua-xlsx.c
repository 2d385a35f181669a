/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-xlsx.c — .xlsx in and out. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-xlsx.h"
#include "thidua-text.h"
#include "thidua-input.h"
#include "thidua-paths.h"

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

/* ---- caps ----
 * A workbook is untrusted input: a 3 MB zip can hold a 3 GB sheet, a cell
 * reference can name column 2^31.  Everything is read as a stream and
 * counted against these limits; past one, the file is refused by name. */
#define XLSX_MAX_ENTRY    (128 * 1024 * 1024)  /* uncompressed bytes of one part */
#define XLSX_MAX_TOTAL    (256 * 1024 * 1024)  /* uncompressed bytes of all parts read */
#define XLSX_MAX_ROWS     120000   /* 100,000 registrations with their heading rows */
#define XLSX_MAX_COLUMNS  16384                /* XFD, Excel's last column */
#define XLSX_MAX_ROW_NUMBER 1048576            /* Excel's last row */
#define XLSX_MAX_CELLS    1000000              /* counting the blanks before a cell */
#define XLSX_MAX_SHARED   1000000
#define XLSX_MAX_STRING   (128 * 1024)         /* bytes: Excel's 32,767 characters */
#define XLSX_MAX_STYLES   65536

typedef struct {
  zip_t      *zip;
  const char *name;     /* the file, for messages */
  guint64     total;    /* uncompressed bytes read so far */
  GError     *error;    /* the first refusal */
} Workbook;

typedef struct {
  Workbook   *wb;
  zip_file_t *file;
  const char *entry;
  guint64     read;
} EntryStream;

static void
workbook_fail (Workbook *wb, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
workbook_fail (Workbook *wb, const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  if (wb->error != NULL)
    return;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  wb->error = g_error_new (THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED, "%s: %s", wb->name, msg);
}

static int
entry_read (void *context, char *buffer, int len)
{
  EntryStream *s = context;
  zip_int64_t n;

  if (s->wb->error != NULL)
    return -1;
  n = zip_fread (s->file, buffer, (zip_uint64_t) len);
  if (n < 0)
    {
      workbook_fail (s->wb, _("the part %s of the workbook is damaged"), s->entry);
      return -1;
    }
  /* counted as it is inflated: the sizes in the zip directory may lie */
  s->read += (guint64) n;
  s->wb->total += (guint64) n;
  if (s->read > XLSX_MAX_ENTRY || s->wb->total > XLSX_MAX_TOTAL)
    {
      g_autofree char *limit = g_format_size (s->read > XLSX_MAX_ENTRY ? XLSX_MAX_ENTRY : XLSX_MAX_TOTAL);
      workbook_fail (s->wb, _("the workbook unpacks to more than %s; it is refused"), limit);
      return -1;
    }
  return (int) n;
}

static int
entry_close (void *context)
{
  EntryStream *s = context;

  zip_fclose (s->file);
  g_free (s);
  return 0;
}

/* A streaming reader over one part of the zip, or NULL when the part is
 * missing (or too large: then wb->error says so). */
static xmlTextReaderPtr
reader_for (Workbook *wb, const char *entry)
{
  zip_stat_t st;
  EntryStream *s;

  zip_stat_init (&st);
  if (zip_stat (wb->zip, entry, 0, &st) != 0)
    return NULL;
  if ((st.valid & ZIP_STAT_SIZE) && st.size > XLSX_MAX_ENTRY)
    {
      g_autofree char *size = g_format_size (st.size);
      g_autofree char *limit = g_format_size (XLSX_MAX_ENTRY);
      workbook_fail (wb, _("the part %s claims %s unpacked; the limit is %s"), entry, size, limit);
      return NULL;
    }
  s = g_new0 (EntryStream, 1);
  s->wb = wb;
  s->entry = entry;
  if ((s->file = zip_fopen (wb->zip, entry, 0)) == NULL)
    {
      g_free (s);
      workbook_fail (wb, _("the part %s of the workbook cannot be opened"), entry);
      return NULL;
    }
  /* No network, no DTD loading, no huge-text mode: untrusted input.
   * xmlReaderForIO takes the stream even when it fails. */
  return xmlReaderForIO (entry_read, entry_close, s, NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

/* Reads the next node; FALSE at the end, on damage, or on a refusal (a
 * DTD: entity declarations are how XML bombs are built). */
static gboolean
next_node (Workbook *wb, xmlTextReaderPtr r, const char *entry)
{
  int rc = xmlTextReaderRead (r);

  if (rc == 1 && xmlTextReaderNodeType (r) == XML_READER_TYPE_DOCUMENT_TYPE)
    {
      workbook_fail (wb, _("the part %s declares a DTD, which a workbook never does"), entry);
      return FALSE;
    }
  if (rc < 0)
    workbook_fail (wb, _("the XML of %s is damaged"), entry);
  return rc == 1 && wb->error == NULL;
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
read_shared_strings (Workbook *wb)
{
  static const char entry[] = "xl/sharedStrings.xml";
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  xmlTextReaderPtr r = reader_for (wb, entry);
  GString *cur = NULL;
  gboolean in_t = FALSE;
  int rph = 0;

  if (r == NULL)
    return strings;
  while (next_node (wb, r, entry))
    {
      int type = xmlTextReaderNodeType (r);
      if (is_element (r, "si"))
        {
          if (strings->len >= XLSX_MAX_SHARED)
            {
              workbook_fail (wb, _("more than %u shared strings"), XLSX_MAX_SHARED);
              break;
            }
          if (cur == NULL)
            cur = g_string_new (NULL);
          g_string_truncate (cur, 0);
        }
      else if (is_end (r, "si") && cur != NULL)
        {
          char *nfc = thidua_text_nfc (cur->str, cur->len);
          g_ptr_array_add (strings, nfc ? nfc : g_strdup (""));
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
        {
          g_string_append (cur, (const char *) xmlTextReaderConstValue (r));
          if (cur->len > XLSX_MAX_STRING)
            {
              workbook_fail (wb, _("shared string %u is longer than %u bytes"),
                             strings->len + 1, XLSX_MAX_STRING);
              break;
            }
        }
    }
  if (cur)
    g_string_free (cur, TRUE);
  xmlFreeTextReader (r);
  return strings;
}

/* The path inside the zip of the first worksheet, from workbook.xml and
 * its relationships; "xl/worksheets/sheet1.xml" when they do not say. */
static char *
first_sheet_path (Workbook *wb, gboolean *date1904)
{
  g_autofree char *rid = NULL;
  char *target = NULL;
  xmlTextReaderPtr r;

  *date1904 = FALSE;
  r = reader_for (wb, "xl/workbook.xml");
  while (r && next_node (wb, r, "xl/workbook.xml"))
    if (is_element (r, "workbookPr"))
      {
        /* <workbookPr date1904="1"/>: dates count from 1904 (old Excel for Mac). */
        xmlChar *v = xmlTextReaderGetAttribute (r, (const xmlChar *) "date1904");

        *date1904 = v != NULL && (g_str_equal ((const char *) v, "1")
                                  || g_ascii_strcasecmp ((const char *) v, "true") == 0);
        xmlFree (v);
      }
    else if (is_element (r, "sheet"))
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

  r = reader_for (wb, "xl/_rels/workbook.xml.rels");
  while (r && next_node (wb, r, "xl/_rels/workbook.xml.rels"))
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
read_date_styles (Workbook *wb)
{
  static const char entry[] = "xl/styles.xml";
  GArray *is_date = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_autoptr(GHashTable) custom = g_hash_table_new (g_direct_hash, g_direct_equal);
  xmlTextReaderPtr r;
  gboolean in_xfs = FALSE;

  if ((r = reader_for (wb, entry)) == NULL)
    return is_date;
  while (next_node (wb, r, entry))
    {
      if (is_element (r, "numFmt"))
        {
          xmlChar *id = xmlTextReaderGetAttribute (r, (const xmlChar *) "numFmtId");
          xmlChar *code = xmlTextReaderGetAttribute (r, (const xmlChar *) "formatCode");

          if (id != NULL && code != NULL && g_hash_table_size (custom) < XLSX_MAX_STYLES
              && format_code_is_date ((const char *) code))
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

          xmlFree (id);
          if (is_date->len >= XLSX_MAX_STYLES)
            {
              workbook_fail (wb, _("more than %u cell styles"), XLSX_MAX_STYLES);
              break;
            }
          g_array_append_val (is_date, date);
        }
    }
  xmlFreeTextReader (r);
  return is_date;
}

/* "BC12" → column 54 (0-based); -1 without letters; -2 past XFD (more
 * than three letters would overflow long before). */
static int
column_of (const char *ref)
{
  int col = 0, letters = 0;

  for (const char *p = ref; g_ascii_isalpha (*p); p++)
    {
      if (++letters > 3)
        return -2;
      col = col * 26 + (g_ascii_toupper (*p) - 'A' + 1);
    }
  if (letters == 0)
    return -1;
  return col > XLSX_MAX_COLUMNS ? -2 : col - 1;
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

/* A value of at most 40 characters, for a message. */
static char *
shown (const char *text)
{
  if (g_utf8_strlen (text, 41) <= 40)
    return g_strdup (text);
  return g_strconcat (g_utf8_substring (text, 0, 40), "…", NULL);
}

static ThiduaTable *
read_sheet (Workbook *wb)
{
  g_autoptr(ThiduaTable) table = thidua_table_new ();
  g_autoptr(GPtrArray) shared = NULL;
  g_autoptr(GArray) date_styles = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) value = g_string_new (NULL);
  g_autofree char *sheet_path = NULL;
  g_autofree char *cell_type = NULL;
  gboolean cell_is_date = FALSE;
  gboolean date1904 = FALSE;
  xmlTextReaderPtr r;
  int col = -1, next_col = 0;
  guint row_number = 0, last_row = 0, n_rows = 0;
  guint64 n_cells = 0;
  gboolean in_value = FALSE, in_row = FALSE;

  sheet_path = first_sheet_path (wb, &date1904);
  date_styles = read_date_styles (wb);
  shared = read_shared_strings (wb);
  if (wb->error != NULL)
    return NULL;

  if ((r = reader_for (wb, sheet_path)) == NULL)
    {
      workbook_fail (wb, _("the workbook has no worksheet (%s)"), sheet_path);
      return NULL;
    }
  while (next_node (wb, r, sheet_path))
    {
      int type = xmlTextReaderNodeType (r);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          const char *name = (const char *) xmlTextReaderConstLocalName (r);

          if (strcmp (name, "row") == 0)
            {
              xmlChar *rn = xmlTextReaderGetAttribute (r, (const xmlChar *) "r");
              guint64 number = rn ? g_ascii_strtoull ((const char *) rn, NULL, 10) : (guint64) last_row + 1;

              xmlFree (rn);
              if (number > XLSX_MAX_ROW_NUMBER)
                {
                  g_autofree char *shown_number = g_strdup_printf ("%" G_GUINT64_FORMAT, number);
                  workbook_fail (wb, _("row %s is past row %u, the last a workbook can have"),
                                 shown_number, XLSX_MAX_ROW_NUMBER);
                  break;
                }
              if (++n_rows > XLSX_MAX_ROWS)
                {
                  workbook_fail (wb, _("the worksheet has more than %u rows"), XLSX_MAX_ROWS);
                  break;
                }
              row_number = (guint) number;
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
              if (col == -1)
                col = next_col;
              if (col == -2 || col >= XLSX_MAX_COLUMNS)
                {
                  g_autofree char *what = shown (ref ? (const char *) ref : "");
                  workbook_fail (wb, _("cell “%s” is past column XFD, the last a workbook can have"),
                                 what);
                  xmlFree (ref);
                  xmlFree (t);
                  break;
                }
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

              if ((guint) col >= cells->len)
                {
                  /* the blanks before the cell count: one cell at XFD
                   * costs 16,384 */
                  n_cells += (guint) col + 1 - cells->len;
                  if (n_cells > XLSX_MAX_CELLS)
                    {
                      workbook_fail (wb, _("the worksheet has more than %u cells"), XLSX_MAX_CELLS);
                      break;
                    }
                  g_ptr_array_set_size (cells, col + 1);
                }
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
        {
          g_string_append (value, (const char *) xmlTextReaderConstValue (r));
          if (value->len > XLSX_MAX_STRING)
            {
              workbook_fail (wb, _("a cell of row %u is longer than %u bytes"), row_number,
                             XLSX_MAX_STRING);
              break;
            }
        }
    }
  xmlFreeTextReader (r);
  if (wb->error != NULL)
    return NULL;
  return g_steal_pointer (&table);
}

ThiduaTable *
thidua_xlsx_read_data (const char *name, const void *data, gsize len, GError **error)
{
  Workbook wb = { NULL, name, 0, NULL };
  zip_source_t *src;
  zip_error_t zerr;
  ThiduaTable *table;

  zip_error_init (&zerr);
  src = zip_source_buffer_create (data, len, 0, &zerr);
  if (src != NULL && (wb.zip = zip_open_from_source (src, ZIP_RDONLY, &zerr)) == NULL)
    zip_source_free (src);
  if (wb.zip == NULL)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: not a readable XLSX workbook (damaged zip, libzip error %d)"), name,
                   zip_error_code_zip (&zerr));
      zip_error_fini (&zerr);
      return NULL;
    }
  zip_error_fini (&zerr);
  table = read_sheet (&wb);
  zip_discard (wb.zip);
  if (table == NULL)
    {
      if (wb.error == NULL)
        workbook_fail (&wb, _("the worksheet cannot be read"));
      g_propagate_error (error, wb.error);
    }
  return table;
}

ThiduaTable *
thidua_xlsx_read (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = g_filename_display_name (path);
  gsize len = 0;

  if (!thidua_table_read_file (path, &data, &len, error))
    return NULL;
  return thidua_xlsx_read_data (display, data, len, error);
}

gboolean
thidua_xlsx_write (const char *path, const char *sheet_name, const ThiduaTable *table, GError **error)
{
  /* libxlsxwriter writes by name: it gets the new file next to the
   * target, renamed over it once complete (a link is replaced, never
   * followed) */
  g_autoptr(ThiduaOutput) out = thidua_output_open (path, error);
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_format *bold;
  lxw_error err;
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (guint));

  g_autofree char *native = NULL;
  g_autofree char *tmpdir = thidua_paths_get_c_library_tmpdir ();
  lxw_workbook_options options = { .tmpdir = tmpdir };

  if (out == NULL)
    return FALSE;
  /* the name in the form the library's fopen() takes (Windows: the code
   * page or the short name; thidua-paths.c) */
  native = thidua_paths_for_c_library (thidua_output_get_temp_path (out), error);
  if (native == NULL)
    return FALSE;
  wb = workbook_new_opt (native, &options);
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
  return thidua_output_commit (g_steal_pointer (&out), error);
}
