/* thidua-register-import.c — from a spreadsheet into the register. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-register-import.h"
#include "thidua-register-private.h"

#include <string.h>

#include "thidua-text.h"
#include "thidua-xlsx.h"
#include <stdio.h>

/* ---- headers ---- */

static const struct {
  ThiduaImportColumn  column;
  const char         *label;
  const char         *keys[10];   /* normalised header texts */
} columns[] = {
  { THIDUA_IMPORT_COLUMN_NAME, "Họ và tên",
    { "ho va ten", "ho ten", "ho va ten ca nhan", "ten ca nhan", "ten tap the", "ten ca nhan tap the",
      "ho va ten ten tap the", "ho ten ten tap the", "ten tap the ca nhan", NULL } },
  { THIDUA_IMPORT_COLUMN_POSITION, "Chức vụ",
    { "chuc vu", "chuc danh", "chuc vu chuc danh", NULL } },
  { THIDUA_IMPORT_COLUMN_UNIT, "Đơn vị",
    { "don vi", "don vi cong tac", "noi cong tac", "khoa phong", "phong ban", NULL } },
  { THIDUA_IMPORT_COLUMN_POSITION_UNIT, "Chức vụ, đơn vị",
    { "chuc vu don vi", "chuc vu don vi cong tac", NULL } },
  { THIDUA_IMPORT_COLUMN_KIND, "Loại",
    { "loai", "doi tuong", "ca nhan tap the", "loai doi tuong", NULL } },
  { THIDUA_IMPORT_COLUMN_TITLE, "Danh hiệu thi đua",
    { "danh hieu thi dua", "dang ky danh hieu thi dua", "danh hieu", "dang ky danh hieu",
      "danh hieu dang ky", NULL } },
  { THIDUA_IMPORT_COLUMN_REWARD, "Hình thức khen thưởng",
    { "hinh thuc khen thuong", "dang ky khen thuong", "dang ky hinh thuc khen thuong",
      "khen thuong", NULL } },
  { THIDUA_IMPORT_COLUMN_RATING, "Xếp loại",
    { "xep loai", "danh gia xep loai", NULL } },
  { THIDUA_IMPORT_COLUMN_YEAR, "Năm",
    { "nam", "nam dang ky", "nam hoc", NULL } },
  { THIDUA_IMPORT_COLUMN_INITIATIVE, "Sáng kiến",
    { "sang kien", "ten sang kien", "sang kien de tai", "de tai sang kien", "sang kien kinh nghiem",
      "de tai", NULL } },
  { THIDUA_IMPORT_COLUMN_NOTE, "Ghi chú",
    { "ghi chu", NULL } },
  { THIDUA_IMPORT_COLUMN_BIRTH_YEAR, "Năm sinh",
    { "nam sinh", "ngay sinh", "ngay thang nam sinh", NULL } },
  { THIDUA_IMPORT_COLUMN_STATUS, "Trạng thái",
    { "trang thai", NULL } },
  { THIDUA_IMPORT_COLUMN_RESULT, "Kết quả",
    { "ket qua", "ket qua binh xet", NULL } },
  { THIDUA_IMPORT_COLUMN_DECISION, "Số quyết định",
    { "so quyet dinh", "quyet dinh", NULL } },
};

const char *
thidua_import_column_get_label (ThiduaImportColumn column)
{
  g_return_val_if_fail (column < THIDUA_IMPORT_N_COLUMNS, NULL);
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
thidua_import_column_from_header (const char *header)
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

typedef struct {
  guint     row;
  gboolean  collective;
  char     *name;          /* person's full name, or the collective's name */
  char     *honorific;
  char     *position;
  char     *unit;          /* person's unit, or the collective's parent unit */
  int       birth_year;
  char     *initiative;
  char     *note;
  char     *decision;
  ThiduaRegStatus status;
  ThiduaRegResult result;
  GPtrArray *titles;       /* catalog ids */
  GArray   *replace_ids;  /* per title: gint64 id of the registration it replaces, or 0 */
  char     *who_key;
  /* a person's name apart, and its folded key, worked out once */
  char     *family_name;
  char     *middle_name;
  char     *given_name;
  char     *name_key;
} ImportRow;

struct _ThiduaRegisterImport
{
  GObject         parent_instance;

  ThiduaRegister *reg;
  char           *year;
  gboolean        replace;

  char           *file;
  guint           header_row;
  int             column_index[THIDUA_IMPORT_N_COLUMNS];
  char           *column_header[THIDUA_IMPORT_N_COLUMNS];
  GPtrArray      *rows;        /* ImportRow */
  GPtrArray      *rejections;  /* ThiduaImportRejection */
  guint           n_registrations;
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
import_row_free (ImportRow *r)
{
  g_free (r->name);
  g_free (r->honorific);
  g_free (r->position);
  g_free (r->unit);
  g_free (r->initiative);
  g_free (r->note);
  g_free (r->decision);
  g_free (r->who_key);
  g_free (r->family_name);
  g_free (r->middle_name);
  g_free (r->given_name);
  g_free (r->name_key);
  g_clear_pointer (&r->titles, g_ptr_array_unref);
  g_clear_pointer (&r->replace_ids, g_array_unref);
  g_free (r);
}

static void
rejection_free (ThiduaImportRejection *r)
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
  for (guint i = 0; i < THIDUA_IMPORT_N_COLUMNS; i++)
    g_free (self->column_header[i]);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->rejections, g_ptr_array_unref);
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
  for (guint i = 0; i < THIDUA_IMPORT_N_COLUMNS; i++)
    self->column_index[i] = -1;
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) import_row_free);
  self->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);
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
thidua_register_import_get_column (ThiduaRegisterImport *self, ThiduaImportColumn column)
{
  g_return_val_if_fail (column < THIDUA_IMPORT_N_COLUMNS, -1);
  return self->column_index[column];
}

const char *
thidua_register_import_get_header (ThiduaRegisterImport *self, ThiduaImportColumn column)
{
  g_return_val_if_fail (column < THIDUA_IMPORT_N_COLUMNS, NULL);
  return self->column_header[column];
}

guint
thidua_register_import_get_n_accepted (ThiduaRegisterImport *self)
{
  return self->rows->len;
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
  ThiduaImportRejection *r = g_new0 (ThiduaImportRejection, 1);

  r->row = row;
  r->reason = reason;
  g_ptr_array_add (self->rejections, r);
}

/* ---- reading rows ---- */

static char *
cell (ThiduaRegisterImport *self, const ThiduaTable *table, guint index, ThiduaImportColumn column)
{
  int c = self->column_index[column];

  if (c < 0)
    return g_strdup ("");
  return thidua_text_strip (thidua_table_get_cell (table, index, (guint) c));
}

static gboolean
row_is_blank (const char * const *row)
{
  for (guint i = 0; row[i]; i++)
    {
      g_autofree char *s = thidua_text_strip (row[i]);
      if (*s)
        return FALSE;
    }
  return TRUE;
}

/* "(1) (2) (3)" or "1 2 3" under the header: column numbers, not data.
 * Spreadsheets turn "(1)" into the accounting negative -1. */
static gboolean
row_is_numbering (const char * const *row)
{
  guint n = 0;

  for (guint i = 0; row[i]; i++)
    {
      g_autofree char *s = thidua_text_strip (row[i]);
      const char *p = s;
      if (*p == '\0')
        continue;
      if (*p == '(' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
      if (*p == ')')
        p++;
      if (*p != '\0')
        return FALSE;
      n++;
    }
  return n >= 2;
}

/* A lone cell such as "I. CÁ NHÂN" or "B. Tập thể" starts a section. */
static int
row_section_kind (const char * const *row)
{
  const char *only = NULL;
  g_autofree char *key = NULL;

  for (guint i = 0; row[i]; i++)
    {
      g_autofree char *s = thidua_text_strip (row[i]);
      if (*s == '\0')
        continue;
      if (only != NULL)
        return -1;
      only = row[i];
    }
  if (only == NULL)
    return -1;
  key = normalise_header (only);
  if (g_str_has_suffix (key, "ca nhan") && strlen (key) <= strlen ("ca nhan") + 6)
    return 0;
  if (g_str_has_suffix (key, "tap the") && strlen (key) <= strlen ("tap the") + 6)
    return 1;
  return -1;
}

static gboolean
find_header (ThiduaRegisterImport *self, const ThiduaTable *table, guint *header_index)
{
  guint limit = MIN (thidua_table_get_n_rows (table), 30);

  for (guint i = 0; i < limit; i++)
    {
      guint number;
      const char * const *row = thidua_table_get_row (table, i, &number);
      int found[THIDUA_IMPORT_N_COLUMNS];
      guint n = 0;

      for (guint c = 0; c < THIDUA_IMPORT_N_COLUMNS; c++)
        found[c] = -1;
      for (guint j = 0; row[j]; j++)
        {
          int col = thidua_import_column_from_header (row[j]);
          if (col >= 0 && found[col] < 0)
            {
              found[col] = (int) j;
              n++;
            }
        }
      if (found[THIDUA_IMPORT_COLUMN_NAME] >= 0 && n >= 2)
        {
          for (guint c = 0; c < THIDUA_IMPORT_N_COLUMNS; c++)
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
  g_autofree char *key = normalise_header (text);

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
  g_autofree char *key = normalise_header (text);

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
  g_autofree char *key = normalise_header (text);

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

/* What the register holds already, to find the same title twice. */
typedef struct {
  GHashTable *units;       /* folded name → unit id (first by id) */
  GHashTable *people;      /* "name_key|unit id" → GArray of (id, birth_year) pairs */
  GHashTable *existing;    /* who key + "\t" + title → registration id */
  GHashTable *folded;      /* unit text as written → folded (a few hundred units, many rows) */
} Known;

static void
known_clear (Known *k)
{
  g_clear_pointer (&k->units, g_hash_table_unref);
  g_clear_pointer (&k->people, g_hash_table_unref);
  g_clear_pointer (&k->existing, g_hash_table_unref);
  g_clear_pointer (&k->folded, g_hash_table_unref);
}

static gboolean
load_known (ThiduaRegisterImport *self, Known *k, GError **error)
{
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(sqlite3_stmt) people = NULL;
  g_autoptr(sqlite3_stmt) regs = NULL;
  int rc;

  k->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  k->people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  k->existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  k->folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  units = thidua_register_prepare (self->reg, "SELECT id, name_key FROM units ORDER BY id DESC",
                                   "reading units", error);
  if (units == NULL)
    return FALSE;
  /* descending, so the oldest unit of a name wins */
  while ((rc = sqlite3_step (units)) == SQLITE_ROW)
    g_hash_table_insert (k->units, g_strdup (reg_column_text (units, 1)),
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (units, 0)));
  if (rc != SQLITE_DONE)
    return thidua_register_sql_fail (self->reg, error, "reading units");

  people = thidua_register_prepare (self->reg,
      "SELECT id, name_key, ifnull (unit_id, 0), ifnull (birth_year, 0) FROM people ORDER BY id",
      "reading people", error);
  if (people == NULL)
    return FALSE;
  while ((rc = sqlite3_step (people)) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("%s|%" G_GINT64_FORMAT, reg_column_text (people, 1),
                                              (gint64) sqlite3_column_int64 (people, 2));
      GArray *list = g_hash_table_lookup (k->people, key);
      gint64 pair[2] = { sqlite3_column_int64 (people, 0), sqlite3_column_int (people, 3) };

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (k->people, g_steal_pointer (&key), list);
        }
      g_array_append_vals (list, pair, 2);
    }
  if (rc != SQLITE_DONE)
    return thidua_register_sql_fail (self->reg, error, "reading people");

  regs = thidua_register_prepare (self->reg,
      "SELECT r.id, ifnull (r.person_id, 0), ifnull (r.unit_id, 0), r.title "
      "FROM registrations r JOIN reg_years y ON y.id = r.year_id WHERE y.label = ?1",
      "reading the register", error);
  if (regs == NULL)
    return FALSE;
  reg_bind_text (regs, 1, self->year);
  while ((rc = sqlite3_step (regs)) == SQLITE_ROW)
    {
      gint64 person = sqlite3_column_int64 (regs, 1);
      char *key = person > 0
        ? g_strdup_printf ("P%" G_GINT64_FORMAT "\t%s", (gint64) person, reg_column_text (regs, 3))
        : g_strdup_printf ("U%" G_GINT64_FORMAT "\t%s", (gint64) sqlite3_column_int64 (regs, 2),
                           reg_column_text (regs, 3));
      g_hash_table_insert (k->existing, key, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (regs, 0)));
    }
  if (rc != SQLITE_DONE)
    return thidua_register_sql_fail (self->reg, error, "reading the register");
  return TRUE;
}

static const char *
known_fold (Known *k, const char *text)
{
  char *folded = g_hash_table_lookup (k->folded, text);

  if (folded == NULL)
    {
      folded = thidua_text_fold (text);
      g_hash_table_insert (k->folded, g_strdup (text), folded);
    }
  return folded;
}

static gint64
known_unit (Known *k, const char *name)
{
  return (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (k->units, known_fold (k, name)));
}

/* The stable key of who a row is about: an existing person or unit by id,
 * a new one by its folded name, unit and birth year. */
static char *
who_key (Known *k, ImportRow *r)
{
  const char *name_key = r->name_key;
  gint64 unit_id = *r->unit ? known_unit (k, r->unit) : 0;

  if (r->collective)
    {
      gint64 id = known_unit (k, r->name);
      if (id > 0)
        return g_strdup_printf ("U%" G_GINT64_FORMAT, id);
      return g_strdup_printf ("NU%s", name_key);
    }
  if (*r->unit == '\0' || unit_id > 0)
    {
      g_autofree char *pkey = g_strdup_printf ("%s|%" G_GINT64_FORMAT, name_key, unit_id);
      GArray *list = g_hash_table_lookup (k->people, pkey);

      for (guint i = 0; list && i < list->len; i += 2)
        {
          gint64 birth = g_array_index (list, gint64, i + 1);
          /* without a birth year in the file, the first of that name and unit */
          if (r->birth_year == 0 || birth == r->birth_year || birth == 0)
            return g_strdup_printf ("P%" G_GINT64_FORMAT, g_array_index (list, gint64, i));
        }
    }
  return g_strdup_printf ("NP%s|%s|%d", name_key, known_fold (k, r->unit), r->birth_year);
}

static gboolean
prepare_row (ThiduaRegisterImport *self, const ThiduaTable *table, guint index, guint number,
             int section_kind, TitleMatcher *matcher, Known *known, GHashTable *seen)
{
  ThiduaCatalog *catalog = thidua_register_get_catalog (self->reg);
  g_autofree char *name = cell (self, table, index, THIDUA_IMPORT_COLUMN_NAME);
  g_autofree char *kind_text = cell (self, table, index, THIDUA_IMPORT_COLUMN_KIND);
  g_autofree char *year_text = cell (self, table, index, THIDUA_IMPORT_COLUMN_YEAR);
  g_autofree char *birth_text = cell (self, table, index, THIDUA_IMPORT_COLUMN_BIRTH_YEAR);
  g_autofree char *status_text = cell (self, table, index, THIDUA_IMPORT_COLUMN_STATUS);
  g_autofree char *result_text = cell (self, table, index, THIDUA_IMPORT_COLUMN_RESULT);
  ImportRow *r;
  int kind;
  static const ThiduaImportColumn title_columns[] = {
    THIDUA_IMPORT_COLUMN_TITLE, THIDUA_IMPORT_COLUMN_REWARD, THIDUA_IMPORT_COLUMN_RATING
  };
  gboolean all_collective = TRUE;

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
    kind = section_kind;

  r = g_new0 (ImportRow, 1);
  r->row = number;
  r->name = g_steal_pointer (&name);
  r->position = cell (self, table, index, THIDUA_IMPORT_COLUMN_POSITION);
  r->unit = cell (self, table, index, THIDUA_IMPORT_COLUMN_UNIT);
  r->initiative = cell (self, table, index, THIDUA_IMPORT_COLUMN_INITIATIVE);
  r->note = cell (self, table, index, THIDUA_IMPORT_COLUMN_NOTE);
  r->decision = cell (self, table, index, THIDUA_IMPORT_COLUMN_DECISION);
  r->honorific = g_strdup ("");
  r->titles = g_ptr_array_new ();

  /* "Giảng viên, Khoa Lý luận cơ sở" in one column */
  if (self->column_index[THIDUA_IMPORT_COLUMN_POSITION_UNIT] >= 0)
    {
      g_autofree char *both = cell (self, table, index, THIDUA_IMPORT_COLUMN_POSITION_UNIT);
      const char *comma = strchr (both, ',');
      if (comma != NULL)
        {
          if (*r->position == '\0')
            {
              g_autofree char *head = g_strndup (both, comma - both);
              g_free (r->position);
              r->position = thidua_text_strip (head);
            }
          if (*r->unit == '\0')
            {
              g_free (r->unit);
              r->unit = thidua_text_strip (comma + 1);
            }
        }
      else if (*r->position == '\0' && *both)
        {
          g_free (r->position);
          r->position = g_steal_pointer (&both);
        }
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
      import_row_free (r);
      return FALSE;
    }
  if (!parse_status (status_text, &r->status))
    {
      reject (self, number, g_strdup_printf (_("“%s” in “Trạng thái” is not Đăng ký or Rút đăng ký"), status_text));
      import_row_free (r);
      return FALSE;
    }
  if (!parse_result (result_text, &r->result))
    {
      reject (self, number, g_strdup_printf (_("“%s” in “Kết quả” is not Đạt, Không đạt or Chưa xét"), result_text));
      import_row_free (r);
      return FALSE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (title_columns); c++)
    {
      g_autofree char *text = cell (self, table, index, title_columns[c]);
      g_autofree char *bad = NULL;
      GPtrArray *ids;

      if (*text == '\0')
        continue;
      ids = g_hash_table_lookup (matcher->cache, text);
      if (ids == NULL)
        {
          ids = match_titles (matcher, text, &bad);
          if (ids == NULL)
            {
              reject (self, number, g_strdup_printf (_("“%s” in “%s” is not a title or form of reward in the catalog"),
                                                     bad, self->column_header[title_columns[c]]));
              import_row_free (r);
              return FALSE;
            }
          g_hash_table_insert (matcher->cache, g_strdup (text), ids);
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
      import_row_free (r);
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
          import_row_free (r);
          return FALSE;
        }
    }

  if (!r->collective)
    {
      g_autoptr(ThiduaRegPerson) p = thidua_reg_person_new ();
      if (!thidua_reg_person_set_full_name (p, r->name))
        {
          reject (self, number, g_strdup (_("no name in the “Họ và tên” column")));
          import_row_free (r);
          return FALSE;
        }
      g_free (r->name);
      r->name = thidua_reg_person_dup_full_name (p);
      g_free (r->honorific);
      r->honorific = g_strdup (p->honorific);
      r->family_name = g_strdup (p->family_name);
      r->middle_name = g_strdup (p->middle_name);
      r->given_name = g_strdup (p->given_name);
    }
  r->name_key = thidua_text_fold (r->name);

  r->who_key = who_key (known, r);
  r->replace_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (r->replace_ids, r->titles->len);
  for (guint i = 0; i < r->titles->len; i++)
    {
      const char *id = g_ptr_array_index (r->titles, i);
      g_autofree char *key = g_strdup_printf ("%s\t%s", r->who_key, id);
      gpointer earlier = g_hash_table_lookup (seen, key);
      gsize existing = GPOINTER_TO_SIZE (g_hash_table_lookup (known->existing, key));

      if (earlier != NULL)
        {
          reject (self, number, g_strdup_printf (_("%s is registered for “%s” twice in the file (row %u)"),
                                                 r->name, thidua_catalog_lookup (catalog, id)->name,
                                                 GPOINTER_TO_UINT (earlier)));
          import_row_free (r);
          return FALSE;
        }
      if (existing != 0)
        {
          if (!self->replace)
            {
              reject (self, number, g_strdup_printf (_("%s is already registered for “%s” in %s "
                                                       "(kept; import with replace to update it)"),
                                                     r->name, thidua_catalog_lookup (catalog, id)->name,
                                                     self->year));
              import_row_free (r);
              return FALSE;
            }
          g_array_index (r->replace_ids, gint64, i) = (gint64) existing;
        }
    }
  for (guint i = 0; i < r->titles->len; i++)
    g_hash_table_insert (seen, g_strdup_printf ("%s\t%s", r->who_key, (char *) g_ptr_array_index (r->titles, i)),
                         GUINT_TO_POINTER (number));
  g_ptr_array_add (self->rows, r);
  return TRUE;
}

gboolean
thidua_register_import_prepare_table (ThiduaRegisterImport *self, const char *name,
                                      const ThiduaTable *table, GError **error)
{
  g_autofree char *label = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TitleMatcher matcher = { thidua_register_get_catalog (self->reg),
                           g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_ptr_array_unref) };
  Known known = { 0 };
  guint header_index = 0;
  int section_kind = -1;
  gboolean ok = TRUE;

  g_return_val_if_fail (THIDUA_IS_REGISTER_IMPORT (self), FALSE);

  if (!thidua_reg_year_parse (self->year, &label, NULL, NULL, error))
    {
      g_hash_table_unref (matcher.cache);
      return FALSE;
    }
  g_free (self->year);
  self->year = g_steal_pointer (&label);
  g_free (self->file);
  self->file = g_strdup (name);
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->rejections, 0);

  if (!find_header (self, table, &header_index))
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: no header row naming the columns (“Họ và tên” and “Danh hiệu thi đua” "
                     "or “Hình thức khen thưởng”) in its first 30 rows"), name);
      g_hash_table_unref (matcher.cache);
      return FALSE;
    }
  if (self->column_index[THIDUA_IMPORT_COLUMN_TITLE] < 0
      && self->column_index[THIDUA_IMPORT_COLUMN_REWARD] < 0
      && self->column_index[THIDUA_IMPORT_COLUMN_RATING] < 0)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: the header (row %u) has no “Danh hiệu thi đua” or “Hình thức khen thưởng” column"),
                   name, self->header_row);
      g_hash_table_unref (matcher.cache);
      return FALSE;
    }

  if (!load_known (self, &known, error))
    ok = FALSE;
  for (guint i = header_index + 1; ok && i < thidua_table_get_n_rows (table); i++)
    {
      guint number;
      const char * const *row = thidua_table_get_row (table, i, &number);
      int kind;

      if (row_is_blank (row) || row_is_numbering (row))
        continue;
      if ((kind = row_section_kind (row)) >= 0)
        {
          section_kind = kind;
          continue;
        }
      prepare_row (self, table, i, number, section_kind, &matcher, &known, seen);
    }
  known_clear (&known);
  g_hash_table_unref (matcher.cache);
  return ok;
}

gboolean
thidua_register_import_prepare_file (ThiduaRegisterImport *self, const char *path, GError **error)
{
  g_autoptr(ThiduaTable) table = thidua_table_load (path, error);

  if (table == NULL)
    return FALSE;
  return thidua_register_import_prepare_table (self, path, table, error);
}

/* ---- commit ---- */

typedef struct {
  ThiduaRegisterImport *self;
  ThiduaImportProgress  progress;
  gpointer              user_data;
  gint64                import_id;
  guint                 n_registrations;
} Commit;

typedef struct {
  sqlite3_stmt *find_unit;
  sqlite3_stmt *find_child;
  sqlite3_stmt *add_unit;
  sqlite3_stmt *add_person;
  sqlite3_stmt *update_person;
  sqlite3_stmt *add_reg;
  sqlite3_stmt *save_old;
  sqlite3_stmt *replace_reg;
  GHashTable   *unit_ids;    /* folded name → id (this import's and found ones) */
  GHashTable   *who_ids;     /* who key → id */
} Stmts;

static void
stmts_clear (Stmts *s)
{
  g_clear_pointer (&s->find_unit, sqlite3_finalize);
  g_clear_pointer (&s->find_child, sqlite3_finalize);
  g_clear_pointer (&s->add_unit, sqlite3_finalize);
  g_clear_pointer (&s->add_person, sqlite3_finalize);
  g_clear_pointer (&s->update_person, sqlite3_finalize);
  g_clear_pointer (&s->add_reg, sqlite3_finalize);
  g_clear_pointer (&s->save_old, sqlite3_finalize);
  g_clear_pointer (&s->replace_reg, sqlite3_finalize);
  g_clear_pointer (&s->unit_ids, g_hash_table_unref);
  g_clear_pointer (&s->who_ids, g_hash_table_unref);
}

static gboolean
step_done (Commit *c, sqlite3_stmt *stmt, const char *doing, GError **error)
{
  int rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return thidua_register_sql_fail (c->self->reg, error, doing);
  return TRUE;
}

/* The unit of that name (under parent when given), created when new. */
static gint64
ensure_unit (Commit *c, Stmts *s, const char *name, gint64 parent_id, GError **error)
{
  sqlite3 *db = thidua_register_get_db (c->self->reg);
  g_autofree char *key = thidua_text_fold (name);
  g_autofree char *cache_key = g_strdup_printf ("%" G_GINT64_FORMAT "|%s", parent_id, key);
  g_autofree char *sort_key = NULL;
  gint64 id;

  id = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (s->unit_ids, cache_key));
  if (id > 0)
    return id;
  if (parent_id > 0)
    {
      sqlite3_bind_int64 (s->find_child, 1, parent_id);
      reg_bind_text (s->find_child, 2, key);
      id = sqlite3_step (s->find_child) == SQLITE_ROW ? sqlite3_column_int64 (s->find_child, 0) : 0;
      sqlite3_reset (s->find_child);
    }
  else
    {
      reg_bind_text (s->find_unit, 1, key);
      id = sqlite3_step (s->find_unit) == SQLITE_ROW ? sqlite3_column_int64 (s->find_unit, 0) : 0;
      sqlite3_reset (s->find_unit);
    }
  if (id == 0)
    {
      sort_key = thidua_text_collate_key (name);
      reg_bind_id (s->add_unit, 1, parent_id);
      reg_bind_text (s->add_unit, 2, name);
      reg_bind_text (s->add_unit, 3, key);
      reg_bind_text (s->add_unit, 4, sort_key);
      sqlite3_bind_int64 (s->add_unit, 5, c->import_id);
      sqlite3_bind_int64 (s->add_unit, 6, g_get_real_time () / G_USEC_PER_SEC);
      if (!step_done (c, s->add_unit, "adding a unit", error))
        return 0;
      id = sqlite3_last_insert_rowid (db);
    }
  g_hash_table_insert (s->unit_ids, g_steal_pointer (&cache_key), GSIZE_TO_POINTER ((gsize) id));
  return id;
}

static gboolean
commit_row (Commit *c, Stmts *s, gint64 year_id, ImportRow *r, GError **error)
{
  sqlite3 *db = thidua_register_get_db (c->self->reg);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 person_id = 0, unit_id = 0;
  gint64 known = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (s->who_ids, r->who_key));

  if (r->collective)
    {
      gint64 parent = 0;
      if (known > 0)
        unit_id = known;
      else
        {
          if (*r->unit)
            {
              g_autofree char *a = thidua_text_fold (r->unit);
              g_autofree char *b = thidua_text_fold (r->name);
              if (!g_str_equal (a, b) && (parent = ensure_unit (c, s, r->unit, 0, error)) == 0)
                return FALSE;
            }
          if (r->who_key[0] == 'U')
            unit_id = g_ascii_strtoll (r->who_key + 1, NULL, 10);
          else if ((unit_id = ensure_unit (c, s, r->name, parent, error)) == 0)
            return FALSE;
          g_hash_table_insert (s->who_ids, g_strdup (r->who_key), GSIZE_TO_POINTER ((gsize) unit_id));
        }
    }
  else
    {
      if (*r->unit && (unit_id = ensure_unit (c, s, r->unit, 0, error)) == 0)
        return FALSE;
      if (known > 0)
        person_id = known;
      else if (r->who_key[0] == 'P')
        {
          person_id = g_ascii_strtoll (r->who_key + 1, NULL, 10);
          if (c->self->replace && *r->position)
            {
              reg_bind_text (s->update_person, 1, r->position);
              sqlite3_bind_int64 (s->update_person, 2, person_id);
              if (!step_done (c, s->update_person, "updating a person", error))
                return FALSE;
            }
        }
      else
        {
          g_autofree char *sort_key = thidua_text_person_sort_key (r->name);
          const char *key = r->name_key;

          reg_bind_text (s->add_person, 1, r->honorific);
          reg_bind_text (s->add_person, 2, r->family_name);
          reg_bind_text (s->add_person, 3, r->middle_name);
          reg_bind_text (s->add_person, 4, r->given_name);
          reg_bind_text (s->add_person, 5, r->position);
          reg_bind_id (s->add_person, 6, unit_id);
          if (r->birth_year)
            sqlite3_bind_int (s->add_person, 7, r->birth_year);
          else
            sqlite3_bind_null (s->add_person, 7);
          reg_bind_text (s->add_person, 8, key);
          reg_bind_text (s->add_person, 9, sort_key);
          sqlite3_bind_int64 (s->add_person, 10, c->import_id);
          sqlite3_bind_int64 (s->add_person, 11, now);
          if (!step_done (c, s->add_person, "adding a person", error))
            return FALSE;
          person_id = sqlite3_last_insert_rowid (db);
        }
      g_hash_table_insert (s->who_ids, g_strdup (r->who_key), GSIZE_TO_POINTER ((gsize) person_id));
    }

  for (guint i = 0; i < r->titles->len; i++)
    {
      gint64 replaces = g_array_index (r->replace_ids, gint64, i);

      if (replaces > 0)
        {
          sqlite3_bind_int64 (s->save_old, 1, c->import_id);
          sqlite3_bind_int64 (s->save_old, 2, replaces);
          if (!step_done (c, s->save_old, "keeping what the import replaces", error))
            return FALSE;
          reg_bind_text (s->replace_reg, 1, r->initiative);
          reg_bind_text (s->replace_reg, 2, thidua_reg_status_to_string (r->status));
          reg_bind_text (s->replace_reg, 3, thidua_reg_result_to_string (r->result));
          reg_bind_text (s->replace_reg, 4, r->decision);
          reg_bind_text (s->replace_reg, 5, r->note);
          sqlite3_bind_int64 (s->replace_reg, 6, now);
          sqlite3_bind_int64 (s->replace_reg, 7, replaces);
          if (!step_done (c, s->replace_reg, "updating a registration", error))
            return FALSE;
          c->n_registrations++;
          continue;
        }
      sqlite3_bind_int64 (s->add_reg, 1, year_id);
      reg_bind_id (s->add_reg, 2, person_id);
      reg_bind_id (s->add_reg, 3, unit_id);
      reg_bind_text (s->add_reg, 4, g_ptr_array_index (r->titles, i));
      reg_bind_text (s->add_reg, 5, r->initiative);
      reg_bind_text (s->add_reg, 6, thidua_reg_status_to_string (r->status));
      reg_bind_text (s->add_reg, 7, thidua_reg_result_to_string (r->result));
      reg_bind_text (s->add_reg, 8, r->decision);
      reg_bind_text (s->add_reg, 9, r->note);
      sqlite3_bind_int64 (s->add_reg, 10, c->import_id);
      sqlite3_bind_int64 (s->add_reg, 11, now);
      if (!step_done (c, s->add_reg, "adding a registration", error))
        return FALSE;
      c->n_registrations++;
    }
  return TRUE;
}

static gboolean
commit_txn (ThiduaStore *store, gpointer data, GError **error)
{
  Commit *c = data;
  ThiduaRegisterImport *self = c->self;
  ThiduaRegister *reg = self->reg;
  Stmts s = { 0 };
  g_autoptr(sqlite3_stmt) batch = NULL;
  g_autoptr(sqlite3_stmt) counts = NULL;
  gint64 year_id;
  gboolean ok = TRUE;

  year_id = thidua_register_ensure_year (reg, self->year, TRUE, error);
  if (year_id == 0)
    return FALSE;
  batch = thidua_register_prepare (reg,
      "INSERT INTO reg_imports (file, year, created) VALUES (?1, ?2, ?3)", "recording the import", error);
  if (batch == NULL)
    return FALSE;
  reg_bind_text (batch, 1, self->file);
  reg_bind_text (batch, 2, self->year);
  sqlite3_bind_int64 (batch, 3, g_get_real_time () / G_USEC_PER_SEC);
  if (sqlite3_step (batch) != SQLITE_DONE)
    return thidua_register_sql_fail (reg, error, "recording the import");
  c->import_id = sqlite3_last_insert_rowid (thidua_register_get_db (reg));

#define PREP(field, sql) \
  if (ok && (s.field = thidua_register_prepare (reg, sql, "importing", error)) == NULL) ok = FALSE
  PREP (find_unit, "SELECT id FROM units WHERE name_key = ?1 ORDER BY parent_id IS NOT NULL, id LIMIT 1");
  PREP (find_child, "SELECT id FROM units WHERE parent_id = ?1 AND name_key = ?2");
  PREP (add_unit, "INSERT INTO units (parent_id, name, name_key, sort_key, import_id, created) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  PREP (add_person, "INSERT INTO people (honorific, family_name, middle_name, given_name, position, "
                    "unit_id, birth_year, name_key, sort_key, import_id, created) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  PREP (update_person, "UPDATE people SET position = ?1 WHERE id = ?2");
  PREP (add_reg, "INSERT INTO registrations (year_id, person_id, unit_id, title, initiative, status, "
                 "result, decision, note, import_id, created, modified) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)");
  PREP (save_old, "INSERT INTO reg_import_replaced (import_id, registration_id, initiative, status, "
                  "result, decision, note, plan_id) SELECT ?1, id, initiative, status, result, decision, "
                  "note, plan_id FROM registrations WHERE id = ?2");
  PREP (replace_reg, "UPDATE registrations SET initiative = ?1, status = ?2, result = ?3, decision = ?4, "
                     "note = ?5, modified = ?6 WHERE id = ?7");
#undef PREP
  s.unit_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s.who_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; ok && i < self->rows->len; i++)
    {
      ok = commit_row (c, &s, year_id, g_ptr_array_index (self->rows, i), error);
      if (c->progress != NULL && (i % 1000 == 999 || i + 1 == self->rows->len))
        c->progress (i + 1, self->rows->len, c->user_data);
    }
  stmts_clear (&s);
  if (!ok)
    return FALSE;

  counts = thidua_register_prepare (reg, "UPDATE reg_imports SET imported = ?1, rejected = ?2 WHERE id = ?3",
                                    "recording the import", error);
  if (counts == NULL)
    return FALSE;
  sqlite3_bind_int (counts, 1, (int) self->rows->len);
  sqlite3_bind_int (counts, 2, (int) self->rejections->len);
  sqlite3_bind_int64 (counts, 3, c->import_id);
  if (sqlite3_step (counts) != SQLITE_DONE)
    return thidua_register_sql_fail (reg, error, "recording the import");
  return TRUE;
}

gint64
thidua_register_import_commit (ThiduaRegisterImport *self, ThiduaImportProgress progress,
                               gpointer user_data, GError **error)
{
  Commit c = { self, progress, user_data, 0, 0 };
  sqlite3 *db;
  int cache_size = 0;
  gboolean ok;

  g_return_val_if_fail (THIDUA_IS_REGISTER_IMPORT (self), 0);
  g_return_val_if_fail (self->file != NULL, 0);

  /* A big import touches the indexes all over: a larger page cache for
   * its duration keeps them in memory (the default is 2 MB). */
  db = thidua_register_get_db (self->reg);
  {
    g_autoptr(sqlite3_stmt) get = thidua_register_prepare (self->reg, "PRAGMA cache_size", "importing", NULL);
    if (get != NULL && sqlite3_step (get) == SQLITE_ROW)
      cache_size = sqlite3_column_int (get, 0);
  }
  if (cache_size != 0 && self->rows->len > 5000)
    sqlite3_exec (db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
  ok = thidua_store_transaction (thidua_register_get_store (self->reg), commit_txn, &c, error);
  if (cache_size != 0 && self->rows->len > 5000)
    {
      g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %d", cache_size);
      sqlite3_exec (db, restore, NULL, NULL, NULL);
    }
  if (!ok)
    return 0;
  self->n_registrations = c.n_registrations;
  return c.import_id;
}

/* ---- undo ---- */

typedef struct {
  ThiduaRegister *reg;
  gint64          import_id;
} Undo;

static gboolean
undo_txn (ThiduaStore *store, gpointer data, GError **error)
{
  Undo *u = data;
  g_autoptr(sqlite3_stmt) check = NULL;
  static const char * const steps[] = {
    /* registrations the import added (not the ones it only updated) */
    "DELETE FROM registrations WHERE import_id = ?1",
    /* values it replaced */
    "UPDATE registrations SET initiative = o.initiative, status = o.status, result = o.result, "
    "  decision = o.decision, note = o.note, plan_id = o.plan_id "
    "FROM (SELECT * FROM reg_import_replaced WHERE import_id = ?1) AS o "
    "WHERE registrations.id = o.registration_id",
    "DELETE FROM reg_import_replaced WHERE import_id = ?1",
    /* people and units it created, when nothing else uses them */
    "DELETE FROM people WHERE import_id = ?1 "
    "  AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.person_id = people.id)",
    "DELETE FROM units WHERE import_id = ?1 "
    "  AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.unit_id = units.id) "
    "  AND NOT EXISTS (SELECT 1 FROM people p WHERE p.unit_id = units.id) "
    "  AND NOT EXISTS (SELECT 1 FROM units c WHERE c.parent_id = units.id)",
    /* a parent unit whose only child just went */
    "DELETE FROM units WHERE import_id = ?1 "
    "  AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.unit_id = units.id) "
    "  AND NOT EXISTS (SELECT 1 FROM people p WHERE p.unit_id = units.id) "
    "  AND NOT EXISTS (SELECT 1 FROM units c WHERE c.parent_id = units.id)",
    "UPDATE reg_imports SET undone = 1 WHERE id = ?1",
  };

  check = thidua_register_prepare (u->reg, "SELECT undone FROM reg_imports WHERE id = ?1",
                                   "undoing an import", error);
  if (check == NULL)
    return FALSE;
  sqlite3_bind_int64 (check, 1, u->import_id);
  if (sqlite3_step (check) != SQLITE_ROW)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND,
                   "there is no import %" G_GINT64_FORMAT, u->import_id);
      return FALSE;
    }
  if (sqlite3_column_int (check, 0))
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   "import %" G_GINT64_FORMAT " has already been undone", u->import_id);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = thidua_register_prepare (u->reg, steps[i], "undoing an import", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, u->import_id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return thidua_register_sql_fail (u->reg, error, "undoing an import");
    }
  return TRUE;
}

gboolean
thidua_register_undo_import (ThiduaRegister *reg, gint64 import_id, GError **error)
{
  Undo u = { reg, import_id };

  g_return_val_if_fail (THIDUA_IS_REGISTER (reg), FALSE);
  return thidua_store_transaction (thidua_register_get_store (reg), undo_txn, &u, error);
}
