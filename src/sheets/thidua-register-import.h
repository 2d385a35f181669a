/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-import.h — importing registrations from a CSV, XLSX or
 * XLS file: columns found by their header names (case and diacritics
 * aside), titles matched to the catalog by name or abbreviation, every row
 * that cannot be taken reported with its number and reason, the rest added
 * in one transaction recorded as an import batch that can be undone as a
 * whole.  Nothing already in the register is overwritten unless the caller
 * chooses to replace. */
#pragma once

#include "thidua-register.h"
#include "thidua-register-table.h"
#include "thidua-register-batch.h"  /* thidua_register_undo_import () */

G_BEGIN_DECLS

typedef enum {
  THIDUA_REGISTER_COLUMN_NAME,           /* Họ và tên / Họ tên */
  THIDUA_REGISTER_COLUMN_POSITION,       /* Chức vụ */
  THIDUA_REGISTER_COLUMN_UNIT,           /* Đơn vị */
  THIDUA_REGISTER_COLUMN_POSITION_UNIT,  /* Chức vụ, đơn vị (the registration form) */
  THIDUA_REGISTER_COLUMN_KIND,           /* Loại: Cá nhân / Tập thể */
  THIDUA_REGISTER_COLUMN_TITLE,          /* Danh hiệu thi đua / Đăng ký danh hiệu thi đua / Danh hiệu */
  THIDUA_REGISTER_COLUMN_REWARD,         /* Hình thức khen thưởng / Đăng ký khen thưởng */
  THIDUA_REGISTER_COLUMN_RATING,         /* Xếp loại */
  THIDUA_REGISTER_COLUMN_YEAR,           /* Năm */
  THIDUA_REGISTER_COLUMN_INITIATIVE,     /* Sáng kiến */
  THIDUA_REGISTER_COLUMN_NOTE,           /* Ghi chú */
  THIDUA_REGISTER_COLUMN_BIRTH_YEAR,     /* Năm sinh */
  THIDUA_REGISTER_COLUMN_STATUS,         /* Trạng thái */
  THIDUA_REGISTER_COLUMN_RESULT,         /* Kết quả */
  THIDUA_REGISTER_COLUMN_DECISION,       /* Số quyết định */
  THIDUA_REGISTER_N_COLUMNS
} ThiduaRegisterColumn;

/* The column's usual Vietnamese header, for the preview.
 * Returns: (transfer none): static. */
const char *thidua_register_column_get_label (ThiduaRegisterColumn column);
/* Which column a header cell names, or -1. */
int         thidua_register_column_from_header (const char *header);

typedef struct {
  guint  row;      /* row number in the file */
  char  *reason;
} ThiduaRegisterRejection;

typedef void (*ThiduaRegisterImportProgress) (guint done, guint total, gpointer user_data);

#define THIDUA_TYPE_REGISTER_IMPORT (thidua_register_import_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaRegisterImport, thidua_register_import, THIDUA, REGISTER_IMPORT, GObject)

/* @reg: (transfer none): kept (a reference).  @year: copied; checked by
 *   _prepare. */
ThiduaRegisterImport *thidua_register_import_new (ThiduaRegister *reg, const char *year);

/* When TRUE, a row that registers what the register already holds updates
 * that registration (its previous values are kept for undo); when FALSE
 * (the default) such a row is rejected. Set before _prepare. */
void        thidua_register_import_set_replace (ThiduaRegisterImport *self, gboolean replace);
gboolean    thidua_register_import_get_replace (ThiduaRegisterImport *self);

/* Reads the file and works out what would be imported: the column
 * mapping, the rows taken and the rows rejected.  Changes nothing.
 * FALSE when the file cannot be read or has no header row.
 * prepare_table: @table: (transfer none): read during the call only;
 *   @name is copied (the file recorded with the import). */
gboolean    thidua_register_import_prepare_file  (ThiduaRegisterImport *self, const char *path,
                                                  GError **error);
gboolean    thidua_register_import_prepare_table (ThiduaRegisterImport *self, const char *name,
                                                  const ThiduaTable *table, GError **error);

/* After prepare: the header row's number, and the index of each column in
 * the file (-1 when absent) with the header text found.
 * thidua_register_import_get_header: Returns: (transfer none) (nullable):
 *   NULL when the column is absent; valid until the next prepare. */
guint       thidua_register_import_get_header_row (ThiduaRegisterImport *self);
int         thidua_register_import_get_column     (ThiduaRegisterImport *self, ThiduaRegisterColumn column);
const char *thidua_register_import_get_header     (ThiduaRegisterImport *self, ThiduaRegisterColumn column);
guint       thidua_register_import_get_n_accepted (ThiduaRegisterImport *self);
/* ThiduaRegisterRejection, by row number.
 * Returns: (transfer none) (element-type ThiduaRegisterRejection): the
 *   import's own array, emptied by the next prepare: do not unref it. */
GPtrArray  *thidua_register_import_get_rejections (ThiduaRegisterImport *self);

/* Adds the accepted rows in one transaction; returns the import batch id
 * (0 on error, nothing changed).  progress may be NULL.
 * @progress: (scope call) (nullable): called on the calling thread,
 *   never after this returns. */
gint64      thidua_register_import_commit (ThiduaRegisterImport *self,
                                           ThiduaRegisterImportProgress progress, gpointer user_data,
                                           GError **error);
/* Registrations added by the commit (a row may give more than one). */
guint       thidua_register_import_get_n_registrations (ThiduaRegisterImport *self);

G_END_DECLS
