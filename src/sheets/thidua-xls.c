/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-xls.c — .xls through libfreexl.
 *
 * libfreexl is the system's library (Debian's 1.0.6) and trusts the file's
 * compound-file (CFB) structure: a directory entry's name length is used
 * unchecked, so a hostile file makes freexl_open() read past a stack buffer
 * (fuzz/findings/README.md).  The bytes are therefore read here first,
 * through the one reader of outside files, and the structure freexl_open()
 * walks is checked before the library sees them; only then are they
 * handed to it, as a private temporary file (it opens only by name). */
#include "config.h"
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include "thidua-xls.h"

#include <freexl.h>
#include <string.h>
#include "thidua-input.h"
#include "thidua-paths.h"

/* As for workbooks and CSV: what one register can hold, with room. */
#define XLS_MAX_ROWS   65536   /* the format's own limit */
#define XLS_MAX_COLS   256     /* likewise (column IV) */
#define XLS_MAX_CELLS  2000000
#define XLS_MAX_CELL   (128 * 1024)

/* [MS-CFB] 2.2 and 2.6: the header, and 128-byte directory entries whose
 * name is at most 32 UTF-16 code units (64 bytes) with its NUL. */
#define CFB_HEADER_SIZE  512
#define CFB_DIR_ENTRY    128
#define CFB_NAME_MAX     64

/* 1985.0 → "1985", 12.5 → "12.5" */
char *thidua_xlsx_format_number (double v);

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

/* ---- the Workbook stream, as libfreexl will read it ---- */

#define CFB_END_OF_CHAIN 0xFFFFFFFEu
#define CFB_MINI_SECTOR  64

typedef struct {
  const guint8 *data;
  gsize         len;
  gsize         sector;
  GArray       *fat;     /* guint32 */
} Cfb;

static const guint8 *
cfb_sector (const Cfb *c, guint32 s)
{
  gsize off = ((gsize) s + 1) * c->sector;

  if (s >= 0xFFFFFFFAu || off > c->len || c->len - off < c->sector)
    return NULL;
  return c->data + off;
}

/* The FAT: the sectors the header lists, then those of the DIFAT chain. */
static gboolean
cfb_read_fat (Cfb *c)
{
  guint32 n_fat = le32 (c->data + 44);
  guint32 difat = le32 (c->data + 68);
  guint per = c->sector / 4;
  guint32 listed = 0;

  if (n_fat == 0 || n_fat > c->len / c->sector)
    return FALSE;
  for (guint i = 0; i < 109 && listed < n_fat; i++, listed++)
    {
      const guint8 *p = cfb_sector (c, le32 (c->data + 76 + 4 * i));
      if (p == NULL)
        return FALSE;
      for (guint j = 0; j < per; j++)
        g_array_append_vals (c->fat, &(guint32) { le32 (p + 4 * j) }, 1);
    }
  for (guint32 hops = 0; listed < n_fat; hops++)
    {
      const guint8 *d = cfb_sector (c, difat);
      if (d == NULL || hops > c->len / c->sector)
        return FALSE;
      for (guint i = 0; i + 1 < per && listed < n_fat; i++, listed++)
        {
          const guint8 *p = cfb_sector (c, le32 (d + 4 * i));
          if (p == NULL)
            return FALSE;
          for (guint j = 0; j < per; j++)
            g_array_append_vals (c->fat, &(guint32) { le32 (p + 4 * j) }, 1);
        }
      difat = le32 (d + c->sector - 4);
    }
  return TRUE;
}

/* SIZE bytes of the chain from START, or NULL if the chain is broken. */
static GByteArray *
cfb_read_chain (const Cfb *c, guint32 start, gsize size)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint32 s = start;

  for (guint hops = 0; out->len < size; hops++)
    {
      const guint8 *p = cfb_sector (c, s);
      if (p == NULL || s >= c->fat->len || hops > c->fat->len)
        return NULL;
      g_byte_array_append (out, p, MIN (c->sector, size - out->len));
      s = g_array_index (c->fat, guint32, s);
    }
  return g_steal_pointer (&out);
}

/* A stream below the cut-off lives in the mini stream (the root entry's
 * chain), in 64-byte sectors chained by the mini FAT. */
static GByteArray *
cfb_read_mini (const Cfb *c, const guint8 *root, guint32 start, gsize size)
{
  g_autoptr(GByteArray) mini = cfb_read_chain (c, le32 (root + 116), le32 (root + 120));
  g_autoptr(GByteArray) minifat = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint32 s = start;

  if (mini == NULL || le32 (c->data + 64) > c->len / c->sector)
    return NULL;
  minifat = cfb_read_chain (c, le32 (c->data + 60), (gsize) le32 (c->data + 64) * c->sector);
  if (minifat == NULL)
    return NULL;
  for (guint hops = 0; out->len < size; hops++)
    {
      gsize off = (gsize) s * CFB_MINI_SECTOR;
      if (s >= minifat->len / 4 || off + CFB_MINI_SECTOR > mini->len || hops > minifat->len / 4)
        return NULL;
      g_byte_array_append (out, mini->data + off, MIN (CFB_MINI_SECTOR, size - out->len));
      s = le32 (minifat->data + 4 * s);
    }
  return g_steal_pointer (&out);
}

/* Records whose string libfreexl copies by the count it states, without
 * checking it against the record: FORMAT, LABEL, BOUNDSHEET.  A string
 * must fit in its record (BIFF8: a count, a flags byte whose bit 0 says
 * two bytes a character; BIFF5: a count of bytes). */
static gboolean
check_records (const char *display, const guint8 *data, gsize len, gsize sector, gsize dir,
               GError **error)
{
  Cfb c = { data, len, sector, g_array_new (FALSE, FALSE, sizeof (guint32)) };
  g_autoptr(GArray) fat = c.fat;
  g_autoptr(GByteArray) stream = NULL;
  const guint8 *root = NULL;
  const guint8 *book = NULL;
  gboolean biff8 = TRUE;
  gsize off = 0;

  for (gsize i = 0; i < sector / CFB_DIR_ENTRY && book == NULL; i++)
    {
      const guint8 *entry = data + (dir + 1) * sector + i * CFB_DIR_ENTRY;
      g_autofree char *name = g_utf16_to_utf8 ((const gunichar2 *) entry,
                                               MAX (le16 (entry + 64), 2) / 2 - 1, NULL, NULL, NULL);

      if (name == NULL)
        continue;
      if (g_str_equal (name, "Root Entry"))
        root = entry;
      else if (g_str_equal (name, "Workbook") || g_str_equal (name, "Book"))
        book = entry;
    }
  if (book == NULL)
    return TRUE;  /* libfreexl refuses it by itself */
  if (!cfb_read_fat (&c))
    goto damaged;
  if (le32 (book + 120) > len)
    goto damaged;
  if (le32 (book + 120) < le32 (data + 56))
    stream = root ? cfb_read_mini (&c, root, le32 (book + 116), le32 (book + 120)) : NULL;
  else
    stream = cfb_read_chain (&c, le32 (book + 116), le32 (book + 120));
  if (stream == NULL)
    goto damaged;

  while (off + 4 <= stream->len)
    {
      const guint8 *r = stream->data + off + 4;
      guint type = le16 (stream->data + off);
      gsize rlen = le16 (stream->data + off + 2);
      gsize need = 0;

      if (rlen > stream->len - off - 4)
        break;  /* the stream ends inside it: libfreexl stops there */
      switch (type)
        {
        case 0x0809:  /* BOF: BIFF8 is version 0x0600 */
          if (rlen >= 2)
            biff8 = le16 (r) == 0x0600;
          break;
        case 0x041E:  /* FORMAT: index, count, [flags], characters */
          if (rlen >= 4)
            need = biff8 ? 5 + (gsize) le16 (r + 2) * (rlen >= 5 && (r[4] & 1) ? 2 : 1)
                         : 3 + (gsize) r[2];
          else
            need = 5;
          break;
        case 0x0204:  /* LABEL: row, column, format, count, [flags], characters */
          if (rlen >= 8)
            need = biff8 ? 9 + (gsize) le16 (r + 6) * (rlen >= 9 && (r[8] & 1) ? 2 : 1)
                         : 8 + (gsize) le16 (r + 6);
          else
            need = 9;
          break;
        case 0x0085:  /* BOUNDSHEET: position, state, type, count, [flags], characters */
          if (rlen >= 7)
            need = biff8 ? 8 + (gsize) r[6] * (rlen >= 8 && (r[7] & 1) ? 2 : 1)
                         : 7 + (gsize) r[6];
          else
            need = 8;
          break;
        default:
          break;
        }
      if (need > rlen)
        {
          g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                       _("%s: record 0x%04X at byte %lu of the workbook stream is damaged (its "
                         "text needs %lu bytes; the record has %lu)"),
                       display, type, (gulong) off, (gulong) need, (gulong) rlen);
          return FALSE;
        }
      off += 4 + rlen;
    }
  return TRUE;

damaged:
  g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
               _("%s: the workbook's sector chains are damaged"), display);
  return FALSE;
}

/* What freexl_open() reads before it checks anything itself: the header
 * and every entry of the first directory sector, whose names it converts
 * with the length the entry states.  A file that is not a compound file
 * would go to its BIFF 2–4 reader (Excel 2.x–4.0, 1987–1992), which no
 * register uses: refused too. */
static gboolean
check_structure (const char *display, const guint8 *data, gsize len, GError **error)
{
  static const guint8 magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  guint shift;
  gsize sector, dir, entries;

  if (len < CFB_HEADER_SIZE || memcmp (data, magic, sizeof magic) != 0)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: not an Excel 97–2003 workbook (no compound-file header)"), display);
      return FALSE;
    }
  shift = le16 (data + 30);
  if (le16 (data + 28) != 0xFFFE || (shift != 9 && shift != 12))
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: the workbook's compound-file header is damaged (byte order or "
                     "sector size)"), display);
      return FALSE;
    }
  sector = (gsize) 1 << shift;
  dir = le32 (data + 48);
  /* sectors are numbered from the one after the header's */
  if (dir >= len / sector || (dir + 2) * sector > len)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: the workbook's directory lies outside the file"), display);
      return FALSE;
    }
  entries = sector / CFB_DIR_ENTRY;
  for (gsize i = 0; i < entries; i++)
    {
      const guint8 *entry = data + (dir + 1) * sector + i * CFB_DIR_ENTRY;
      guint name_len = le16 (entry + 64);

      if (name_len > CFB_NAME_MAX || name_len % 2 != 0)
        {
          g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                       _("%s: the workbook's directory is damaged (entry %u gives its name "
                         "a length of %u bytes; the format allows at most %u)"),
                       display, (guint) i + 1, name_len, CFB_NAME_MAX);
          return FALSE;
        }
    }
  return check_records (display, data, len, sector, dir, error);
}

/* The bytes as a file only this user can read (GLib makes it 0600), for a
 * library that opens by name; the name in the form that library needs. */
static char *
write_private_copy (const char *display, const guint8 *data, gsize len, char **native,
                    GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_tmp ("thidua-XXXXXX.xls", &stream, &local);
  g_autofree char *tmp = NULL;

  if (file != NULL)
    {
      tmp = g_file_get_path (file);
      if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (stream)),
                                      data, len, NULL, NULL, &local)
          || !g_io_stream_close (G_IO_STREAM (stream), NULL, &local))
        g_unlink (tmp);
      else
        *native = thidua_paths_for_c_library (tmp, &local);
    }
  if (*native == NULL)
    {
      if (tmp != NULL)
        g_unlink (tmp);
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_UNREADABLE,
                   _("%s: cannot make a temporary copy to read (%s)"), display, local->message);
      return NULL;
    }
  return g_steal_pointer (&tmp);
}

/* libfreexl's text is whatever the file holds: valid UTF-8 in NFC out */
static char *
cell_text (const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  return g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
}

static ThiduaTable *read_opened (const char *display, const void *handle, GError **error);

ThiduaTable *
thidua_xls_read_data (const char *display, const guint8 *data, gsize len, GError **error)
{
  const void *handle = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *native = NULL;
  ThiduaTable *table;
  int rc;

  if (!check_structure (display, data, len, error))
    return NULL;
  tmp = write_private_copy (display, data, len, &native, error);
  if (tmp == NULL)
    return NULL;
  rc = freexl_open (native, &handle);
  if (rc != FREEXL_OK)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: not a readable Excel 97–2003 workbook (libfreexl error %d)"), display,
                   rc);
      table = NULL;
    }
  else
    table = read_opened (display, handle, error);
  if (handle)
    freexl_close (handle);
  /* after the close: Windows keeps an open file */
  g_unlink (tmp);
  return table;
}

ThiduaTable *
thidua_xls_read (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = g_filename_display_name (path);
  gsize len = 0;

  if (!thidua_table_read_file (path, &data, &len, error))
    return NULL;
  return thidua_xls_read_data (display, (const guint8 *) data, len, error);
}

static ThiduaTable *
read_opened (const char *display, const void *handle, GError **error)
{
  g_autoptr(ThiduaTable) table = thidua_table_new ();
  unsigned int rows = 0;
  unsigned short cols = 0;

  if (freexl_select_active_worksheet (handle, 0) != FREEXL_OK
      || freexl_worksheet_dimensions (handle, &rows, &cols) != FREEXL_OK)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: the workbook has no readable first sheet"), display);
      return NULL;
    }

  /* the sheet's own DIMENSIONS record, as written: a crafted one would
   * have every row made that wide */
  if (cols > XLS_MAX_COLS)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: the sheet claims %u columns; an Excel 97–2003 sheet has at most %u"),
                   display, (guint) cols, XLS_MAX_COLS);
      return NULL;
    }
  if (rows > XLS_MAX_ROWS || (guint64) rows * cols > XLS_MAX_CELLS)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: the sheet is too large (%u rows × %u columns; the limits are %u rows "
                     "and %u cells)"), display, rows, (guint) cols, XLS_MAX_ROWS, XLS_MAX_CELLS);
      return NULL;
    }
  for (unsigned int r = 0; r < rows; r++)
    {
      char **cells = g_new0 (char *, cols + 1);

      for (unsigned short c = 0; c < cols; c++)
        {
          FreeXL_CellValue v;
          char *text = NULL;

          if (freexl_get_cell_value (handle, r, c, &v) == FREEXL_OK)
            switch (v.type)
              {
              case FREEXL_CELL_INT:
                text = g_strdup_printf ("%d", v.value.int_value);
                break;
              case FREEXL_CELL_DOUBLE:
                text = thidua_xlsx_format_number (v.value.double_value);
                break;
              case FREEXL_CELL_TEXT:
              case FREEXL_CELL_SST_TEXT:
              case FREEXL_CELL_DATE:
              case FREEXL_CELL_DATETIME:
              case FREEXL_CELL_TIME:
                if (v.value.text_value != NULL && strlen (v.value.text_value) > XLS_MAX_CELL)
                  {
                    g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                                 _("%s: a cell of row %u is longer than %u bytes"), display, r + 1,
                                 XLS_MAX_CELL);
                    g_strfreev (cells);
                    return NULL;
                  }
                text = cell_text (v.value.text_value);
                break;
              default:
                break;
              }
          cells[c] = text ? text : g_strdup ("");
        }
      thidua_table_take_row (table, r + 1, cells);
    }
  return g_steal_pointer (&table);
}
