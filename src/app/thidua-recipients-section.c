/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-recipients-section.c — the recipients, one line each. */
#include "config.h"
#include "thidua-recipients-section.h"
#include "thidua-text.h"

#include <glib/gi18n.h>
#include <string.h>

struct _ThiduaRecipientsSection
{
  ThiduaPlanSection parent_instance;

  GtkListBox       *recipients_list;
  GtkButton        *luu_button;
  GtkLabel         *recipients_error_label;
};

G_DEFINE_FINAL_TYPE (ThiduaRecipientsSection, thidua_recipients_section, THIDUA_TYPE_PLAN_SECTION)

static ThiduaPlan *
get_plan (ThiduaRecipientsSection *self)
{
  return thidua_plan_section_get_plan (THIDUA_PLAN_SECTION (self));
}

static void rebuild_recipients (ThiduaRecipientsSection *self);

static GPtrArray *
recipient_entries (ThiduaRecipientsSection *self)
{
  GPtrArray *entries = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->recipients_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *entry = g_object_get_data (G_OBJECT (row), "thidua-entry");

      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }
  return entries;
}

static GStrv
collect_recipients (ThiduaRecipientsSection *self)
{
  g_autoptr(GPtrArray) entries = recipient_entries (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < entries->len; i++)
    g_strv_builder_add (builder, gtk_editable_get_text (g_ptr_array_index (entries, i)));
  return g_strv_builder_end (builder);
}

static gboolean
has_luu_line (ThiduaPlan *plan)
{
  const char * const *lines = thidua_plan_get_recipients (plan);

  for (guint i = 0; lines && lines[i]; i++)
    {
      g_autofree char *folded = thidua_text_fold (lines[i]);

      if (g_str_has_prefix (folded, "luu"))
        return TRUE;
    }
  return FALSE;
}

static char *
luu_suggestion (ThiduaPlan *plan)
{
  if (thidua_plan_get_profile (plan) == THIDUA_PROFILE_PARTY)
    return g_strdup ("Lưu Văn phòng.");
  return g_strdup ("Lưu: VT.");
}

static void
update_luu_button (ThiduaRecipientsSection *self)
{
  ThiduaPlan *plan = get_plan (self);
  g_autofree char *luu = NULL;
  g_autofree char *label = NULL;

  if (plan == NULL)
    return;
  luu = luu_suggestion (plan);
  label = g_strdup_printf (_("Add “%s”"), luu);
  gtk_button_set_label (self->luu_button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->luu_button), !has_luu_line (plan));
}

static void
recipients_changed (ThiduaRecipientsSection *self)
{
  g_auto(GStrv) lines = NULL;

  if (!thidua_plan_section_begin_step (THIDUA_PLAN_SECTION (self), "recipients"))
    return;
  lines = collect_recipients (self);
  thidua_plan_set_recipients (get_plan (self), (const char * const *) lines);
  update_luu_button (self);
  thidua_plan_section_emit_changed (THIDUA_PLAN_SECTION (self), "recipients");
}

static void
set_recipients_and_rebuild (ThiduaRecipientsSection *self,
                            GStrv                    lines,
                            int                      focus)
{
  g_autoptr(GPtrArray) entries = NULL;

  thidua_plan_section_begin_step (THIDUA_PLAN_SECTION (self), NULL);
  thidua_plan_set_recipients (get_plan (self), (const char * const *) lines);
  rebuild_recipients (self);
  update_luu_button (self);
  entries = recipient_entries (self);
  if (focus >= 0 && (guint) focus < entries->len)
    gtk_widget_grab_focus (g_ptr_array_index (entries, focus));
  thidua_plan_section_emit_changed (THIDUA_PLAN_SECTION (self), "recipients");
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  ThiduaRecipientsSection *self = THIDUA_RECIPIENTS_SECTION (widget);
  ThiduaPlan *plan = get_plan (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *lines;
  g_auto(GStrv) result = NULL;
  guint n = 0, insert_at;

  if (plan == NULL)
    return;
  lines = thidua_plan_get_recipients (plan);
  while (lines && lines[n])
    n++;
  /* New recipients go before the "Lưu" line, which stays last. */
  insert_at = n;
  if (n > 0)
    {
      g_autofree char *folded = thidua_text_fold (lines[n - 1]);
      if (g_str_has_prefix (folded, "luu"))
        insert_at = n - 1;
    }
  for (guint i = 0; i < n; i++)
    {
      if (i == insert_at)
        g_strv_builder_add (builder, "");
      g_strv_builder_add (builder, lines[i]);
    }
  if (insert_at == n)
    g_strv_builder_add (builder, "");
  result = g_strv_builder_end (builder);
  set_recipients_and_rebuild (self, result, insert_at);
}

static void
add_luu_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ThiduaRecipientsSection *self = THIDUA_RECIPIENTS_SECTION (widget);
  ThiduaPlan *plan = get_plan (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *luu = NULL;
  g_auto(GStrv) result = NULL;

  if (plan == NULL || has_luu_line (plan))
    return;
  luu = luu_suggestion (plan);
  g_strv_builder_addv (builder, (const char **) thidua_plan_get_recipients (plan));
  g_strv_builder_add (builder, luu);
  result = g_strv_builder_end (builder);
  set_recipients_and_rebuild (self, result, g_strv_length (result) - 1);
}

/* Removes line `index` (move 0) or swaps it with its neighbour. */
static void
edit_line (ThiduaRecipientsSection *self,
           int                      index,
           int                      move)
{
  g_auto(GStrv) lines = NULL;
  guint n;

  if (get_plan (self) == NULL)
    return;
  lines = g_strdupv ((GStrv) thidua_plan_get_recipients (get_plan (self)));
  n = lines ? g_strv_length (lines) : 0;
  if (index < 0 || (guint) index >= n)
    return;
  if (move == 0)
    {
      g_free (lines[index]);
      memmove (&lines[index], &lines[index + 1], (n - index) * sizeof (char *));
      set_recipients_and_rebuild (self, lines, MIN (index, (int) n - 2));
      return;
    }
  if (index + move < 0 || (guint) (index + move) >= n)
    return;
  {
    char *tmp = lines[index];
    lines[index] = lines[index + move];
    lines[index + move] = tmp;
  }
  set_recipients_and_rebuild (self, lines, index + move);
}

static void
line_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  int move = g_str_equal (action_name, "recipients.up") ? -1
           : g_str_equal (action_name, "recipients.down") ? 1 : 0;

  edit_line (THIDUA_RECIPIENTS_SECTION (widget), g_variant_get_int32 (param), move);
}

/* Enter opens the next line, as in a list typed on paper. */
static void
recipient_activated (ThiduaRecipientsSection *self,
                     GtkEntry                *entry)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "thidua-index"));
  g_auto(GStrv) lines = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *old;

  if (get_plan (self) == NULL || !thidua_plan_section_get_editable (THIDUA_PLAN_SECTION (self)))
    return;
  old = thidua_plan_get_recipients (get_plan (self));
  for (int i = 0; old && old[i]; i++)
    {
      g_strv_builder_add (builder, old[i]);
      if (i == index)
        g_strv_builder_add (builder, "");
    }
  lines = g_strv_builder_end (builder);
  set_recipients_and_rebuild (self, lines, index + 1);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *action,
             int         index)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", index);
  return button;
}

static void
rebuild_recipients (ThiduaRecipientsSection *self)
{
  ThiduaPlan *plan = get_plan (self);
  const char * const *lines = plan ? thidua_plan_get_recipients (plan) : NULL;
  gboolean editable = thidua_plan_section_get_editable (THIDUA_PLAN_SECTION (self));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  int focused = -1, n = 0;
  GtkWidget *child;

  /* the line with the focus keeps it (by position) across the rebuild,
   * so that Ctrl+Shift+Z right after Ctrl+Z still reaches the form */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->recipients_list));
       child != NULL; child = gtk_widget_get_next_sibling (child), n++)
    if (focus != NULL && (focus == child || gtk_widget_is_ancestor (focus, child)))
      focused = n;

  thidua_plan_section_begin_load (THIDUA_PLAN_SECTION (self));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recipients_list))) != NULL)
    gtk_list_box_remove (self->recipients_list, child);

  for (int i = 0; lines && lines[i]; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      GtkWidget *entry = gtk_entry_new ();
      g_autofree char *name = g_strdup_printf (_("Recipient %d"), i + 1);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_hexpand (entry, TRUE);
      /* its history is the document's: Ctrl+Z after a removal brings the
       * removed line back instead of blanking this one */
      gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (entry), lines[i]);
      gtk_editable_set_editable (GTK_EDITABLE (entry), editable);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect_swapped (entry, "changed", G_CALLBACK (recipients_changed), self);
      g_object_set_data (G_OBJECT (entry), "thidua-index", GINT_TO_POINTER (i));
      g_signal_connect_swapped (entry, "activate", G_CALLBACK (recipient_activated), self);
      gtk_box_append (GTK_BOX (box), entry);
      gtk_box_append (GTK_BOX (box), icon_button ("go-up-symbolic", _("Move Up"),
                                                  "recipients.up", i));
      gtk_box_append (GTK_BOX (box), icon_button ("go-down-symbolic", _("Move Down"),
                                                  "recipients.down", i));
      gtk_box_append (GTK_BOX (box), icon_button ("list-remove-symbolic", _("Remove"),
                                                  "recipients.remove", i));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "thidua-entry", entry);
      gtk_list_box_append (self->recipients_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recipients_list), lines && lines[0]);
  thidua_plan_section_end_load (THIDUA_PLAN_SECTION (self));
  if (focused >= 0)
    {
      g_autoptr(GPtrArray) entries = recipient_entries (self);

      if (entries->len > 0)
        gtk_widget_grab_focus (g_ptr_array_index (entries, MIN ((guint) focused, entries->len - 1)));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->luu_button));
    }
}

void
thidua_recipients_section_set_message (ThiduaRecipientsSection *self,
                                       const char              *message)
{
  g_return_if_fail (THIDUA_IS_RECIPIENTS_SECTION (self));
  gtk_label_set_label (self->recipients_error_label, message ? message : "");
}

static void
recipients_section_load (ThiduaPlanSection *section)
{
  rebuild_recipients (THIDUA_RECIPIENTS_SECTION (section));
  update_luu_button (THIDUA_RECIPIENTS_SECTION (section));
}

static void
recipients_section_editable_changed (ThiduaPlanSection *section,
                                     gboolean           editable)
{
  static const char * const actions[] = {
    "recipients.add", "recipients.add-luu", "recipients.remove", "recipients.up", "recipients.down",
  };
  ThiduaRecipientsSection *self = THIDUA_RECIPIENTS_SECTION (section);

  gtk_widget_set_sensitive (GTK_WIDGET (self->recipients_list), editable);
  /* every action that changes the plan follows */
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], editable);
}

static void
recipients_section_profile_changed (ThiduaPlanSection *section,
                                    ThiduaProfile     *profile)
{
  update_luu_button (THIDUA_RECIPIENTS_SECTION (section));
}

static GtkWidget *
recipients_section_get_field_widget (ThiduaPlanSection *section,
                                     const char        *field)
{
  ThiduaRecipientsSection *self = THIDUA_RECIPIENTS_SECTION (section);
  g_autoptr(GPtrArray) entries = NULL;

  if (g_strcmp0 (field, "recipients") != 0)
    return NULL;
  entries = recipient_entries (self);
  return entries->len ? g_ptr_array_index (entries, entries->len - 1) : GTK_WIDGET (self->luu_button);
}

GtkWidget *
thidua_recipients_section_new (void)
{
  return g_object_new (THIDUA_TYPE_RECIPIENTS_SECTION, NULL);
}

static void
thidua_recipients_section_class_init (ThiduaRecipientsSectionClass *klass)
{
  ThiduaPlanSectionClass *section_class = THIDUA_PLAN_SECTION_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  section_class->load = recipients_section_load;
  section_class->editable_changed = recipients_section_editable_changed;
  section_class->profile_changed = recipients_section_profile_changed;
  section_class->get_field_widget = recipients_section_get_field_widget;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-recipients-section.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaRecipientsSection, recipients_list);
  gtk_widget_class_bind_template_child (widget_class, ThiduaRecipientsSection, luu_button);
  gtk_widget_class_bind_template_child (widget_class, ThiduaRecipientsSection, recipients_error_label);
  gtk_widget_class_install_action (widget_class, "recipients.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "recipients.add-luu", NULL, add_luu_action);
  gtk_widget_class_install_action (widget_class, "recipients.remove", "i", line_action);
  gtk_widget_class_install_action (widget_class, "recipients.up", "i", line_action);
  gtk_widget_class_install_action (widget_class, "recipients.down", "i", line_action);
}

static void
thidua_recipients_section_init (ThiduaRecipientsSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
