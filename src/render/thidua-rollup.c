/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-rollup.c — "Bảng tổng hợp đăng ký thi đua" across offices: one
 * group of rows per office (this office first), a row per title, and the
 * totals per title; the same table block and form as the register's own
 * summary, so the header row repeats and no row splits across pages. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "thidua-rollup.h"
#include "thidua-exchange.h"
#include "thidua-profile.h"
#include "thidua-render.h"

static const char *
title_name (ThiduaCatalog *catalog, const char *id)
{
  const ThiduaTitle *t = thidua_catalog_lookup (catalog, id);
  return t ? t->name : id;
}

ThiduaLayout *
thidua_rollup_new_layout (ThiduaRegister *reg, const char *year, ThiduaPlan **header,
                          GError **error)
{
  ThiduaStore *store = thidua_register_get_store (reg);
  ThiduaCatalog *catalog = thidua_register_get_catalog (reg);
  g_autofree char *label = NULL;
  gboolean school = FALSE;

  if (!thidua_reg_year_parse (year, &label, NULL, &school, error))
    return NULL;
  g_autoptr(GPtrArray) tallies = thidua_exchange_rollup (store, label, error);
  if (tallies == NULL)
    return NULL;
  g_autoptr(ThiduaOffice) office = thidua_store_get_office (store, error);
  if (office == NULL)
    return NULL;

  g_autoptr(ThiduaBodyTable) table = thidua_body_table_new ();   /* the body keeps its own reference */
  thidua_body_table_add_column (table, "STT", 0.6, THIDUA_BODY_TABLE_ALIGN_CENTER);
  thidua_body_table_add_column (table, "Danh hiệu hoặc hình thức khen thưởng", 5.0, THIDUA_BODY_TABLE_ALIGN_LEFT);
  thidua_body_table_add_column (table, "Số đăng ký", 1.4, THIDUA_BODY_TABLE_ALIGN_RIGHT);
  thidua_body_table_add_column (table, "Số đạt", 1.4, THIDUA_BODY_TABLE_ALIGN_RIGHT);

  /* Totals per title, in first-seen order. */
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) reg_total = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ach_total = g_hash_table_new (g_str_hash, g_str_equal);
  const char *current = NULL;
  guint n = 0, offices = 0;
  for (guint i = 0; i < tallies->len; i++)
    {
      ThiduaExchangeTally *t = g_ptr_array_index (tallies, i);
      if (current == NULL || !g_str_equal (current, t->office))
        {
          const char *group[] = { t->office, NULL };
          thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_GROUP, group);
          current = t->office;
          offices++;
          n = 0;
        }
      g_autofree char *stt = g_strdup_printf ("%u", ++n);
      g_autofree char *r = g_strdup_printf ("%u", t->registered);
      g_autofree char *a = g_strdup_printf ("%u", t->achieved);
      const char *cells[] = { stt, title_name (catalog, t->title), r, a, NULL };
      thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_BODY, cells);
      if (!g_hash_table_contains (reg_total, t->title))
        g_ptr_array_add (order, t->title);
      g_hash_table_insert (reg_total, t->title,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (reg_total, t->title)) + t->registered));
      g_hash_table_insert (ach_total, t->title,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (ach_total, t->title)) + t->achieved));
    }
  g_autofree char *all = g_strdup_printf ("Cộng (%u đơn vị)", offices);
  const char *group[] = { all, NULL };
  thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_GROUP, group);
  guint sum_r = 0, sum_a = 0;
  for (guint i = 0; i < order->len; i++)
    {
      const char *id = g_ptr_array_index (order, i);
      guint r = GPOINTER_TO_UINT (g_hash_table_lookup (reg_total, id));
      guint a = GPOINTER_TO_UINT (g_hash_table_lookup (ach_total, id));
      g_autofree char *stt = g_strdup_printf ("%u", i + 1);
      g_autofree char *rs = g_strdup_printf ("%u", r);
      g_autofree char *as = g_strdup_printf ("%u", a);
      const char *cells[] = { stt, title_name (catalog, id), rs, as, NULL };
      thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_BODY, cells);
      sum_r += r;
      sum_a += a;
    }
  g_autofree char *rs = g_strdup_printf ("%u", sum_r);
  g_autofree char *as = g_strdup_printf ("%u", sum_a);
  const char *total[] = { "", "Cộng", rs, as, NULL };
  thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_TOTAL, total);

  g_autoptr(ThiduaBody) body = thidua_body_new ();
  thidua_body_append_table (body, table);

  g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
  g_autofree char *issuing = g_utf8_strup (office->name, -1);
  g_autofree char *superior = g_utf8_strup (office->parent, -1);
  g_autofree char *title = g_strdup_printf ("BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA %s %s CỦA CÁC ĐƠN VỊ",
                                            school ? "NĂM HỌC" : "NĂM", label);
  thidua_plan_set_superior_body (plan, superior);
  thidua_plan_set_issuing_body (plan, issuing);
  thidua_plan_set_type_name (plan, title);
  thidua_plan_set_subject (plan, "");

  g_autoptr(ThiduaProfile) profile = thidua_profile_load ("state", error);
  if (profile == NULL)
    return NULL;
  ThiduaLayoutForm form = { 0 };
  form.landscape = TRUE;
  form.n_signatures = 2;
  form.signatures[0].title = "Người lập biểu";
  form.signatures[1].title = "Thủ trưởng đơn vị";
  form.signatures[1].name = office->signer[0] ? office->signer : NULL;
  ThiduaLayout *layout = thidua_layout_new (profile);
  thidua_layout_update_form (layout, plan, body, &form);
  if (header != NULL)
    *header = g_steal_pointer (&plan);
  return layout;
}

gboolean
thidua_rollup_write_pdf (ThiduaRegister *reg, const char *year, const char *path, GError **error)
{
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(ThiduaLayout) layout = thidua_rollup_new_layout (reg, year, &plan, error);
  if (layout == NULL)
    return FALSE;
  return thidua_render_to_pdf (layout, plan, path, error);
}
