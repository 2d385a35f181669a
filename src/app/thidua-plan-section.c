/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-plan-section.c — the base of the plan form's parts. */
#include "config.h"
#include "thidua-plan-section.h"

#include <glib/gi18n.h>
#include <string.h>

typedef struct
{
  ThiduaDocument *document;
  ThiduaPlan     *plan;       /* the document's */
  gboolean        editable;
  guint           loading;    /* >0 while widgets are filled from the plan */
} ThiduaPlanSectionPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ThiduaPlanSection, thidua_plan_section, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_EDITABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define SECTION_CLASS(self) THIDUA_PLAN_SECTION_GET_CLASS (self)

/* The template child named by text field `i` of the class. */
static GtkEditable *
text_entry (ThiduaPlanSection *self,
            guint              i)
{
  return GTK_EDITABLE (G_STRUCT_MEMBER (GtkEntry *, self, SECTION_CLASS (self)->texts[i].entry_offset));
}

void
thidua_plan_section_class_set_texts (ThiduaPlanSectionClass      *klass,
                                     const ThiduaPlanSectionText *texts,
                                     guint                        n_texts)
{
  g_return_if_fail (THIDUA_IS_PLAN_SECTION_CLASS (klass));
  klass->texts = texts;
  klass->n_texts = n_texts;
}

/* ------------------------------------------------------------------ */
/* Edits                                                              */

ThiduaPlan *
thidua_plan_section_get_plan (ThiduaPlanSection *self)
{
  ThiduaPlanSectionPrivate *priv = thidua_plan_section_get_instance_private (self);

  g_return_val_if_fail (THIDUA_IS_PLAN_SECTION (self), NULL);
  return priv->plan;
}

void
thidua_plan_section_begin_load (ThiduaPlanSection *self)
{
  ThiduaPlanSectionPrivate *priv = thidua_plan_section_get_instance_private (self);

  priv->loading++;
}

void
thidua_plan_section_end_load (ThiduaPlanSection *self)
{
  ThiduaPlanSectionPrivate *priv = thidua_plan_section_get_instance_private (self);

  g_return_if_fail (priv->loading > 0);
  priv->loading--;
}

gboolean
thidua_plan_section_is_user_edit (ThiduaPlanSection *self)
{
  ThiduaPlanSectionPrivate *priv = thidua_plan_section_get_instance_private (self);

  return priv->loading == 0 && priv->plan != NULL;
}

gboolean
thidua_plan_section_begin_step (ThiduaPlanSection *self,
                                const char        *key)
{
  ThiduaPlanSectionPrivate *priv = thidua_plan_section_get_instance_private (self);

  if (!thidua_plan_section_is_user_edit (self))
    return FALSE;
  thidua_document_begin_step (priv->document, key);
  return TRUE;
}

void
thidua_plan_section_emit_changed (ThiduaPlanSection *self,
                                  const char        *field)
{
  g_return_if_fail (THIDUA_IS_PLAN_SECTION (self));
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (field), g_get_monotonic_time ());
}

/* One of the class's text fields was edited. */
static void
text_changed (GtkEditable       *editable,
              ThiduaPlanSection *self)
{
  ThiduaPlanSectionPrivate *priv = thidua_plan_section_get_instance_private (self);
  const ThiduaPlanSectionText *text = NULL;

  for (guint i = 0; i < SECTION_CLASS (self)->n_texts && text == NULL; i++)
    if (text_entry (self, i) == editable)
      text = &SECTION_CLASS (self)->texts[i];
  if (text == NULL || !thidua_plan_section_begin_step (self, text->field))
    return;
  text->set (priv->plan, gtk_editable_get_text (editable));
  thidua_plan_section_emit_changed (self, text->field);
}

/* ------------------------------------------------------------------ */
/* Document, editable, restore, profile                               */

ThiduaDocument *
thidua_plan_section_get_document (ThiduaPlanSection *self)
{
  ThiduaPlanSectionPrivate *priv = thidua_plan_section_get_instance_private (self);

  g_return_val_if_fail (THIDUA_IS_PLAN_SECTION (self), NULL);
  return priv->document;
}

void
thidua_plan_section_set_document (ThiduaPlanSection *self,
                                  ThiduaDocument    *document)
{
  ThiduaPlanSectionPrivate *priv = thidua_plan_section_get_instance_private (self);
  ThiduaPlanSectionClass *klass;

  g_return_if_fail (THIDUA_IS_PLAN_SECTION (self));
  g_return_if_fail (document == NULL || THIDUA_IS_DOCUMENT (document));

  if (priv->document == document)
    return;
  /* what the section connected to the plan shown before */
  if (priv->document != NULL)
    g_signal_handlers_disconnect_by_data (priv->document, self);
  g_set_object (&priv->document, document);
  g_clear_object (&priv->plan);
  if (document != NULL)
    priv->plan = g_object_ref (thidua_document_get_plan (document));

  klass = SECTION_CLASS (self);
  priv->loading++;
  for (guint i = 0; i < klass->n_texts; i++)
    gtk_editable_set_text (text_entry (self, i), priv->plan ? klass->texts[i].get (priv->plan) : "");
  if (klass->load != NULL)
    klass->load (self);
  priv->loading--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

gboolean
thidua_plan_section_get_editable (ThiduaPlanSection *self)
{
  ThiduaPlanSectionPrivate *priv = thidua_plan_section_get_instance_private (self);

  g_return_val_if_fail (THIDUA_IS_PLAN_SECTION (self), FALSE);
  return priv->editable;
}

void
thidua_plan_section_set_editable (ThiduaPlanSection *self,
                                  gboolean           editable)
{
  ThiduaPlanSectionPrivate *priv = thidua_plan_section_get_instance_private (self);

  g_return_if_fail (THIDUA_IS_PLAN_SECTION (self));

  editable = !!editable;
  if (priv->editable == editable)
    return;
  priv->editable = editable;
  for (guint i = 0; i < SECTION_CLASS (self)->n_texts; i++)
    gtk_editable_set_editable (text_entry (self, i), editable);
  if (SECTION_CLASS (self)->editable_changed != NULL)
    SECTION_CLASS (self)->editable_changed (self, editable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

void
thidua_plan_section_restore (ThiduaPlanSection *self)
{
  ThiduaPlanSectionPrivate *priv = thidua_plan_section_get_instance_private (self);
  ThiduaPlanSectionClass *klass;

  g_return_if_fail (THIDUA_IS_PLAN_SECTION (self));

  if (priv->plan == NULL)
    return;
  klass = SECTION_CLASS (self);
  priv->loading++;
  for (guint i = 0; i < klass->n_texts; i++)
    thidua_plan_section_show_text (text_entry (self, i), klass->texts[i].get (priv->plan));
  priv->loading--;
  if (klass->restore != NULL)
    klass->restore (self);
  else if (klass->load != NULL)
    {
      priv->loading++;
      klass->load (self);
      priv->loading--;
    }
}

void
thidua_plan_section_profile_changed (ThiduaPlanSection *self,
                                     ThiduaProfile     *profile)
{
  ThiduaPlanSectionClass *klass;

  g_return_if_fail (THIDUA_IS_PLAN_SECTION (self));

  klass = SECTION_CLASS (self);
  for (guint i = 0; i < klass->n_texts; i++)
    if (klass->texts[i].example != NULL)
      thidua_plan_section_set_example (GTK_ENTRY (text_entry (self, i)), profile, klass->texts[i].example);
  if (klass->profile_changed != NULL)
    klass->profile_changed (self, profile);
}

GtkWidget *
thidua_plan_section_get_field_widget (ThiduaPlanSection *self,
                                      const char        *field)
{
  ThiduaPlanSectionClass *klass;

  g_return_val_if_fail (THIDUA_IS_PLAN_SECTION (self), NULL);

  klass = SECTION_CLASS (self);
  for (guint i = 0; i < klass->n_texts; i++)
    if (g_strcmp0 (field, klass->texts[i].field) == 0)
      return GTK_WIDGET (text_entry (self, i));
  return klass->get_field_widget ? klass->get_field_widget (self, field) : NULL;
}

/* ------------------------------------------------------------------ */
/* Helpers                                                            */

void
thidua_plan_section_set_example (GtkEntry      *entry,
                                 ThiduaProfile *profile,
                                 const char    *key)
{
  const char *example = profile ? thidua_profile_get_placeholder (profile, key) : NULL;
  g_autofree char *text = example && *example ? g_strdup_printf (_("e.g. %s"), example) : NULL;

  gtk_entry_set_placeholder_text (entry, text);
}

int
thidua_plan_section_changed_offset (const char *from,
                                    const char *to)
{
  const char *a = from, *b = to;
  const char *ea = from + strlen (from), *eb = to + strlen (to);

  while (*a && *a == *b)
    a++, b++;
  while (ea > a && eb > b && ea[-1] == eb[-1])
    ea--, eb--;
  while (eb > to && (*eb & 0xc0) == 0x80)   /* not inside a character */
    eb--;
  return (int) g_utf8_strlen (to, eb - to);
}

void
thidua_plan_section_show_text (GtkEditable *editable,
                               const char  *text)
{
  const char *old = gtk_editable_get_text (editable);
  int pos;

  if (g_strcmp0 (old, text) == 0)
    return;
  pos = thidua_plan_section_changed_offset (old, text);
  gtk_editable_set_text (editable, text);
  gtk_editable_set_position (editable, pos);
}

void
thidua_plan_section_show_cursor (GtkTextView *view,
                                 int          offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_view_scroll_mark_onscreen (view, gtk_text_buffer_get_insert (buffer));
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

/* The text fields are template children: connected once they exist. */
static void
thidua_plan_section_constructed (GObject *object)
{
  ThiduaPlanSection *self = THIDUA_PLAN_SECTION (object);

  G_OBJECT_CLASS (thidua_plan_section_parent_class)->constructed (object);

  for (guint i = 0; i < SECTION_CLASS (self)->n_texts; i++)
    {
      GtkEditable *entry = text_entry (self, i);

      g_signal_connect (entry, "changed", G_CALLBACK (text_changed), self);
      /* the text widgets keep no history of their own: the document does */
      gtk_editable_set_enable_undo (entry, FALSE);
    }
}

static void
thidua_plan_section_dispose (GObject *object)
{
  ThiduaPlanSection *self = THIDUA_PLAN_SECTION (object);
  ThiduaPlanSectionPrivate *priv = thidua_plan_section_get_instance_private (self);
  GtkWidget *child;

  if (priv->document != NULL)
    g_signal_handlers_disconnect_by_data (priv->document, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  /* the template's root is not a bound child */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&priv->document);
  g_clear_object (&priv->plan);
  G_OBJECT_CLASS (thidua_plan_section_parent_class)->dispose (object);
}

static void
thidua_plan_section_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ThiduaPlanSection *self = THIDUA_PLAN_SECTION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, thidua_plan_section_get_document (self));
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, thidua_plan_section_get_editable (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_plan_section_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ThiduaPlanSection *self = THIDUA_PLAN_SECTION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      thidua_plan_section_set_document (self, g_value_get_object (value));
      break;
    case PROP_EDITABLE:
      thidua_plan_section_set_editable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_plan_section_class_init (ThiduaPlanSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = thidua_plan_section_constructed;
  object_class->dispose = thidua_plan_section_dispose;
  object_class->get_property = thidua_plan_section_get_property;
  object_class->set_property = thidua_plan_section_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, THIDUA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* FALSE on a read-only database or an issued plan */
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* An edit reached the plan; the detail is the field, the argument the
   * edit's monotonic time (µs), for the preview latency measurement. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /* every section is one template whose root fills it */
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
thidua_plan_section_init (ThiduaPlanSection *self)
{
  ThiduaPlanSectionPrivate *priv = thidua_plan_section_get_instance_private (self);

  priv->editable = TRUE;
}
