/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-canonical.c — canonical JSON, SHA-256 and the printed code. */
#include "config.h"
#include "thidua-canonical.h"
#include "thidua-text.h"

#include <string.h>

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static void
put_string (GString *out, const char *s)
{
  g_autofree char *nfc = thidua_text_nfc (s ? s : "", -1);

  g_string_append_c (out, '"');
  for (const char *p = nfc; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\' || c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
put_key (GString *out, const char *key, gboolean *first)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  put_string (out, key);
  g_string_append_c (out, ':');
}

static void
put_date_part (GString *out, const char *key, guint v, gboolean *first)
{
  put_key (out, key, first);
  if (v == 0)
    g_string_append (out, "null");
  else
    g_string_append_printf (out, "%u", v);
}

/* Keys are written in sorted order by hand: the set is fixed, and a
 * generic sorter would hide a mistake as well as make one. */
char *
thidua_canonical_json (ThiduaPlan *plan)
{
  GString *out = g_string_new ("{");
  const char * const *recipients = thidua_plan_get_recipients (plan);
  gboolean first = TRUE, inner;

  g_return_val_if_fail (THIDUA_IS_PLAN (plan), NULL);

  put_key (out, "body", &first);
  put_string (out, thidua_plan_get_body (plan));
  put_key (out, "date", &first);
  g_string_append_c (out, '{');
  inner = TRUE;
  put_date_part (out, "day", thidua_plan_get_day (plan), &inner);
  put_date_part (out, "month", thidua_plan_get_month (plan), &inner);
  put_date_part (out, "year", thidua_plan_get_year (plan), &inner);
  g_string_append_c (out, '}');
  put_key (out, "issuing_body", &first);
  put_string (out, thidua_plan_get_issuing_body (plan));
  put_key (out, "number", &first);
  put_string (out, thidua_plan_get_number (plan));
  put_key (out, "place", &first);
  put_string (out, thidua_plan_get_place (plan));
  put_key (out, "profile", &first);
  put_string (out, thidua_profile_kind_to_string (thidua_plan_get_profile (plan)));
  put_key (out, "recipients", &first);
  g_string_append_c (out, '[');
  for (guint i = 0; recipients[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      put_string (out, recipients[i]);
    }
  g_string_append_c (out, ']');
  put_key (out, "signer", &first);
  g_string_append_c (out, '{');
  inner = TRUE;
  put_key (out, "authority", &inner);
  put_string (out, thidua_plan_get_signer_authority (plan));
  put_key (out, "name", &inner);
  put_string (out, thidua_plan_get_signer_name (plan));
  put_key (out, "on_behalf_of", &inner);
  put_string (out, thidua_plan_get_signer_on_behalf_of (plan));
  put_key (out, "position", &inner);
  put_string (out, thidua_plan_get_signer_position (plan));
  g_string_append_c (out, '}');
  put_key (out, "subject", &first);
  put_string (out, thidua_plan_get_subject (plan));
  put_key (out, "superior_body", &first);
  put_string (out, thidua_plan_get_superior_body (plan));
  put_key (out, "symbol", &first);
  put_string (out, thidua_plan_get_symbol (plan));
  put_key (out, "type_name", &first);
  put_string (out, thidua_plan_get_type_name (plan));
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

char *
thidua_canonical_hash (ThiduaPlan *plan)
{
  g_autofree char *json = thidua_canonical_json (plan);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
}

char *
thidua_canonical_code_from_hash (const char *hex_hash)
{
  guint64 bits = 0;
  char *code;

  g_return_val_if_fail (hex_hash != NULL && strlen (hex_hash) >= 15, NULL);
  /* 15 hex digits = 60 bits = 12 base32 characters. */
  for (int i = 0; i < 15; i++)
    bits = (bits << 4) | (guint64) g_ascii_xdigit_value (hex_hash[i]);
  code = g_malloc (THIDUA_CODE_LENGTH + 1);
  for (int i = THIDUA_CODE_LENGTH - 1; i >= 0; i--)
    {
      code[i] = crockford[bits & 31];
      bits >>= 5;
    }
  code[THIDUA_CODE_LENGTH] = '\0';
  return code;
}

char *
thidua_canonical_normalize_code (const char *typed)
{
  GString *out;

  if (typed == NULL || strlen (typed) > 64)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = typed; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == '-' || c == ' ' || c == '\t')
        continue;
      if (c == 'O')
        c = '0';
      else if (c == 'I' || c == 'L')
        c = '1';
      if (c == '\0' || strchr (crockford, c) == NULL)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, c);
    }
  if (out->len != THIDUA_CODE_LENGTH)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

char *
thidua_canonical_format_code (const char *code)
{
  if (code == NULL || strlen (code) != THIDUA_CODE_LENGTH)
    return g_strdup (code ? code : "");
  return g_strdup_printf ("%.4s-%.4s-%.4s", code, code + 4, code + 8);
}
