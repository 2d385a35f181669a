/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-export.c — the register out to CSV or XLSX. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-register-export.h"

#include "thidua-csv.h"
#include "thidua-xlsx.h"

static const char * const headers[] = {
  "STT", "Họ và tên", "Chức vụ", "Đơn vị", "Loại", "Danh hiệu thi đua", "Hình thức khen thưởng",
  "Năm", "Sáng kiến", "Năm sinh", "Trạng thái", "Kết quả", "Số quyết định", "Ghi chú", NULL
};

static const char *
status_label (ThiduaRegStatus s)
{
  return s == THIDUA_REG_STATUS_WITHDRAWN ? "Rút đăng ký" : "Đăng ký";
}

static const char *
result_label (ThiduaRegResult r)
{
  switch (r)
    {
    case THIDUA_REG_RESULT_ACHIEVED: return "Đạt";
    case THIDUA_REG_RESULT_NOT_ACHIEVED: return "Không đạt";
    default: return "Chưa xét";
    }
}

ThiduaTable *
thidua_register_export_table (ThiduaRegister *reg, const char *year, GError **error)
{
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GHashTable) unit_names = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) parents = g_hash_table_new (g_int64_hash, g_int64_equal);
  ThiduaCatalog *catalog = thidua_register_get_catalog (reg);
  ThiduaTable *table;

  q.year = year;
  rows = thidua_register_query (reg, &q, error);
  if (rows == NULL)
    return NULL;
  units = thidua_register_list_units (reg, error);
  if (units == NULL)
    return NULL;
  for (guint i = 0; i < units->len; i++)
    {
      ThiduaRegUnit *u = g_ptr_array_index (units, i);
      g_hash_table_insert (unit_names, &u->id, u->name);
      g_hash_table_insert (parents, &u->id, &u->parent_id);
    }

  table = thidua_table_new ();
  thidua_table_take_row (table, 1, g_strdupv ((char **) headers));
  for (guint i = 0; i < rows->len; i++)
    {
      ThiduaRegistration *r = g_ptr_array_index (rows, i);
      const ThiduaTitle *t = thidua_catalog_lookup (catalog, r->title);
      gboolean reward = t && t->kind == THIDUA_TITLE_KIND_REWARD;
      const char *name = t ? t->name : r->title;
      const char *unit = r->unit_name;
      char **cells = g_new0 (char *, G_N_ELEMENTS (headers));

      /* a collective: its own name, then the unit it belongs to */
      if (r->person_id == 0)
        {
          gint64 *parent = g_hash_table_lookup (parents, &r->unit_id);
          unit = parent && *parent ? g_hash_table_lookup (unit_names, parent) : "";
        }
      cells[0] = g_strdup_printf ("%u", i + 1);
      /* "Bà Trần Thị Bình": the honorific travels with the name */
      cells[1] = r->person_id == 0 ? g_strdup (r->unit_name)
                 : *r->honorific ? g_strdup_printf ("%s %s", r->honorific, r->person_name)
                 : g_strdup (r->person_name);
      cells[2] = g_strdup (r->position);
      cells[3] = g_strdup (unit ? unit : "");
      cells[4] = g_strdup (r->person_id ? "Cá nhân" : "Tập thể");
      cells[5] = g_strdup (reward ? "" : name);
      cells[6] = g_strdup (reward ? name : "");
      cells[7] = g_strdup (r->year);
      cells[8] = g_strdup (r->initiative);
      cells[9] = r->birth_year ? g_strdup_printf ("%d", r->birth_year) : g_strdup ("");
      cells[10] = g_strdup (status_label (r->status));
      cells[11] = g_strdup (result_label (r->result));
      cells[12] = g_strdup (r->decision);
      cells[13] = g_strdup (r->note);
      thidua_table_take_row (table, i + 2, cells);
    }
  return table;
}

gboolean
thidua_register_export (ThiduaRegister *reg, const char *year, const char *path, GError **error)
{
  g_autoptr(ThiduaTable) table = NULL;
  g_autofree char *lower = g_ascii_strdown (path, -1);
  gboolean xlsx = g_str_has_suffix (lower, ".xlsx");

  if (!xlsx && !g_str_has_suffix (lower, ".csv"))
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_UNSUPPORTED,
                   _("%s: export writes .csv or .xlsx files"), path);
      return FALSE;
    }
  table = thidua_register_export_table (reg, year, error);
  if (table == NULL)
    return FALSE;
  if (xlsx)
    {
      g_autofree char *sheet = g_strdup_printf ("Đăng ký %s", year);
      return thidua_xlsx_write (path, sheet, table, error);
    }
  return thidua_csv_write (path, table, error);
}
