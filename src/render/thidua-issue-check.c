/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-issue-check.c — what must be on a plan before it is issued.
 *
 * The same conditions, and the same messages, as the layout's warnings
 * for these fields (thidua-layout.c: compose_header, compose_closing);
 * tests/render/test-stamp.c compares the two. */
#include "config.h"
#include "thidua-issue-check.h"
#include "thidua-profile-private.h"
#include "thidua-lifecycle.h"

#include <glib/gi18n-lib.h>

static gboolean
blank (const char *s)
{
  for (; s != NULL && *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

GPtrArray *
thidua_issue_blockers (ThiduaPlan *plan)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaProfile) profile = NULL;
  const ThiduaProfileValues *v;
  const char * const *recipients;
  gboolean has_luu = FALSE;

  g_return_val_if_fail (THIDUA_IS_PLAN (plan), NULL);
  profile = thidua_profile_load_for_kind (thidua_plan_get_profile (plan), &error);
  if (profile == NULL)
    {
      g_ptr_array_add (out, g_strdup (error->message));
      return g_steal_pointer (&out);
    }
  v = thidua_profile_get_values (profile);

  /* Header: a missing issuing body (one too long is only a warning). */
  if (blank (thidua_plan_get_issuing_body (plan)))
    g_ptr_array_add (out, g_strdup (_("The issuing body (cơ quan ban hành) is missing")));
  if (thidua_plan_get_subject (plan)[0] == '\0')
    g_ptr_array_add (out, g_strdup (_("The subject (trích yếu) is missing")));

  /* Closing: state and union file a copy ("Lưu: VT, …"). */
  recipients = thidua_plan_get_recipients (plan);
  for (guint i = 0; recipients != NULL && recipients[i] != NULL; i++)
    if (g_str_has_prefix (recipients[i], v->recipients_luu_prefix))
      has_luu = TRUE;
  if (v->recipients_require_luu)
    {
      if (recipients == NULL || recipients[0] == NULL)
        g_ptr_array_add (out, g_strdup (_("The recipients (nơi nhận) are missing")));
      else if (!has_luu)
        g_ptr_array_add (out, g_strdup_printf (_("The recipients must end with the filing line “- %s: VT, …”"),
                                               v->recipients_luu_prefix));
    }
  if (thidua_plan_get_signer_name (plan)[0] == '\0')
    g_ptr_array_add (out, g_strdup (_("The signer's name is missing")));

  /* Checks the draft layout leaves to the clerk but a signed page needs. */
  if (blank (thidua_plan_get_signer_position (plan)))
    g_ptr_array_add (out, g_strdup (_("The signer's position is missing")));
  if (thidua_plan_get_day (plan) == 0 || thidua_plan_get_month (plan) == 0
      || thidua_plan_get_year (plan) == 0)
    g_ptr_array_add (out, g_strdup (_("The date of issue is missing")));
  return g_steal_pointer (&out);
}

gboolean
thidua_issue_check_plan (ThiduaPlan *plan, gpointer data, GError **error)
{
  g_autoptr(GPtrArray) reasons = thidua_issue_blockers (plan);
  g_autoptr(GString) msg = NULL;

  if (reasons->len == 0)
    return TRUE;
  msg = g_string_new (_("The plan is not complete and cannot be issued:"));
  for (guint i = 0; i < reasons->len; i++)
    g_string_append_printf (msg, "\n- %s", (char *) g_ptr_array_index (reasons, i));
  g_set_error_literal (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_INCOMPLETE, msg->str);
  return FALSE;
}
