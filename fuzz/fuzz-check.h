/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-check.h — what every fuzz target demands of a text it gets back:
 * valid UTF-8 in NFC.  A violation traps, so libFuzzer keeps the input. */
#pragma once

#include <glib.h>
#include <string.h>

#include "thidua-text.h"

static inline void
fuzz_check_nfc (const char *s)
{
  g_autofree char *nfc = NULL;

  if (s == NULL || !g_utf8_validate (s, -1, NULL))
    __builtin_trap ();
  nfc = thidua_text_nfc (s, -1);
  if (strcmp (nfc, s) != 0)
    __builtin_trap ();
}
