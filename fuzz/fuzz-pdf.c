/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-pdf.c — libFuzzer target for the PDF reader: any bytes give a clean
 * GError or a rebuilt page whose every string is valid UTF-8, and the plan
 * recognised from it has valid NFC strings; never a crash.  (poppler itself
 * is the system library, not instrumented: the coverage is the reader's.) */
#include <glib.h>
#include <string.h>

#include "fuzz-check.h"
#include "thidua-import.h"
#include "thidua-pdf.h"

static void
check_utf8_array (GPtrArray *a)
{
  for (guint i = 0; i < a->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (a, i), -1, NULL))
      __builtin_trap ();
}

static void
quiet (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t len)
{
  g_autoptr(ThiduaPdfText) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autofree char *plain = NULL;
  static gboolean once;

  if (!once)
    {
      g_log_set_default_handler (quiet, NULL);
      once = TRUE;
    }
  if (!thidua_pdf_read_data (data, len, &text, &error))
    {
      if (error == NULL || error->domain != THIDUA_PDF_ERROR || text != NULL)
        __builtin_trap ();
      return 0;
    }
  check_utf8_array (text->header_left);
  check_utf8_array (text->header_right);
  check_utf8_array (text->title);
  check_utf8_array (text->closing_left);
  check_utf8_array (text->closing_right);
  if (!g_utf8_validate (text->body, -1, NULL))
    __builtin_trap ();
  plain = thidua_pdf_text_to_plain (text);
  plan = thidua_import_text (plain, -1, THIDUA_IMPORT_PROFILE_AUTO, NULL);
  fuzz_check_nfc (thidua_plan_get_subject (plan));
  fuzz_check_nfc (thidua_plan_get_body (plan));
  fuzz_check_nfc (thidua_plan_get_issuing_body (plan));
  fuzz_check_nfc (thidua_plan_get_signer_name (plan));
  return 0;
}
