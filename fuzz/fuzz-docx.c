/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-docx.c — libFuzzer target for the .docx reader.  An input starting
 * with "PK" is a whole .docx (zip); any other input is word/document.xml,
 * optionally followed by "\n--numbering--\n" and word/numbering.xml, so
 * the fuzzer mutates the XML itself rather than compressed bytes.  Every
 * input is read or refused with an error, never a crash; the text is valid
 * UTF-8, within the size cap, and the recogniser takes it. */
#include <glib.h>
#include <string.h>

#include "fuzz-check.h"
#include "thidua-import.h"
#include "thidua-word.h"
#include "thidua-word-text.h"

static void
check_text (char *text, GError *error)
{
  g_autoptr(ThiduaPlan) plan = NULL;

  if (text == NULL)
    {
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        __builtin_trap ();
      return;
    }
  if (error != NULL || !g_utf8_validate (text, -1, NULL) || strlen (text) > 2 * THIDUA_IMPORT_MAX_SIZE)
    __builtin_trap ();
  plan = thidua_import_text (text, -1, THIDUA_IMPORT_PROFILE_AUTO, NULL);
  if (plan == NULL)
    __builtin_trap ();
  fuzz_check_nfc (thidua_plan_get_body (plan));
  fuzz_check_nfc (thidua_plan_get_issuing_body (plan));
  fuzz_check_nfc (thidua_plan_get_signer_name (plan));
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t len)
{
  GError *error = NULL;
  char *text;

  if (len >= 2 && data[0] == 'P' && data[1] == 'K')
    text = thidua_word_docx_to_text (data, len, &error);
  else
    {
      const char *sep = "\n--numbering--\n";
      const guint8 *mid = memmem (data, len, sep, strlen (sep));
      g_autoptr(GBytes) document = g_bytes_new (data, mid ? (gsize) (mid - data) : len);
      g_autoptr(GBytes) numbering = mid ? g_bytes_new (mid + strlen (sep), len - (mid - data) - strlen (sep)) : NULL;

      text = word_docx_parts_to_text (document, numbering, NULL, &error);
    }
  check_text (text, error);
  g_free (text);
  g_clear_error (&error);
  return 0;
}
