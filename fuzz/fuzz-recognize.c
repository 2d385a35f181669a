/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-recognize.c — libFuzzer target for the plan recogniser: any text
 * gives a plan whose every string is valid NFC UTF-8, never a crash. */
#include <glib.h>
#include <string.h>

#include "fuzz-check.h"
#include "thidua-import.h"


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
  fuzz_check_nfc (thidua_plan_get_superior_body (plan));
  fuzz_check_nfc (thidua_plan_get_issuing_body (plan));
  fuzz_check_nfc (thidua_plan_get_number (plan));
  fuzz_check_nfc (thidua_plan_get_symbol (plan));
  fuzz_check_nfc (thidua_plan_get_place (plan));
  fuzz_check_nfc (thidua_plan_get_subject (plan));
  fuzz_check_nfc (thidua_plan_get_body (plan));
  fuzz_check_nfc (thidua_plan_get_signer_authority (plan));
  fuzz_check_nfc (thidua_plan_get_signer_on_behalf_of (plan));
  fuzz_check_nfc (thidua_plan_get_signer_position (plan));
  fuzz_check_nfc (thidua_plan_get_signer_name (plan));
  recipients = thidua_plan_get_recipients (plan);
  for (guint i = 0; recipients[i] != NULL; i++)
    fuzz_check_nfc (recipients[i]);
  if (!thidua_plan_check_date (thidua_plan_get_day (plan), thidua_plan_get_month (plan),
                               thidua_plan_get_year (plan), NULL))
    __builtin_trap ();
  for (guint i = 0; i < warnings->len; i++)
    fuzz_check_nfc (g_ptr_array_index (warnings, i));
  g_clear_object (&plan);

  plan = thidua_import_data (data, len, THIDUA_ENCODING_AUTO, THIDUA_IMPORT_PROFILE_AUTO,
                             NULL, NULL, &error);
  if ((plan == NULL) == (error == NULL))
    __builtin_trap ();
  return 0;
}
