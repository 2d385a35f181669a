/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-targets.c — a plan's targets: storage and wording. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-register-targets.h"
#include "thidua-register-private.h"

#include <math.h>

ThiduaPlanTarget *
thidua_plan_target_new (const char *title, double min_value, double max_value,
                        ThiduaTargetMeasure measure, const char *base)
{
  ThiduaPlanTarget *t = g_new0 (ThiduaPlanTarget, 1);

  t->title = g_strdup (title ? title : "");
  t->min_value = min_value;
  t->max_value = max_value;
  t->measure = measure;
  t->base = g_strdup (base ? base : "staff");
  return t;
}

void
thidua_plan_target_free (ThiduaPlanTarget *t)
{
  if (t == NULL)
    return;
  g_free (t->title);
  g_free (t->base);
  g_free (t);
}

gboolean
thidua_plan_target_validate (const ThiduaPlanTarget *t, ThiduaCatalog *catalog, GError **error)
{
  const ThiduaTitle *title = thidua_catalog_lookup (catalog, t->title);

  if (title == NULL)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("target: “%s” is not a title in the catalog"), t->title);
      return FALSE;
    }
  if (!g_str_equal (t->base, "staff") && !g_str_equal (t->base, "units")
      && thidua_catalog_lookup (catalog, t->base) == NULL)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("target for “%s”: “%s” is not staff, units or a title in the catalog"),
                   title->name, t->base);
      return FALSE;
    }
  if (t->min_value < 0 && t->max_value < 0)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("target for “%s” has neither a lower nor an upper bound"), title->name);
      return FALSE;
    }
  if (t->measure == THIDUA_TARGET_PERCENT && (t->min_value > 100 || t->max_value > 100))
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("target for “%s”: a percentage cannot exceed 100"), title->name);
      return FALSE;
    }
  if (t->min_value >= 0 && t->max_value >= 0 && t->min_value > t->max_value)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("target for “%s”: the lower bound %g is above the upper bound %g"),
                   title->name, t->min_value, t->max_value);
      return FALSE;
    }
  return TRUE;
}

static char *
format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (fabs (v - round (v)) < 1e-9)
    return g_strdup_printf ("%.0f", v);
  /* Vietnamese writes a decimal comma: 12,5% */
  g_ascii_formatd (buf, sizeof buf, "%.1f", v);
  for (char *p = buf; *p; p++)
    if (*p == '.')
      *p = ',';
  return g_strdup (buf);
}

char *
thidua_plan_target_to_sentence (const ThiduaPlanTarget *t, ThiduaCatalog *catalog)
{
  const ThiduaTitle *title = thidua_catalog_lookup (catalog, t->title);
  const ThiduaTitle *base_title = thidua_catalog_lookup (catalog, t->base);
  g_autofree char *lo = t->min_value >= 0 ? format_number (t->min_value) : NULL;
  g_autofree char *hi = t->max_value >= 0 ? format_number (t->max_value) : NULL;
  const char *pct = t->measure == THIDUA_TARGET_PERCENT ? "%" : "";
  gboolean collective = title && title->subject == THIDUA_SUBJECT_COLLECTIVE;
  const char *who = collective ? "tập thể" : "cá nhân";
  const char *verb = title && title->kind == THIDUA_TITLE_KIND_RATING ? "xếp loại"
                     : title && title->kind == THIDUA_TITLE_KIND_REWARD ? "được tặng"
                     : "đạt danh hiệu";
  g_autoptr(GString) s = g_string_new (NULL);

  if (title == NULL)
    return g_strdup ("");
  if (lo && hi && g_strcmp0 (lo, hi) != 0)
    g_string_append_printf (s, "Có từ %s - %s%s %s", lo, hi, pct, who);
  else if (lo && hi)
    g_string_append_printf (s, "Có %s%s %s", lo, pct, who);
  else if (lo)
    g_string_append_printf (s, "Có từ %s%s trở lên %s", lo, pct, who);
  else
    g_string_append_printf (s, "Không quá %s%s %s", hi, pct, who);
  g_string_append_printf (s, " %s “%s”", verb, title->name);

  if (t->measure == THIDUA_TARGET_PERCENT)
    {
      if (base_title != NULL)
        g_string_append_printf (s, " trong tổng số %s đạt danh hiệu “%s”",
                                base_title->subject == THIDUA_SUBJECT_COLLECTIVE ? "tập thể" : "cá nhân",
                                base_title->name);
      else if (g_str_equal (t->base, "units"))
        g_string_append (s, " trong tổng số tập thể");
      else
        g_string_append (s, " trong tổng số cán bộ, viên chức, người lao động");
    }
  g_string_append_c (s, ';');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

GPtrArray *
thidua_register_get_targets (ThiduaRegister *self, gint64 plan_id, GError **error)
{
  g_autoptr(sqlite3_stmt) sel = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_plan_target_free);
  int rc;

  sel = thidua_register_prepare (self,
      "SELECT title, ifnull (min_value, -1), ifnull (max_value, -1), measure, base "
      "FROM plan_targets WHERE plan_id = ?1 ORDER BY position", "reading the plan's targets", error);
  if (sel == NULL)
    return NULL;
  sqlite3_bind_int64 (sel, 1, plan_id);
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    g_ptr_array_add (out, thidua_plan_target_new (reg_column_text (sel, 0),
                                                  sqlite3_column_double (sel, 1),
                                                  sqlite3_column_double (sel, 2),
                                                  g_str_equal (reg_column_text (sel, 3), "count")
                                                    ? THIDUA_TARGET_COUNT : THIDUA_TARGET_PERCENT,
                                                  reg_column_text (sel, 4)));
  if (rc != SQLITE_DONE)
    {
      thidua_register_sql_fail (self, error, "reading the plan's targets");
      return NULL;
    }
  return g_steal_pointer (&out);
}

typedef struct {
  ThiduaRegister *self;
  gint64          plan_id;
  GPtrArray      *targets;
} SetTargets;

static gboolean
set_targets_txn (ThiduaStore *store, gpointer data, GError **error)
{
  SetTargets *st = data;
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;

  del = thidua_register_prepare (st->self, "DELETE FROM plan_targets WHERE plan_id = ?1",
                                 "saving the plan's targets", error);
  ins = del ? thidua_register_prepare (st->self,
      "INSERT INTO plan_targets (plan_id, position, title, min_value, max_value, measure, base) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", "saving the plan's targets", error) : NULL;
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, st->plan_id);
  if (sqlite3_step (del) != SQLITE_DONE)
    return thidua_register_sql_fail (st->self, error, "saving the plan's targets");
  for (guint i = 0; i < st->targets->len; i++)
    {
      ThiduaPlanTarget *t = g_ptr_array_index (st->targets, i);

      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, st->plan_id);
      sqlite3_bind_int (ins, 2, (int) i);
      reg_bind_text (ins, 3, t->title);
      if (t->min_value >= 0) sqlite3_bind_double (ins, 4, t->min_value); else sqlite3_bind_null (ins, 4);
      if (t->max_value >= 0) sqlite3_bind_double (ins, 5, t->max_value); else sqlite3_bind_null (ins, 5);
      reg_bind_text (ins, 6, t->measure == THIDUA_TARGET_COUNT ? "count" : "percent");
      reg_bind_text (ins, 7, t->base);
      if (sqlite3_step (ins) != SQLITE_DONE)
        {
          if ((sqlite3_extended_errcode (thidua_register_get_db (st->self)) & 0xff) == SQLITE_CONSTRAINT)
            {
              g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND,
                           "there is no plan %" G_GINT64_FORMAT, st->plan_id);
              return FALSE;
            }
          return thidua_register_sql_fail (st->self, error, "saving the plan's targets");
        }
    }
  return TRUE;
}

gboolean
thidua_register_set_targets (ThiduaRegister *self, gint64 plan_id, GPtrArray *targets, GError **error)
{
  SetTargets st = { self, plan_id, targets };

  for (guint i = 0; i < targets->len; i++)
    if (!thidua_plan_target_validate (g_ptr_array_index (targets, i),
                                      thidua_register_get_catalog (self), error))
      return FALSE;
  return thidua_store_transaction (thidua_register_get_store (self), set_targets_txn, &st, error);
}
