/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-import.c — from a spreadsheet into the register. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-register-import.h"
#include "thidua-register-batch.h"

#include <string.h>

#include "thidua-text.h"
#include "thidua-xlsx.h"
#include <stdio.h>
#include <time.h>

/* ---- headers ---- */

static const struct {
  ThiduaRegisterColumn  column;
  const char         *label;
  const char         *keys[10];   /* normalised header texts */
} columns[] = {
  { THIDUA_REGISTER_COLUMN_NAME, "Họ và tên",
    { "ho va ten", "ho ten", "ho va ten ca nhan", "ten ca nhan", "ten tap the", "ten ca nhan tap the",
      "ho va ten ten tap the", "ho ten ten tap the", "ten tap the ca nhan", NULL } },
  { THIDUA_REGISTER_COLUMN_POSITION, "Chức vụ",
    { "chuc vu", "chuc danh", "chuc vu chuc danh", NULL } },
  { THIDUA_REGISTER_COLUMN_UNIT, "Đơn vị",
    { "don vi", "don vi cong tac", "noi cong tac", "khoa phong", "phong ban", NULL } },
  { THIDUA_REGISTER_COLUMN_POSITION_UNIT, "Chức vụ, đơn vị",
    { "chuc vu don vi", "chuc vu don vi cong tac", NULL } },
  { THIDUA_REGISTER_COLUMN_KIND, "Loại",
    { "loai", "doi tuong", "ca nhan tap the", "loai doi tuong", NULL } },
  { THIDUA_REGISTER_COLUMN_TITLE, "Danh hiệu thi đua",
    { "danh hieu thi dua", "dang ky danh hieu thi dua", "danh hieu", "dang ky danh hieu",
      "danh hieu dang ky", NULL } },
  { THIDUA_REGISTER_COLUMN_REWARD, "Hình thức khen thưởng",
    { "hinh thuc khen thuong", "dang ky khen thuong", "dang ky hinh thuc khen thuong",
      "khen thuong", NULL } },
  { THIDUA_REGISTER_COLUMN_RATING, "Xếp loại",
    { "xep loai", "danh gia xep loai", NULL } },
  { THIDUA_REGISTER_COLUMN_YEAR, "Năm",
    { "nam", "nam dang ky", "nam hoc", NULL } },
  { THIDUA_REGISTER_COLUMN_INITIATIVE, "Sáng kiến",
    { "sang kien", "ten sang kien", "sang kien de tai", "de tai sang kien", "sang kien kinh nghiem",
      "de tai", NULL } },
  { THIDUA_REGISTER_COLUMN_NOTE, "Ghi chú",
    { "ghi chu", NULL } },
  { THIDUA_REGISTER_COLUMN_BIRTH_YEAR, "Năm sinh",
    { "nam sinh", "ngay sinh", "ngay thang nam sinh", NULL } },
  { THIDUA_REGISTER_COLUMN_STATUS, "Trạng thái",
    { "trang thai", NULL } },
  { THIDUA_REGISTER_COLUMN_RESULT, "Kết quả",
    { "ket qua", "ket qua binh xet", NULL } },
  { THIDUA_REGISTER_COLUMN_DECISION, "Số quyết định",
    { "so quyet dinh", "quyet dinh", NULL } },
};

const char *
thidua_register_column_get_label (ThiduaRegisterColumn column)
{
  g_return_val_if_fail (column < THIDUA_REGISTER_N_COLUMNS, NULL);
  return columns[column].label;
}

/* Folded, punctuation and bracketed notes such as "(1)" dropped, one space
 * between words: "Đăng ký\nDANH HIỆU thi đua (3)" → "dang ky danh hieu thi dua". */
static char *
normalise_header (const char *text)
{
  g_autofree char *folded = thidua_text_fold (text);
  GString *s = g_string_sized_new (strlen (folded));
  int depth = 0;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '(' || c == '[')
        depth++;
      else if ((c == ')' || c == ']') && depth > 0)
        depth--;
      else if (depth > 0)
        continue;
      else if (g_unichar_isalnum (c))
        g_string_append_unichar (s, c);
      else if (s->len > 0 && s->str[s->len - 1] != ' ')
        g_string_append_c (s, ' ');
    }
  while (s->len > 0 && s->str[s->len - 1] == ' ')
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

int
thidua_register_column_from_header (const char *header)
{
  g_autofree char *key = normalise_header (header);

  if (*key == '\0')
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    for (guint k = 0; columns[i].keys[k]; k++)
      if (g_str_equal (key, columns[i].keys[k]))
        return columns[i].column;
  return -1;
}

/* ---- the import object ---- */

/* The texts are the table's cells (or the import's scratch copies of
 * them, stripped), valid while the row is prepared; core copies them. */
typedef struct {
  guint     row;
  gboolean  collective;
  const char *name;        /* person's full name, or the collective's name */
  const char *position;
  const char *unit;        /* person's unit, or the collective's parent unit */
  int       birth_year;
  const char *initiative;
  const char *note;
  const char *decision;
  ThiduaRegStatus status;
  ThiduaRegResult result;
  GPtrArray *titles;       /* catalog ids */
} ImportRow;

struct _ThiduaRegisterImport
{
  GObject         parent_instance;

  ThiduaRegister *reg;
  char           *year;
  gboolean        replace;

  char           *file;
  guint           header_row;
  int             column_index[THIDUA_REGISTER_N_COLUMNS];
  char           *column_header[THIDUA_REGISTER_N_COLUMNS];
  ThiduaRegisterBatch *batch; /* the rows taken, checked by core */
  GPtrArray      *rejections;  /* ThiduaRegisterRejection */
  guint           n_registrations;
  GStringChunk   *scratch;     /* stripped cells of the row being prepared */
  GPtrArray      *titles;      /* the titles of the row being prepared */
  gint64          batch_usec;  /* time in core's batch, timed when debugging */
  gboolean        timing;
};

enum {
  PROP_0,
  PROP_REGISTER,
  PROP_YEAR,
  PROP_REPLACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ThiduaRegisterImport, thidua_register_import, G_TYPE_OBJECT)

static void
rejection_free (ThiduaRegisterRejection *r)
{
  g_free (r->reason);
  g_free (r);
}

static void
thidua_register_import_finalize (GObject *object)
{
  ThiduaRegisterImport *self = THIDUA_REGISTER_IMPORT (object);

  g_clear_object (&self->reg);
  g_free (self->year);
  g_free (self->file);
  for (guint i = 0; i < THIDUA_REGISTER_N_COLUMNS; i++)
    g_free (self->column_header[i]);
  g_clear_pointer (&self->batch, thidua_register_batch_free);
  g_clear_pointer (&self->rejections, g_ptr_array_unref);
  g_string_chunk_free (self->scratch);
  g_ptr_array_unref (self->titles);
  G_OBJECT_CLASS (thidua_register_import_parent_class)->finalize (object);
}

static void
thidua_register_import_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ThiduaRegisterImport *self = THIDUA_REGISTER_IMPORT (object);

  switch (prop_id)
    {
    case PROP_REGISTER:
      g_value_set_object (value, self->reg);
      break;
    case PROP_YEAR:
      g_value_set_string (value, self->year);
      break;
    case PROP_REPLACE:
      g_value_set_boolean (value, self->replace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_register_import_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ThiduaRegisterImport *self = THIDUA_REGISTER_IMPORT (object);

  switch (prop_id)
    {
    case PROP_REGISTER:
      self->reg = g_value_dup_object (value);
      break;
    case PROP_YEAR:
      self->year = g_value_dup_string (value);
      break;
    case PROP_REPLACE:
      thidua_register_import_set_replace (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_register_import_class_init (ThiduaRegisterImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = thidua_register_import_finalize;
  object_class->get_property = thidua_register_import_get_property;
  object_class->set_property = thidua_register_import_set_property;

  properties[PROP_REGISTER] =
    g_param_spec_object ("register", NULL, NULL, THIDUA_TYPE_REGISTER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_string ("year", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPLACE] =
    g_param_spec_boolean ("replace", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
thidua_register_import_init (ThiduaRegisterImport *self)
{
  for (guint i = 0; i < THIDUA_REGISTER_N_COLUMNS; i++)
    self->column_index[i] = -1;
  self->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);
  self->scratch = g_string_chunk_new (4096);
  self->titles = g_ptr_array_new ();
}

ThiduaRegisterImport *
thidua_register_import_new (ThiduaRegister *reg, const char *year)
{
  g_return_val_if_fail (THIDUA_IS_REGISTER (reg), NULL);
  return g_object_new (THIDUA_TYPE_REGISTER_IMPORT, "register", reg, "year", year, NULL);
}

void
thidua_register_import_set_replace (ThiduaRegisterImport *self, gboolean replace)
{
  g_return_if_fail (THIDUA_IS_REGISTER_IMPORT (self));
  replace = !!replace;
  if (self->replace == replace)
    return;
  self->replace = replace;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLACE]);
}

gboolean
thidua_register_import_get_replace (ThiduaRegisterImport *self)
{
  return self->replace;
}

guint
thidua_register_import_get_header_row (ThiduaRegisterImport *self)
{
  return self->header_row;
}

int
thidua_register_import_get_column (ThiduaRegisterImport *self, ThiduaRegisterColumn column)
{
  g_return_val_if_fail (column < THIDUA_REGISTER_N_COLUMNS, -1);
  return self->column_index[column];
}

const char *
thidua_register_import_get_header (ThiduaRegisterImport *self, ThiduaRegisterColumn column)
{
  g_return_val_if_fail (column < THIDUA_REGISTER_N_COLUMNS, NULL);
  return self->column_header[column];
}

guint
thidua_register_import_get_n_accepted (ThiduaRegisterImport *self)
{
  return self->batch ? thidua_register_batch_get_n_rows (self->batch) : 0;
}

GPtrArray *
thidua_register_import_get_rejections (ThiduaRegisterImport *self)
{
  return self->rejections;
}

guint
thidua_register_import_get_n_registrations (ThiduaRegisterImport *self)
{
  return self->n_registrations;
}

static void
reject (ThiduaRegisterImport *self, guint row, char *reason)
{
  ThiduaRegisterRejection *r = g_new0 (ThiduaRegisterRejection, 1);

  r->row = row;
  r->reason = reason;
  g_ptr_array_add (self->rejections, r);
}

/* ---- reading rows ---- */

/* g_unichar_isspace() of an ASCII character */
static inline gboolean
ascii_is_space (guchar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* thidua_text_strip_span(), without looking at characters when the cell
 * starts and ends with ASCII that is not a space, as nearly all do. */
static inline const char *
strip_span (const char *s, gsize *len)
{
  guchar first = (guchar) s[0], last;
  gsize n;

  if (first == '\0')
    {
      *len = 0;
      return s;
    }
  if (first < 0x80 && !ascii_is_space (first))
    {
      n = strlen (s);
      last = (guchar) s[n - 1];
      if (last < 0x80 && !ascii_is_space (last))
        {
          *len = n;
          return s;
        }
    }
  return thidua_text_strip_span (s, len);
}

/* TRUE when s strips to nothing. */
static inline gboolean
is_blank (const char *s)
{
  guchar first = (guchar) s[0];
  gsize len;

  if (first == '\0')
    return TRUE;
  if (first < 0x80 && !ascii_is_space (first))
    return FALSE;
  thidua_text_strip_span (s, &len);
  return len == 0;
}

/* s stripped: s itself, its tail, or a copy in the scratch chunk. */
static const char *
scratch_strip (ThiduaRegisterImport *self, const char *s)
{
  gsize len;
  const char *start = strip_span (s, &len);

  if (start[len] == '\0')
    return start;
  return g_string_chunk_insert_len (self->scratch, start, (gssize) len);
}

/* The cell stripped, valid until the next row is prepared. */
static const char *
cell (ThiduaRegisterImport *self, const ThiduaTable *table, guint index, ThiduaRegisterColumn column)
{
  int c = self->column_index[column];

  if (c < 0)
    return "";
  return scratch_strip (self, thidua_table_get_cell (table, index, (guint) c));
}

/* "(1) (2) (3)" or "1 2 3" under the header: column numbers, not data.
 * Spreadsheets turn "(1)" into the accounting negative -1. */
static gboolean
is_column_number (const char *cell)
{
  gsize len;
  const char *p = strip_span (cell, &len), *end = p + len;

  if (*p == '(' || *p == '-')
    p++;
  if (p == end || !g_ascii_isdigit (*p))
    return FALSE;
  while (p < end && g_ascii_isdigit (*p))
    p++;
  if (p < end && *p == ')')
    p++;
  return p == end;
}

/* A lone cell such as "I. CÁ NHÂN" or "B. Tập thể" starts a section. */
static int
section_kind (const char *only)
{
  g_autofree char *key = normalise_header (only);

  if (g_str_has_suffix (key, "ca nhan") && strlen (key) <= strlen ("ca nhan") + 6)
    return 0;
  if (g_str_has_suffix (key, "tap the") && strlen (key) <= strlen ("tap the") + 6)
    return 1;
  return -1;
}

typedef enum {
  ROW_DATA,
  ROW_SKIP,       /* blank, or column numbers */
  ROW_SECTION,    /* *kind set */
} RowClass;

/* One look at a row's cells: blank, numbering (two cells or more, all
 * column numbers), a section heading, or data. */
static RowClass
classify_row (const char * const *row, int *kind)
{
  const char *only = NULL;
  guint n = 0;
  gboolean numbers = TRUE;

  for (guint i = 0; row[i]; i++)
    {
      if (is_blank (row[i]))
        continue;
      if (n++ == 0)
        only = row[i];
      if (numbers && !is_column_number (row[i]))
        numbers = FALSE;
    }
  if (n == 0 || (numbers && n >= 2))
    return ROW_SKIP;
  if (n == 1 && (*kind = section_kind (only)) >= 0)
    return ROW_SECTION;
  return ROW_DATA;
}

static gboolean
find_header (ThiduaRegisterImport *self, const ThiduaTable *table, guint *header_index)
{
  guint limit = MIN (thidua_table_get_n_rows (table), 30);

  for (guint i = 0; i < limit; i++)
    {
      guint number;
      const char * const *row = thidua_table_get_row (table, i, &number);
      int found[THIDUA_REGISTER_N_COLUMNS];
      guint n = 0;

      for (guint c = 0; c < THIDUA_REGISTER_N_COLUMNS; c++)
        found[c] = -1;
      for (guint j = 0; row[j]; j++)
        {
          int col = thidua_register_column_from_header (row[j]);
          if (col >= 0 && found[col] < 0)
            {
              found[col] = (int) j;
              n++;
            }
        }
      if (found[THIDUA_REGISTER_COLUMN_NAME] >= 0 && n >= 2)
        {
          for (guint c = 0; c < THIDUA_REGISTER_N_COLUMNS; c++)
            {
              self->column_index[c] = found[c];
              g_free (self->column_header[c]);
              self->column_header[c] = found[c] >= 0 ? g_strdup (row[found[c]]) : NULL;
            }
          self->header_row = number;
          *header_index = i;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
parse_kind (const char *text, int *out)
{
  g_autofree char *key = NULL;

  /* nothing said: the default */
  if (*text == '\0')
    {
      *out = -1;
      return TRUE;
    }
  key = normalise_header (text);
  if (*key == '\0')
    *out = -1;
  else if (g_str_equal (key, "ca nhan") || g_str_equal (key, "cn"))
    *out = 0;
  else if (g_str_equal (key, "tap the") || g_str_equal (key, "tt") || g_str_equal (key, "don vi"))
    *out = 1;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_status (const char *text, ThiduaRegStatus *out)
{
  g_autofree char *key = NULL;

  /* nothing said: the default */
  if (*text == '\0')
    {
      *out = THIDUA_REG_STATUS_REGISTERED;
      return TRUE;
    }
  key = normalise_header (text);
  if (*key == '\0' || g_str_equal (key, "dang ky") || g_str_equal (key, "registered"))
    *out = THIDUA_REG_STATUS_REGISTERED;
  else if (g_str_has_prefix (key, "rut") || g_str_equal (key, "withdrawn"))
    *out = THIDUA_REG_STATUS_WITHDRAWN;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_result (const char *text, ThiduaRegResult *out)
{
  g_autofree char *key = NULL;

  /* nothing said: the default */
  if (*text == '\0')
    {
      *out = THIDUA_REG_RESULT_PENDING;
      return TRUE;
    }
  key = normalise_header (text);
  if (*key == '\0' || g_str_equal (key, "chua xet") || g_str_equal (key, "pending"))
    *out = THIDUA_REG_RESULT_PENDING;
  else if (g_str_equal (key, "dat") || g_str_equal (key, "achieved"))
    *out = THIDUA_REG_RESULT_ACHIEVED;
  else if (g_str_equal (key, "khong dat") || g_str_equal (key, "not achieved"))
    *out = THIDUA_REG_RESULT_NOT_ACHIEVED;
  else
    return FALSE;
  return TRUE;
}

/* "1985", "15/03/1985", "1985-03-15": the four-digit year in it. */
static gboolean
parse_birth_year (const char *text, int *out)
{
  const char *p = text;

  *out = 0;
  if (*text == '\0')
    return TRUE;
  while (*p)
    {
      if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
          && g_ascii_isdigit (p[3]) && !g_ascii_isdigit (p[4]))
        {
          int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
          if (y >= 1900 && y <= 2100)
            {
              *out = y;
              return TRUE;
            }
        }
      while (g_ascii_isdigit (*p))
        p++;
      if (*p)
        p++;
    }
  return FALSE;
}

/* "29353" → "12/05/1980": a whole number in the range of Excel's day
 * numbers for the years 1900–2100; NULL otherwise. */
static char *
serial_hint (const char *text)
{
  guint64 serial;
  g_autofree char *iso = NULL;
  int y, m, d;

  if (!g_ascii_string_to_unsigned (text, 10, 367, 73415, &serial, NULL)
      || (iso = thidua_xlsx_serial_to_date ((double) serial, FALSE)) == NULL
      || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
}

typedef struct {
  ThiduaCatalog *catalog;
  GHashTable    *cache;   /* cell text → GPtrArray of ids, or NULL when unknown (stored as a marker) */
  /* per title column, the last text looked up (a key of the cache) and
   * its titles: a column mostly repeats itself from row to row */
  const char    *last_text[3];
  GPtrArray     *last_ids[3];
} TitleMatcher;

/* The titles a cell names: the whole cell, or its parts split on line
 * breaks, ";", "+" and then ",".  NULL with *bad set to the part that
 * matches nothing. */
static GPtrArray *
match_titles (TitleMatcher *m, const char *text, char **bad)
{
  const ThiduaTitle *t = thidua_catalog_match (m->catalog, text);
  GPtrArray *ids = g_ptr_array_new ();
  g_auto(GStrv) parts = NULL;

  if (t != NULL)
    {
      g_ptr_array_add (ids, t->id);
      return ids;
    }
  {
    g_autofree char *copy = g_strdup (text);
    for (char *p = copy; *p; p++)
      if (*p == '\n' || *p == ';' || *p == '+')
        *p = '\x1f';
    parts = g_strsplit (copy, "\x1f", -1);
  }
  if (g_strv_length (parts) == 1)
    {
      g_strfreev (parts);
      parts = g_strsplit (text, ",", -1);
    }
  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *part = thidua_text_strip (parts[i]);
      if (*part == '\0')
        continue;
      t = thidua_catalog_match (m->catalog, part);
      if (t == NULL)
        {
          *bad = g_strdup (g_strv_length (parts) > 1 ? part : text);
          g_ptr_array_unref (ids);
          return NULL;
        }
      g_ptr_array_add (ids, t->id);
    }
  return ids;
}

static gboolean
prepare_row (ThiduaRegisterImport *self, const ThiduaTable *table, guint index, guint number,
             int section, TitleMatcher *matcher)
{
  ThiduaCatalog *catalog = matcher->catalog;
  const char *name, *kind_text, *year_text, *birth_text, *status_text, *result_text;
  ImportRow row_data = { 0 }, *r = &row_data;
  int kind;
  static const ThiduaRegisterColumn title_columns[] = {
    THIDUA_REGISTER_COLUMN_TITLE, THIDUA_REGISTER_COLUMN_REWARD, THIDUA_REGISTER_COLUMN_RATING
  };
  gboolean all_collective = TRUE;

  G_STATIC_ASSERT (G_N_ELEMENTS (title_columns) == G_N_ELEMENTS (matcher->last_text));
  /* the stripped cells of the previous row are no longer needed */
  g_string_chunk_clear (self->scratch);
  name = cell (self, table, index, THIDUA_REGISTER_COLUMN_NAME);
  kind_text = cell (self, table, index, THIDUA_REGISTER_COLUMN_KIND);
  year_text = cell (self, table, index, THIDUA_REGISTER_COLUMN_YEAR);
  birth_text = cell (self, table, index, THIDUA_REGISTER_COLUMN_BIRTH_YEAR);
  status_text = cell (self, table, index, THIDUA_REGISTER_COLUMN_STATUS);
  result_text = cell (self, table, index, THIDUA_REGISTER_COLUMN_RESULT);

  if (*name == '\0')
    {
      reject (self, number, g_strdup (_("no name in the “Họ và tên” column")));
      return FALSE;
    }
  if (*year_text)
    {
      g_autofree char *label = NULL;
      g_autoptr(GError) error = NULL;
      if (!thidua_reg_year_parse (year_text, &label, NULL, NULL, &error))
        {
          reject (self, number, g_strdup (error->message));
          return FALSE;
        }
      if (!g_str_equal (label, self->year))
        {
          reject (self, number, g_strdup_printf (_("the row is for %s, not for %s being imported"),
                                                 label, self->year));
          return FALSE;
        }
    }
  if (!parse_kind (kind_text, &kind))
    {
      reject (self, number, g_strdup_printf (_("“%s” in “Loại” is neither Cá nhân nor Tập thể"), kind_text));
      return FALSE;
    }
  if (kind < 0)
    kind = section;

  r->row = number;
  r->name = name;
  r->position = cell (self, table, index, THIDUA_REGISTER_COLUMN_POSITION);
  r->unit = cell (self, table, index, THIDUA_REGISTER_COLUMN_UNIT);
  r->initiative = cell (self, table, index, THIDUA_REGISTER_COLUMN_INITIATIVE);
  r->note = cell (self, table, index, THIDUA_REGISTER_COLUMN_NOTE);
  r->decision = cell (self, table, index, THIDUA_REGISTER_COLUMN_DECISION);
  r->titles = self->titles;
  g_ptr_array_set_size (r->titles, 0);

  /* "Giảng viên, Khoa Lý luận cơ sở" in one column */
  if (self->column_index[THIDUA_REGISTER_COLUMN_POSITION_UNIT] >= 0)
    {
      const char *both = cell (self, table, index, THIDUA_REGISTER_COLUMN_POSITION_UNIT);
      const char *comma = strchr (both, ',');
      if (comma != NULL)
        {
          if (*r->position == '\0')
            {
              g_autofree char *head = g_strndup (both, comma - both);
              r->position = g_string_chunk_insert (self->scratch, scratch_strip (self, head));
            }
          if (*r->unit == '\0')
            r->unit = scratch_strip (self, comma + 1);
        }
      else if (*r->position == '\0' && *both)
        r->position = both;
    }

  if (!parse_birth_year (birth_text, &r->birth_year))
    {
      g_autofree char *serial_date = serial_hint (birth_text);

      /* A date cell copied as a number ("29353") lost its date format:
       * say which date it was rather than guess. */
      if (serial_date != NULL)
        reject (self, number, g_strdup_printf (_("“%s” in “Năm sinh” is not a year of birth; as an Excel "
                                                 "date number it would be %s: format the column as dates "
                                                 "or type the year"), birth_text, serial_date));
      else
        reject (self, number, g_strdup_printf (_("“%s” in “Năm sinh” is not a year of birth"), birth_text));
      return FALSE;
    }
  if (!parse_status (status_text, &r->status))
    {
      reject (self, number, g_strdup_printf (_("“%s” in “Trạng thái” is not Đăng ký or Rút đăng ký"), status_text));
      return FALSE;
    }
  if (!parse_result (result_text, &r->result))
    {
      reject (self, number, g_strdup_printf (_("“%s” in “Kết quả” is not Đạt, Không đạt or Chưa xét"), result_text));
      return FALSE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (title_columns); c++)
    {
      const char *text = cell (self, table, index, title_columns[c]);
      g_autofree char *bad = NULL;
      GPtrArray *ids;

      if (*text == '\0')
        continue;
      if (matcher->last_text[c] != NULL && strcmp (text, matcher->last_text[c]) == 0)
        ids = matcher->last_ids[c];
      else
        {
          gpointer key = NULL;

          if (!g_hash_table_lookup_extended (matcher->cache, text, &key, (gpointer *) &ids))
            {
              ids = match_titles (matcher, text, &bad);
              if (ids == NULL)
                {
                  reject (self, number, g_strdup_printf (_("“%s” in “%s” is not a title or form of reward in the catalog"),
                                                         bad, self->column_header[title_columns[c]]));
                  return FALSE;
                }
              key = g_strdup (text);
              g_hash_table_insert (matcher->cache, key, ids);
            }
          matcher->last_text[c] = key;
          matcher->last_ids[c] = ids;
        }
      for (guint i = 0; i < ids->len; i++)
        {
          const ThiduaTitle *t = thidua_catalog_lookup (catalog, g_ptr_array_index (ids, i));
          gboolean dup = FALSE;
          for (guint j = 0; j < r->titles->len; j++)
            dup |= g_ptr_array_index (r->titles, j) == (gpointer) t->id;
          if (!dup)
            g_ptr_array_add (r->titles, t->id);
          if (t->subject != THIDUA_SUBJECT_COLLECTIVE)
            all_collective = FALSE;
        }
    }
  if (r->titles->len == 0)
    {
      reject (self, number, g_strdup_printf (_("%s registers for no title or form of reward"), r->name));
      return FALSE;
    }
  r->collective = kind >= 0 ? kind == 1 : all_collective;

  for (guint i = 0; i < r->titles->len; i++)
    {
      const ThiduaTitle *t = thidua_catalog_lookup (catalog, g_ptr_array_index (r->titles, i));
      if (!(t->subject & (r->collective ? THIDUA_SUBJECT_COLLECTIVE : THIDUA_SUBJECT_INDIVIDUAL)))
        {
          reject (self, number, g_strdup_printf (r->collective
                                                 ? _("“%s” is a title for individuals, but %s is a collective")
                                                 : _("“%s” is a title for collectives, but %s is a person"),
                                                 t->name, r->name));
          return FALSE;
        }
    }

  /* who the row is about, and whether it repeats itself or the register:
   * core decides */
  {
    ThiduaRegisterBatchRow row = {
      number, r->collective, r->name, r->position, r->unit, r->birth_year,
      r->initiative, r->note, r->decision, r->status, r->result,
      (const char * const *) r->titles->pdata, r->titles->len,
    };
    char *reason = NULL;
    gint64 start = self->timing ? g_get_monotonic_time () : 0;
    gboolean taken = thidua_register_batch_add (self->batch, &row, &reason);

    if (self->timing)
      self->batch_usec += g_get_monotonic_time () - start;

    if (!taken)
      reject (self, number, reason);
    return taken;
  }
}

gboolean
thidua_register_import_prepare_table (ThiduaRegisterImport *self, const char *name,
                                      const ThiduaTable *table, GError **error)
{
  g_autofree char *label = NULL;
  TitleMatcher matcher = { thidua_register_get_catalog (self->reg),
                           g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_ptr_array_unref) };
  guint header_index = 0;
  int section = -1;
  gboolean ok = TRUE;
  gint64 start = g_get_monotonic_time ();
  clock_t cpu = clock ();

  g_return_val_if_fail (THIDUA_IS_REGISTER_IMPORT (self), FALSE);

  /* where the time goes, core's part apart, only when it is printed */
  self->timing = !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN);
  self->batch_usec = 0;

  if (!thidua_reg_year_parse (self->year, &label, NULL, NULL, error))
    {
      g_hash_table_unref (matcher.cache);
      return FALSE;
    }
  g_free (self->year);
  self->year = g_steal_pointer (&label);
  g_free (self->file);
  self->file = g_strdup (name);
  g_clear_pointer (&self->batch, thidua_register_batch_free);
  g_ptr_array_set_size (self->rejections, 0);

  if (!find_header (self, table, &header_index))
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: no header row naming the columns (“Họ và tên” and “Danh hiệu thi đua” "
                     "or “Hình thức khen thưởng”) in its first 30 rows"), name);
      g_hash_table_unref (matcher.cache);
      return FALSE;
    }
  if (self->column_index[THIDUA_REGISTER_COLUMN_TITLE] < 0
      && self->column_index[THIDUA_REGISTER_COLUMN_REWARD] < 0
      && self->column_index[THIDUA_REGISTER_COLUMN_RATING] < 0)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: the header (row %u) has no “Danh hiệu thi đua” or “Hình thức khen thưởng” column"),
                   name, self->header_row);
      g_hash_table_unref (matcher.cache);
      return FALSE;
    }

  self->batch = thidua_register_batch_new (self->reg, self->year, self->replace, error);
  if (self->batch == NULL)
    ok = FALSE;
  else
    thidua_register_batch_reserve (self->batch, thidua_table_get_n_rows (table));
  for (guint i = header_index + 1; ok && i < thidua_table_get_n_rows (table); i++)
    {
      guint number;
      const char * const *row = thidua_table_get_row (table, i, &number);
      int kind;

      switch (classify_row (row, &kind))
        {
        case ROW_SKIP:
          continue;
        case ROW_SECTION:
          section = kind;
          continue;
        case ROW_DATA:
        default:
          break;
        }
      prepare_row (self, table, i, number, section, &matcher);
    }
  g_hash_table_unref (matcher.cache);
  if (ok)
    g_debug ("import: prepared %u rows in %.0f ms (cpu %.0f ms), of which core's batch %.0f ms",
             thidua_table_get_n_rows (table), (g_get_monotonic_time () - start) / 1000.0,
             (clock () - cpu) * 1000.0 / CLOCKS_PER_SEC, self->batch_usec / 1000.0);
  return ok;
}

/* ---- commit ---- */

gint64
thidua_register_import_commit (ThiduaRegisterImport *self, ThiduaRegisterImportProgress progress,
                               gpointer user_data, GError **error)
{
  gint64 id;

  g_return_val_if_fail (THIDUA_IS_REGISTER_IMPORT (self), 0);
  g_return_val_if_fail (self->file != NULL && self->batch != NULL, 0);

  id = thidua_register_batch_commit (self->batch, self->file, self->rejections->len,
                                     progress, user_data, error);
  if (id != 0)
    self->n_registrations = thidua_register_batch_get_n_registrations (self->batch);
  return id;
}
