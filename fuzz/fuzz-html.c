/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-html.c — libFuzzer target for pasted HTML: any bytes give valid
 * UTF-8 text, and that text a plan, never a crash. */
#include <glib.h>
#include <string.h>

#include "fuzz-check.h"
#include "thidua-import.h"
#include "thidua-import-html.h"

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t len)
{
  g_autofree char *text = thidua_import_html_to_text ((const char *) data, len);
  g_autoptr(ThiduaPlan) plan = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    __builtin_trap ();
  plan = thidua_import_text (text, -1, THIDUA_IMPORT_PROFILE_AUTO, NULL);
  if (plan == NULL)
    __builtin_trap ();
  fuzz_check_nfc (thidua_plan_get_issuing_body (plan));
  fuzz_check_nfc (thidua_plan_get_body (plan));
  return 0;
}
