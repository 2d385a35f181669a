/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-plan-json.c — libFuzzer target for the JSON guard and the plan
 * reader (thidua_plan_new_from_json, what import-json and render-json
 * use).  Any bytes give a plan or a clean error.  A plan's strings are
 * valid UTF-8 with no NUL cut, and the plan written back out
 * (thidua_plan_to_json, what show --json prints) has no raw control
 * character and reads back as the same plan. */
#include <glib.h>
#include <string.h>

#include "thidua-json.h"
#include "thidua-plan.h"

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(ThiduaPlan) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json2 = NULL;

  plan = thidua_plan_new_from_json ((const char *) data, (gssize) size, &error);
  if ((plan == NULL) == (error == NULL))
    __builtin_trap ();
  if (plan == NULL)
    {
      if (!g_utf8_validate (error->message, -1, NULL))
        __builtin_trap ();
      return 0;
    }
  json = thidua_plan_to_json (plan, TRUE);
  for (const char *p = json; *p; p++)
    if ((guchar) *p < 0x20 && *p != '\n')
      __builtin_trap ();
  again = thidua_plan_new_from_json (json, -1, NULL);
  if (again == NULL)
    __builtin_trap ();
  json2 = thidua_plan_to_json (again, TRUE);
  if (strcmp (json, json2) != 0)
    __builtin_trap ();
  return 0;
}
