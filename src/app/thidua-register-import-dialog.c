/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-import-dialog.c — preview, import with progress, undo. */
#include "config.h"
#include "thidua-register-import-dialog.h"
#include "thidua-register-import.h"

#include <glib/gi18n.h>

struct _ThiduaRegisterImportDialog
{
  GtkWindow             parent_instance;

  GtkLabel             *file_label;
  GtkEntry             *year_entry;
  GtkCheckButton       *replace_check;
  GtkGrid              *mapping_grid;
  GtkLabel             *summary_label;
  GtkListBox           *rejected_list;
  GtkProgressBar       *progress;
  GtkButton            *undo_button;
  GtkButton            *import_button;

  ThiduaRegister       *reg;
  GFile                *file;
  ThiduaRegisterImport *import;
  gint64                batch;
  gboolean              running;
};

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ThiduaRegisterImportDialog, thidua_register_import_dialog, GTK_TYPE_WINDOW)

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_grid_remove (GTK_GRID (box), child);
    }
}

static void
show_preview (ThiduaRegisterImportDialog *self)
{
  GPtrArray *rejections = thidua_register_import_get_rejections (self->import);
  g_autofree char *summary = NULL;
  int row = 0;

  clear_box (GTK_WIDGET (self->mapping_grid));
  for (guint c = 0; c < THIDUA_REGISTER_N_COLUMNS; c++)
    {
      const char *header = thidua_register_import_get_header (self->import, c);
      int index = thidua_register_import_get_column (self->import, c);
      GtkWidget *what = gtk_label_new (thidua_register_column_get_label (c));
      g_autofree char *where = index >= 0
        ? g_strdup_printf (_("column %d “%s”"), index + 1, header)
        : g_strdup (_("not in the file"));
      GtkWidget *found = gtk_label_new (where);

      gtk_label_set_xalign (GTK_LABEL (what), 0);
      gtk_label_set_xalign (GTK_LABEL (found), 0);
      if (index < 0)
        gtk_widget_add_css_class (found, "dim-label");
      gtk_grid_attach (self->mapping_grid, what, 0, row, 1, 1);
      gtk_grid_attach (self->mapping_grid, found, 1, row, 1, 1);
      row++;
    }

  clear_box (GTK_WIDGET (self->rejected_list));
  for (guint i = 0; i < rejections->len; i++)
    {
      ThiduaRegisterRejection *r = g_ptr_array_index (rejections, i);
      g_autofree char *text = g_strdup_printf (_("Row %u: %s"), r->row, r->reason);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 6);
      gtk_list_box_append (self->rejected_list, label);
    }
  summary = g_strdup_printf (_("Header on row %u. %u rows can be imported, %u cannot (listed below)."),
                             thidua_register_import_get_header_row (self->import),
                             thidua_register_import_get_n_accepted (self->import), rejections->len);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run",
                                 thidua_register_import_get_n_accepted (self->import) > 0);
}

static gboolean
prepare (ThiduaRegisterImportDialog *self, GError **error)
{
  g_autofree char *path = g_file_get_path (self->file);
  g_autoptr(ThiduaRegisterImport) import = NULL;

  import = thidua_register_import_new (self->reg, gtk_editable_get_text (GTK_EDITABLE (self->year_entry)));
  thidua_register_import_set_replace (import, gtk_check_button_get_active (self->replace_check));
  if (!thidua_register_import_prepare_file (import, path, error))
    return FALSE;
  g_set_object (&self->import, import);
  show_preview (self);
  return TRUE;
}

static void
on_options_changed (ThiduaRegisterImportDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (self->file == NULL || self->running)
    return;
  if (!prepare (self, &error))
    {
      gtk_label_set_text (self->summary_label, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", FALSE);
    }
}

/* ---- the import runs in a thread; the dialog is modal meanwhile ---- */

typedef struct {
  ThiduaRegisterImportDialog *self;
  guint                       done, total;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *p = data;
  g_autofree char *text = g_strdup_printf (_("%u of %u rows"), p->done, p->total);

  gtk_progress_bar_set_fraction (p->self->progress, p->total ? (double) p->done / p->total : 1);
  gtk_progress_bar_set_text (p->self->progress, text);
  g_object_unref (p->self);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
on_progress (guint done, guint total, gpointer data)
{
  Progress *p = g_new0 (Progress, 1);

  p->self = g_object_ref (data);
  p->done = done;
  p->total = total;
  g_idle_add (show_progress, p);
}

static void
import_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ThiduaRegisterImportDialog *self = source;
  GError *error = NULL;
  gint64 batch = thidua_register_import_commit (self->import, on_progress, self, &error);

  if (batch == 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, batch);
}

static void
import_done (GObject *source, GAsyncResult *result, gpointer data)
{
  ThiduaRegisterImportDialog *self = THIDUA_REGISTER_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  gint64 batch = g_task_propagate_int (G_TASK (result), &error);
  g_autofree char *text = NULL;

  self->running = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->year_entry), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->replace_check), TRUE);
  if (batch <= 0)
    {
      text = g_strdup_printf (_("Nothing was imported: %s"), error ? error->message : "");
      gtk_label_set_text (self->summary_label, text);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", TRUE);
      return;
    }
  self->batch = batch;
  text = g_strdup_printf (_("Imported %u rows (%u registrations); %u rows were not taken."),
                          thidua_register_import_get_n_accepted (self->import),
                          thidua_register_import_get_n_registrations (self->import),
                          thidua_register_import_get_rejections (self->import)->len);
  gtk_label_set_text (self->summary_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.undo", TRUE);
  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0);
}

static void
run_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaRegisterImportDialog *self = THIDUA_REGISTER_IMPORT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;

  if (self->import == NULL || self->running)
    return;
  self->running = TRUE;
  /* the year entry goes insensitive: take the focus off it first */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_action_set_enabled (widget, "import.run", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->year_entry), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->replace_check), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), TRUE);
  gtk_progress_bar_set_fraction (self->progress, 0);
  task = g_task_new (self, NULL, import_done, NULL);
  g_task_run_in_thread (task, import_thread);
}

static void
undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaRegisterImportDialog *self = THIDUA_REGISTER_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (self->batch <= 0)
    return;
  if (!thidua_register_undo_import (self->reg, self->batch, &error))
    {
      gtk_label_set_text (self->summary_label, error->message);
      return;
    }
  self->batch = 0;
  gtk_label_set_text (self->summary_label, _("The import was undone: the register is as before."));
  gtk_widget_action_set_enabled (widget, "import.undo", FALSE);
  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0);
  on_options_changed (self);
}

static gboolean
on_close_request (GtkWindow *window)
{
  /* the import holds the database: let it finish */
  return THIDUA_REGISTER_IMPORT_DIALOG (window)->running;
}

static void
thidua_register_import_dialog_dispose (GObject *object)
{
  ThiduaRegisterImportDialog *self = THIDUA_REGISTER_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_REGISTER_IMPORT_DIALOG);
  g_clear_object (&self->import);
  g_clear_object (&self->file);
  g_clear_object (&self->reg);
  G_OBJECT_CLASS (thidua_register_import_dialog_parent_class)->dispose (object);
}

static void
thidua_register_import_dialog_class_init (ThiduaRegisterImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_register_import_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = on_close_request;

  /* ::imported — the register changed (an import, or its undo) */
  signals[SIGNAL_IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-register-import-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ThiduaRegisterImportDialog, name)
  BIND (file_label);
  BIND (year_entry);
  BIND (replace_check);
  BIND (mapping_grid);
  BIND (summary_label);
  BIND (rejected_list);
  BIND (progress);
  BIND (undo_button);
  BIND (import_button);
#undef BIND
  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "import.undo", NULL, undo_action);
}

static void
thidua_register_import_dialog_init (ThiduaRegisterImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->year_entry, "activate", G_CALLBACK (on_options_changed), self);
  g_signal_connect_swapped (self->replace_check, "toggled", G_CALLBACK (on_options_changed), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.undo", FALSE);
  /* Enter imports; the year entry is not where one starts */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
}

ThiduaRegisterImportDialog *
thidua_register_import_dialog_new (GtkWindow *parent, ThiduaRegister *reg, const char *year)
{
  ThiduaRegisterImportDialog *self = g_object_new (THIDUA_TYPE_REGISTER_IMPORT_DIALOG,
                                                   "transient-for", parent, NULL);

  self->reg = g_object_ref (reg);
  gtk_editable_set_text (GTK_EDITABLE (self->year_entry), year ? year : "");
  return self;
}

gboolean
thidua_register_import_dialog_set_file (ThiduaRegisterImportDialog *self, GFile *file, GError **error)
{
  g_autofree char *name = g_file_get_basename (file);

  g_set_object (&self->file, file);
  gtk_label_set_text (self->file_label, name);
  return prepare (self, error);
}

gint64
thidua_register_import_dialog_get_batch (ThiduaRegisterImportDialog *self)
{
  return self->batch;
}
