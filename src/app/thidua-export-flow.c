/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-export-flow.c — choose where, write, say where it went. */
#include "config.h"
#include "thidua-export-flow.h"
#include "thidua-application.h"
#include "thidua-export.h"
#include "thidua-render.h"

#include <glib/gi18n.h>
#include <string.h>

/* ---- the proposed name ---- */

static gboolean
is_quote (gunichar c)
{
  switch (c)
    {
    case '"': case '\'': case '`':
    case 0x00AB: case 0x00BB:                 /* « » */
    case 0x2018: case 0x2019: case 0x201A: case 0x201B:
    case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x2039: case 0x203A:                 /* ‹ › */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Windows refuses these in a name; "/" and "\" are separators everywhere. */
static gboolean
is_refused (gunichar c)
{
  return c < 0x20 || c == 0x7F || strchr ("<>:/\\|?*", (int) c) != NULL;
}

static gboolean
is_trailing_junk (gunichar c)
{
  return g_unichar_isspace (c) || c == '.' || c == ',' || c == ';' || c == '-' ||
         c == 0x2013 || c == 0x2014 || c == '(' || c == '[';
}

static const char *const reserved_names[] = {
  "CON", "PRN", "AUX", "NUL",
  "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
  "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", NULL
};

char *
thidua_export_file_name (const char *subject,
                         const char *fallback,
                         const char *extension,
                         guint       max_chars)
{
  g_autofree char *nfc = NULL;
  g_autoptr(GString) clean = g_string_new (NULL);
  g_autoptr(GString) name = g_string_new (NULL);
  gboolean space = FALSE;
  glong n_chars;

  if (subject != NULL && g_utf8_validate (subject, -1, NULL))
    nfc = g_utf8_normalize (subject, -1, G_NORMALIZE_NFC);

  /* drop quotes, replace what Windows refuses, one space between words */
  for (const char *p = nfc ? nfc : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_quote (c))
        continue;
      if (c == '/' || c == '\\' || c == '|')
        c = '-';
      else if (is_refused (c) || g_unichar_isspace (c))
        c = ' ';
      if (c == ' ')
        {
          space = clean->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (clean, ' ');
      space = FALSE;
      g_string_append_unichar (clean, c);
    }

  /* cut at the last space that keeps the name short enough */
  n_chars = g_utf8_strlen (clean->str, -1);
  if (max_chars > 0 && n_chars > (glong) max_chars)
    {
      const char *limit = g_utf8_offset_to_pointer (clean->str, max_chars);
      const char *cut = NULL;

      /* a space right at the limit ends a whole word too */
      for (const char *p = clean->str; p <= limit; p = g_utf8_next_char (p))
        if (*p == ' ')
          cut = p;
      g_string_truncate (clean, (cut ? cut : limit) - clean->str);
    }

  /* no trailing dot or space (Windows drops them), nor a dangling dash */
  while (clean->len > 0)
    {
      const char *last = g_utf8_find_prev_char (clean->str, clean->str + clean->len);

      if (!is_trailing_junk (g_utf8_get_char (last)))
        break;
      g_string_truncate (clean, last - clean->str);
    }
  /* nor a leading one */
  while (clean->len > 0 && (clean->str[0] == '.' || clean->str[0] == '-'))
    g_string_erase (clean, 0, 1);

  g_string_append (name, clean->len > 0 ? clean->str : fallback);
  for (guint i = 0; reserved_names[i]; i++)
    if (g_ascii_strcasecmp (name->str, reserved_names[i]) == 0)
      g_string_append_c (name, '_');
  if (extension != NULL && *extension)
    g_string_append_printf (name, ".%s", extension);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* ---- the folder ---- */

char *
thidua_export_initial_folder (GSettings *settings)
{
  const char *documents;

  if (settings != NULL)
    {
      g_autofree char *last = g_settings_get_string (settings, "last-folder");

      if (*last && g_path_is_absolute (last) && g_file_test (last, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&last);
    }
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_strdup (documents);
  return g_strdup (g_get_home_dir ());
}

void
thidua_export_remember_folder (GSettings  *settings,
                               const char *path)
{
  g_autofree char *folder = NULL;

  if (settings == NULL || path == NULL)
    return;
  folder = g_path_get_dirname (path);
  g_settings_set_string (settings, "last-folder", folder);
}

/* ---- the message ---- */

typedef struct {
  char      *path;
  GtkWindow *window;   /* not a reference: the flow lives as long as it */
  GtkLabel  *error_label;
} Done;

static void
done_free (gpointer data)
{
  Done *done = data;

  g_free (done->path);
  g_free (done);
}

static void
launched (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GtkWidget) label = user_data;
  g_autoptr(GError) error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    {
      GtkRoot *root = gtk_widget_get_root (label);

      /* opened: the message has done its work */
      if (root != NULL)
        gtk_window_destroy (GTK_WINDOW (root));
      return;
    }
  if (gtk_widget_get_root (label) == NULL)
    return;
  /* GLib's words name a MIME type; the secretary needs what to do */
  g_debug ("could not open: %s", error->message);
  gtk_label_set_text (GTK_LABEL (label),
                      _("No program on this computer opens this kind of file. "
                        "Open its folder and open it from there."));
  gtk_widget_set_visible (label, TRUE);
}

static void
launch (Done       *done,
        const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GAppLaunchContext) context = NULL;

  if (uri == NULL)
    return;
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
              gtk_widget_get_display (GTK_WIDGET (done->window))));
  /* works on Windows too (GLib's win32 app info); gtk_show_uri would need
   * the portal on a sandboxed desktop, and this app is not sandboxed */
  g_app_info_launch_default_for_uri_async (uri, context, NULL, launched,
                                           g_object_ref (done->error_label));
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  Done *done = user_data;

  launch (done, done->path);
}

static void
open_folder_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  Done *done = user_data;
  g_autofree char *folder = g_path_get_dirname (done->path);

  launch (done, folder);
}

static void
close_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  Done *done = user_data;

  gtk_window_destroy (done->window);
}

static const GActionEntry done_entries[] = {
  { "open", open_action },
  { "open-folder", open_folder_action },
  { "close", close_action },
};

GtkWindow *
thidua_export_flow_show_done (GtkWindow  *parent,
                              const char *path)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/thidua/Thidua/thidua-export-done.ui");
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base_text = g_filename_display_name (base);
  g_autofree char *folder_text = g_filename_display_name (folder);
  g_autofree char *where = g_strdup_printf (_("in the folder %s"), folder_text);
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "window"));
  Done *done = g_new0 (Done, 1);

  done->path = g_strdup (path);
  done->window = window;
  done->error_label = GTK_LABEL (gtk_builder_get_object (builder, "error_label"));
  gtk_label_set_text (GTK_LABEL (gtk_builder_get_object (builder, "file_label")), base_text);
  gtk_label_set_text (GTK_LABEL (gtk_builder_get_object (builder, "folder_label")), where);

  g_action_map_add_action_entries (G_ACTION_MAP (group), done_entries,
                                   G_N_ELEMENTS (done_entries), done);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "done", G_ACTION_GROUP (group));
  g_object_set_data_full (G_OBJECT (window), "thidua-export-path", done, done_free);

  if (parent != NULL)
    {
      gtk_window_set_transient_for (window, parent);
      if (gtk_window_get_application (parent) != NULL)
        gtk_window_set_application (window, gtk_window_get_application (parent));
    }
  /* "Mở" is what the secretary most likely wants next */
  gtk_window_set_focus (window, GTK_WIDGET (gtk_builder_get_object (builder, "open_button")));
  gtk_window_present (window);
  return window;
}

/* ---- the chooser ---- */

typedef struct {
  GtkWindow             *parent;
  GSettings             *settings;
  ThiduaExportFormat    *formats;
  guint                  n_formats;
  ThiduaExportWriteFunc  write;
  gpointer               user_data;
  GDestroyNotify         destroy;
} Flow;

static void
flow_free (Flow *flow)
{
  if (flow->destroy != NULL)
    flow->destroy (flow->user_data);
  g_clear_object (&flow->parent);
  g_clear_object (&flow->settings);
  g_free (flow->formats);
  g_free (flow);
}

static void
show_failure (GtkWindow    *parent,
              const GError *error)
{
  GtkWidget *dialog;

  /* GtkMessageDialog is the 4.8 way (GtkAlertDialog is 4.10) */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   "%s", _("Could not export"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
with_extension (const char               *path,
                const ThiduaExportFormat *formats,
                guint                     n_formats)
{
  g_autofree char *lower = g_utf8_strdown (path, -1);

  for (guint i = 0; i < n_formats; i++)
    {
      g_autofree char *ext = g_strconcat (".", formats[i].extension, NULL);

      if (g_str_has_suffix (lower, ext))
        return g_strdup (path);
    }
  return g_strconcat (path, ".", formats[0].extension, NULL);
}

static void
flow_response (GtkNativeDialog *native,
               int              response,
               Flow            *flow)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file != NULL)
    chosen = g_file_get_path (file);
  if (chosen != NULL)
    {
      path = with_extension (chosen, flow->formats, flow->n_formats);
      /* the chooser asked before replacing the name as typed, not this
       * one: an existing file keeps its contents, the copy gets " (2)" */
      if (g_strcmp0 (path, chosen) != 0 && g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *ext = g_strdup (strrchr (path, '.'));

          for (guint n = 2; n < 1000 && g_file_test (path, G_FILE_TEST_EXISTS); n++)
            {
              g_free (path);
              path = g_strdup_printf ("%s (%u)%s", chosen, n, ext);
            }
        }
      if (flow->write (path, flow->user_data, &error))
        {
          thidua_export_remember_folder (flow->settings, path);
          thidua_export_flow_show_done (flow->parent, path);
        }
      else
        show_failure (flow->parent, error);
    }
  flow_free (flow);
  g_object_unref (native);
}

void
thidua_export_flow_run (GtkWindow                *parent,
                        GSettings                *settings,
                        const char               *title,
                        const char               *name,
                        const ThiduaExportFormat *formats,
                        guint                     n_formats,
                        ThiduaExportWriteFunc     write,
                        gpointer                  user_data,
                        GDestroyNotify            destroy)
{
  GtkFileChooserNative *native;
  g_autofree char *folder_path = thidua_export_initial_folder (settings);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  Flow *flow;

  g_return_if_fail (formats != NULL && n_formats > 0);
  g_return_if_fail (write != NULL);

  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  for (guint i = 0; i < n_formats; i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *pattern = g_strconcat ("*.", formats[i].extension, NULL);

      gtk_file_filter_set_name (filter, formats[i].label);
      if (formats[i].mime_type != NULL)
        gtk_file_filter_add_mime_type (filter, formats[i].mime_type);
      gtk_file_filter_add_pattern (filter, pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    }
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  flow = g_new0 (Flow, 1);
  flow->parent = parent ? g_object_ref (parent) : NULL;
  flow->settings = settings ? g_object_ref (settings) : NULL;
  flow->formats = g_memdup2 (formats, sizeof *formats * n_formats);
  flow->n_formats = n_formats;
  flow->write = write;
  flow->user_data = user_data;
  flow->destroy = destroy;
  g_signal_connect (native, "response", G_CALLBACK (flow_response), flow);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- the plan ---- */

static GSettings *
window_settings (ThiduaWindow *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  return THIDUA_IS_APPLICATION (app) ? thidua_application_get_settings (THIDUA_APPLICATION (app))
                                     : NULL;
}

gboolean
thidua_export_flow_write_plan (ThiduaWindow  *window,
                               const char    *path,
                               GError       **error)
{
  ThiduaDocument *document;
  ThiduaPreview *preview;
  ThiduaLayout *layout;
  ThiduaPlan *plan;
  gboolean ok;

  g_return_val_if_fail (THIDUA_IS_WINDOW (window), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  document = thidua_window_get_document (window);
  preview = thidua_window_get_preview (window);
  if (document != NULL && preview != NULL)
    thidua_preview_flush (preview);
  layout = preview != NULL ? thidua_preview_get_layout (preview) : NULL;
  if (document == NULL || layout == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No plan is open"));
      return FALSE;
    }
  plan = thidua_document_get_plan (document);
  /* The same pages as the preview and the print: one renderer; the
   * editable formats are written from the same layout. */
  if (thidua_export_handles (path))
    ok = thidua_export_to_file (layout, plan, path, error);
  else
    ok = thidua_render_to_file (layout, plan, path, thidua_preview_get_page (preview), 150, error);
  if (ok)
    thidua_export_remember_folder (window_settings (window), path);
  return ok;
}

static gboolean
write_plan (const char  *path,
            gpointer     user_data,
            GError     **error)
{
  return thidua_export_flow_write_plan (THIDUA_WINDOW (user_data), path, error);
}

void
thidua_export_flow_plan (ThiduaWindow *window,
                         const char   *format)
{
  ThiduaExportFormat formats[] = {
    { "pdf", _("PDF documents"), "application/pdf" },
    { "png", _("PNG images (the page shown)"), "image/png" },
    { "docx", _("Word documents (editable)"),
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
    { "odt", _("OpenDocument text (editable)"), "application/vnd.oasis.opendocument.text" },
  };
  const char *titles[] = { _("Export PDF"), _("Export PNG"), _("Export Word Document"),
                           _("Export OpenDocument Text") };
  ThiduaDocument *document = thidua_window_get_document (window);
  g_autofree char *name = NULL;
  guint i;

  if (document == NULL)
    return;
  for (i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (format, formats[i].extension) == 0)
      break;
  if (i == G_N_ELEMENTS (formats))
    i = 0;

  name = thidua_export_file_name (thidua_plan_get_subject (thidua_document_get_plan (document)),
                                  _("plan"), formats[i].extension, THIDUA_EXPORT_NAME_MAX);
  thidua_export_flow_run (GTK_WINDOW (window), window_settings (window), titles[i], name,
                          &formats[i], 1, write_plan, g_object_ref (window), g_object_unref);
}
