/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-package.c — libFuzzer target for the exchange package checks
 * (thidua_exchange_check_file): the input is the package's SQLite bytes,
 * gzip-compressed here as a package is, then checked whole.  Nothing of
 * the office's database is touched: the store functions the apply path
 * uses are stubs that abort if ever reached. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "thidua-exchange.h"
#include "thidua-store-private.h"
#include "thidua-register-private.h"

sqlite3 *thidua_store_get_db (ThiduaStore *self) { abort (); }
gboolean thidua_store_transaction (ThiduaStore *self, ThiduaStoreTxnFunc func, gpointer data, GError **error) { abort (); }
ThiduaOffice *thidua_store_get_office (ThiduaStore *self, GError **error) { abort (); }
void thidua_office_free (ThiduaOffice *office) { abort (); }
GQuark thidua_store_error_quark (void) { return g_quark_from_static_string ("thidua-store-error-quark"); }
const char *thidua_store_get_path (ThiduaStore *self) { abort (); }
ThiduaStore *thidua_store_open_writer (ThiduaStore *self, ThiduaStoreOpenFlags flags, GError **error) { abort (); }
void thidua_store_announce (ThiduaStore *self, ThiduaStoreChange changes) { abort (); }
ThiduaStageTable *thidua_store_get_stage_table (ThiduaStore *self, const char *name) { abort (); }
void thidua_stage_table_begin_row (ThiduaStageTable *table) { abort (); }
gboolean thidua_stage_table_add_int (ThiduaStageTable *table, gint64 value) { abort (); }
gboolean thidua_stage_table_add_text (ThiduaStageTable *table, const char *text) { abort (); }
gboolean thidua_stage_table_add_null (ThiduaStageTable *table) { abort (); }
gboolean thidua_stage_table_end_row (ThiduaStageTable *table) { abort (); }
ThiduaReferenceCheck *thidua_reference_check_new (ThiduaStore *store, const char *table, GError **error) { abort (); }
gboolean thidua_reference_check_rows (ThiduaReferenceCheck *check, ThiduaStore *store, gint64 first, gint64 last,
                                      GError **error) { abort (); }
void thidua_reference_check_free (ThiduaReferenceCheck *check) { abort (); }
gboolean thidua_store_is_referenced (ThiduaStore *store, const char *table, gboolean *referenced,
                                     GError **error) { abort (); }
gboolean thidua_register_stage_begin_on (ThiduaStore *store, GError **error) { abort (); }
gboolean thidua_register_flush_units_on (ThiduaStore *store, gint64 base, gint64 import_id, GError **error) { abort (); }
gint64 thidua_register_count_staged_dangling_on (ThiduaStore *store, GError **error) { abort (); }
gboolean thidua_register_flush_people_on (ThiduaStore *store, gint64 unit_base, gint64 base, gint64 import_id,
                                          GError **error) { abort (); }
gboolean thidua_register_flush_registrations_on (ThiduaStore *store, gint64 year_id, gint64 unit_base,
                                                 gint64 person_base, gint64 import_id, GError **error) { abort (); }

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  static char *path;
  if (path == NULL)
    path = g_build_filename (g_get_tmp_dir (), "fuzz-package-XXXXXX", NULL), g_close (g_mkstemp (path), NULL);

  g_autoptr(GConverter) gz = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 1));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL);
  g_autoptr(GOutputStream) conv = g_converter_output_stream_new (G_OUTPUT_STREAM (out), gz);
  g_output_stream_write_all (conv, data, size, NULL, NULL, NULL);
  g_output_stream_close (conv, NULL, NULL);

  g_autoptr(GError) error = NULL;
  if (!thidua_exchange_check_file (path, &error))
    g_assert_nonnull (error);
  return 0;
}
