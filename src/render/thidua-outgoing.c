/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-outgoing.c — "Sổ đăng ký văn bản đi" (Nghị định 30, Phụ lục IV):
 * one row per issued document, columns (1)–(10) of the form; "ngày chuyển"
 * and "ký nhận" are left for the clerk's pen. */
#include "config.h"
#include "thidua-outgoing.h"
#include "thidua-markup.h"
#include "thidua-profile.h"
#include "thidua-render.h"

#include <stdio.h>

typedef struct {
  const char           *header;
  double                weight;
  ThiduaBodyTableAlign  align;
} Column;

static const Column columns[] = {
  { "Số, ký hiệu văn bản", 14, THIDUA_BODY_TABLE_ALIGN_CENTER },
  { "Ngày tháng văn bản", 9, THIDUA_BODY_TABLE_ALIGN_CENTER },
  { "Tên loại và trích yếu nội dung văn bản", 20, THIDUA_BODY_TABLE_ALIGN_LEFT },
  { "Người ký", 11, THIDUA_BODY_TABLE_ALIGN_LEFT },
  { "Nơi nhận văn bản", 14, THIDUA_BODY_TABLE_ALIGN_LEFT },
  { "Đơn vị, người nhận bản lưu", 9, THIDUA_BODY_TABLE_ALIGN_LEFT },
  { "Số lượng bản", 6, THIDUA_BODY_TABLE_ALIGN_CENTER },
  { "Ngày chuyển", 7, THIDUA_BODY_TABLE_ALIGN_CENTER },
  { "Ký nhận", 6, THIDUA_BODY_TABLE_ALIGN_CENTER },
  { "Ghi chú", 9, THIDUA_BODY_TABLE_ALIGN_LEFT },
};

/* "2026-12-06" → "06/12/2026" */
static char *
display_date (const char *iso)
{
  guint y = 0, m = 0, d = 0;

  if (sscanf (iso, "%u-%u-%u", &y, &m, &d) != 3)
    return g_strdup (iso);
  return g_strdup_printf ("%02u/%02u/%04u", d, m, y);
}

ThiduaLayout *
thidua_outgoing_layout_new (ThiduaStore *store, guint year, ThiduaPlan **plan_out, GError **error)
{
  g_autoptr(GPtrArray) entries = thidua_lifecycle_numbers (store, year, error);
  g_autoptr(ThiduaBodyTable) table = thidua_body_table_new ();
  g_autoptr(ThiduaBody) body = thidua_body_new ();
  g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
  g_autoptr(ThiduaProfile) profile = NULL;
  g_autofree char *subject = g_strdup_printf ("Năm %u", year);
  ThiduaLayoutForm form = { 0 };
  ThiduaLayout *layout;
  const char *body_name = NULL;

  if (entries == NULL)
    return NULL;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    thidua_body_table_add_column (table, columns[c].header, columns[c].weight, columns[c].align);
  thidua_body_table_set_has_header (table, TRUE);

  for (guint i = 0; i < entries->len; i++)
    {
      ThiduaOutgoingEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *date = display_date (e->issued_on);
      g_autofree char *title = g_strdup_printf ("%s %s", e->type_name, e->subject);
      g_autofree char *note = NULL;
      const char *cells[G_N_ELEMENTS (columns)];

      if (e->replaces != 0)
        note = g_strdup_printf ("Thay thế văn bản của kế hoạch %" G_GINT64_FORMAT, e->replaces);
      else if (g_strcmp0 (e->status, "replaced") == 0)
        note = g_strdup ("Đã được thay thế");
      cells[0] = e->number_and_symbol;
      cells[1] = date;
      cells[2] = title;
      cells[3] = e->signer;
      cells[4] = e->recipients;
      cells[5] = e->filing;
      cells[6] = "";
      cells[7] = "";
      cells[8] = "";
      cells[9] = note ? note : "";
      thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_BODY, cells);
      /* One office's book: its name heads the form when every row agrees. */
      if (i == 0)
        body_name = e->issuing_body;
      else if (g_strcmp0 (body_name, e->issuing_body) != 0)
        body_name = "";
    }
  thidua_body_append_table (body, table);

  if (body_name != NULL)
    {
      g_autofree char *upper = g_utf8_strup (body_name, -1);
      thidua_plan_set_issuing_body (plan, upper);
    }
  thidua_plan_set_type_name (plan, "SỔ ĐĂNG KÝ VĂN BẢN ĐI");
  thidua_plan_set_subject (plan, subject);

  if ((profile = thidua_profile_load ("state", error)) == NULL)
    return NULL;
  form.landscape = TRUE;
  form.n_signatures = 1;
  form.signatures[0].title = "Văn thư";
  layout = thidua_layout_new (profile);
  thidua_layout_update_form (layout, plan, body, &form);
  if (plan_out != NULL)
    *plan_out = g_steal_pointer (&plan);
  return layout;
}

gboolean
thidua_outgoing_write_pdf (ThiduaStore *store, guint year, const char *path, GError **error)
{
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(ThiduaLayout) layout = thidua_outgoing_layout_new (store, year, &plan, error);

  if (layout == NULL)
    return FALSE;
  return thidua_render_to_pdf (layout, plan, path, error);
}
