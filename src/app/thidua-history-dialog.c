/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-history-dialog.c — the steps of a plan, read-only. */
#include "config.h"
#include "thidua-history-dialog.h"
#include "thidua-lifecycle.h"
#include "thidua-signoff.h"

#include <glib/gi18n.h>

struct _ThiduaHistoryDialog
{
  GtkWindow  parent_instance;

  GtkLabel  *events_label;
};

G_DEFINE_FINAL_TYPE (ThiduaHistoryDialog, thidua_history_dialog, GTK_TYPE_WINDOW)

static void
thidua_history_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), THIDUA_TYPE_HISTORY_DIALOG);
  G_OBJECT_CLASS (thidua_history_dialog_parent_class)->dispose (object);
}

static void
thidua_history_dialog_class_init (ThiduaHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_history_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaHistoryDialog, events_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
thidua_history_dialog_init (ThiduaHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ThiduaHistoryDialog *
thidua_history_dialog_new (GtkWindow *parent, GPtrArray *events)
{
  ThiduaHistoryDialog *self = g_object_new (THIDUA_TYPE_HISTORY_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  if (events == NULL || events->len == 0)
    g_string_append (text, _("No step yet: the plan is a draft."));
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      ThiduaLifecycleEvent *e = g_ptr_array_index (events, i);
      g_autofree char *when = g_strdelimit (g_strdup (e->at), "T", ' ');

      g_string_append_printf (text, "%s%s — %s", i ? "\n\n" : "", when,
                              thidua_signoff_status_text (e->to));
      if (e->by[0] != '\0')
        g_string_append_printf (text, " — %s", e->by);
      if (e->comment[0] != '\0')
        g_string_append_printf (text, "\n   “%s”", e->comment);
      g_string_append_printf (text, "\n   SHA-256 %.16s…", e->content_hash);
    }
  gtk_label_set_text (self->events_label, text->str);
  return self;
}

const char *
thidua_history_dialog_get_text (ThiduaHistoryDialog *self)
{
  g_return_val_if_fail (THIDUA_IS_HISTORY_DIALOG (self), NULL);
  return gtk_label_get_text (self->events_label);
}
