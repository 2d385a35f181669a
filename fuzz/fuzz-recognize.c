/* fuzz-recognize.c — libFuzzer target for the plan recogniser: any text
 * gives a plan whose every string is valid NFC UTF-8, never a crash. */
#include <glib.h>
#include <string.h>

#include "thidua-text.h"
#include "thidua-import.h"

static void
check (const char *s)
{
  g_autofree char *nfc = NULL;

  if (s == NULL || !g_utf8_validate (s, -1, NULL))
    __builtin_trap ();
  nfc = thidua_text_nfc (s, -1);
  if (strcmp (nfc, s) != 0)
    __builtin_trap ();
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t len)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *recipients;

  /* The text path (paste) and the bytes path (files) both. */
  plan = thidua_import_text ((const char *) data, len, THIDUA_IMPORT_PROFILE_AUTO, warnings);
  if (plan == NULL)
    __builtin_trap ();
  check (thidua_plan_get_superior_body (plan));
  check (thidua_plan_get_issuing_body (plan));
  check (thidua_plan_get_number (plan));
  check (thidua_plan_get_symbol (plan));
  check (thidua_plan_get_place (plan));
  check (thidua_plan_get_subject (plan));
  check (thidua_plan_get_body (plan));
  check (thidua_plan_get_signer_authority (plan));
  check (thidua_plan_get_signer_on_behalf_of (plan));
  check (thidua_plan_get_signer_position (plan));
  check (thidua_plan_get_signer_name (plan));
  recipients = thidua_plan_get_recipients (plan);
  for (guint i = 0; recipients[i] != NULL; i++)
    check (recipients[i]);
  if (!thidua_plan_check_date (thidua_plan_get_day (plan), thidua_plan_get_month (plan),
                               thidua_plan_get_year (plan), NULL))
    __builtin_trap ();
  for (guint i = 0; i < warnings->len; i++)
    check (g_ptr_array_index (warnings, i));
  g_clear_object (&plan);

  plan = thidua_import_data (data, len, THIDUA_ENCODING_AUTO, THIDUA_IMPORT_PROFILE_AUTO,
                             NULL, NULL, &error);
  if ((plan == NULL) == (error == NULL))
    __builtin_trap ();
  return 0;
}
