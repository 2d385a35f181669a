/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-decode.c — libFuzzer target for one legacy decoder (FUZZ_TARGET
 * chosen by build.sh: tcvn3, vni, cp1258, utf16, auto).  Checks that every
 * decoder returns valid NFC UTF-8 (or a clean error) for any bytes. */
#include <glib.h>
#include <string.h>

#include "thidua-text.h"
#include "thidua-encoding.h"

static void
check_text (const char *s)
{
  g_autofree char *nfc = NULL;

  if (s == NULL)
    return;
  if (!g_utf8_validate (s, -1, NULL))
    __builtin_trap ();
  nfc = thidua_text_nfc (s, -1);
  if (nfc == NULL || strcmp (nfc, s) != 0)
    __builtin_trap ();
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *s = NULL;

#if defined(FUZZ_TCVN3)
  s = thidua_encoding_decode_tcvn3 (data, len);
  if (s == NULL)
    __builtin_trap ();
#elif defined(FUZZ_VNI)
  s = thidua_encoding_decode_vni (data, len);
  if (s == NULL)
    __builtin_trap ();
#elif defined(FUZZ_CP1258)
  s = thidua_encoding_decode_cp1258 (data, len);
  if (s == NULL)
    __builtin_trap ();
#elif defined(FUZZ_UTF16)
  s = thidua_encoding_decode_utf16 (data, len, &error);
  if ((s == NULL) == (error == NULL))
    __builtin_trap ();
#elif defined(FUZZ_AUTO)
  {
    ThiduaEncoding used = THIDUA_ENCODING_AUTO;
    char *repaired;

    s = thidua_encoding_decode (data, len, THIDUA_ENCODING_AUTO, &used, &error);
    if ((s == NULL) == (error == NULL))
      __builtin_trap ();
    if (s != NULL && used == THIDUA_ENCODING_AUTO)
      __builtin_trap ();
    if (s != NULL && (repaired = thidua_encoding_repair_latin1 (s, &used)) != NULL)
      {
        check_text (repaired);
        g_free (repaired);
      }
  }
#else
#error "define one of FUZZ_TCVN3, FUZZ_VNI, FUZZ_CP1258, FUZZ_UTF16, FUZZ_AUTO"
#endif
  check_text (s);
  return 0;
}
