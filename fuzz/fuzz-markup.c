/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-markup.c — libFuzzer target for the plan body markup parser
 * (thidua_body_parse), tables included: any bytes give blocks whose labels
 * and table cells are valid NFC UTF-8 and texts valid UTF-8 (removing an
 * emphasis marker before a stray combining mark may leave a decomposed
 * pair, as test-markup allows), whose source ranges and
 * lines are in order and inside the input, and an outline that points at
 * headings and numbered items only — never a crash. */
#include <glib.h>
#include <string.h>

#include "fuzz-check.h"
#include "thidua-markup.h"


static void
check_utf8 (const char *s)
{
  if (s == NULL || !g_utf8_validate (s, -1, NULL))
    __builtin_trap ();
}

static void
check_table (ThiduaBodyTable *t)
{
  guint n_columns;

  if (t == NULL)
    __builtin_trap ();
  n_columns = thidua_body_table_get_n_columns (t);
  if (n_columns == 0)
    __builtin_trap ();
  for (guint c = 0; c < n_columns; c++)
    {
      fuzz_check_nfc (thidua_body_table_get_header (t, c));
      if (!(thidua_body_table_get_weight (t, c) > 0))
        __builtin_trap ();
    }
  for (guint r = 0; r < thidua_body_table_get_n_rows (t); r++)
    for (guint c = 0; c < n_columns; c++)
      fuzz_check_nfc (thidua_body_table_get_cell (t, r, c));
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t len)
{
  g_autofree char *text = g_strndup ((const char *) data, len);
  g_autoptr(ThiduaBody) body = thidua_body_parse (text);
  gsize text_len = strlen (text);
  guint n_blocks = thidua_body_n_blocks (body);

  for (guint i = 0; i < n_blocks; i++)
    {
      const ThiduaBlock *b = thidua_body_get_block (body, i);

      if (b->start >= b->end || b->end > text_len || b->first_line > b->last_line)
        __builtin_trap ();
      if (i > 0)
        {
          const ThiduaBlock *prev = thidua_body_get_block (body, i - 1);

          if (prev->end > b->start || prev->last_line >= b->first_line)
            __builtin_trap ();
        }
      fuzz_check_nfc (b->label);
      check_utf8 (b->text);
      for (guint r = 0; r < b->runs->len; r++)
        check_utf8 (g_array_index (b->runs, ThiduaRun, r).text);
      if ((b->kind == THIDUA_BLOCK_TABLE) != (b->table != NULL))
        __builtin_trap ();
      if (b->kind == THIDUA_BLOCK_TABLE)
        check_table (b->table);
    }
  for (guint i = 0; i < thidua_body_n_outline (body); i++)
    {
      const ThiduaOutlineEntry *e = thidua_body_get_outline (body, i);
      const ThiduaBlock *b;

      if (e->block_index >= n_blocks)
        __builtin_trap ();
      b = thidua_body_get_block (body, e->block_index);
      if (b->kind != THIDUA_BLOCK_HEADING && b->kind != THIDUA_BLOCK_NUMBERED)
        __builtin_trap ();
      if (e->line != b->first_line)
        __builtin_trap ();
      fuzz_check_nfc (e->label);
      check_utf8 (e->title);
    }
  return 0;
}
