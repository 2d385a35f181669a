/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-plan-item.c — one row of the plans list. */
#include "config.h"
#include "thidua-plan-item.h"

#include <glib/gi18n-lib.h>

struct _ThiduaPlanItem
{
  GObject  parent_instance;
  gint64   id;
  char    *title;
  char    *subtitle;
  char    *profile;
  char    *status;    /* the sign-off state as shown in the badge */
  guint    day, month, year;  /* the list's order (0: blank) */
};

G_DEFINE_FINAL_TYPE (ThiduaPlanItem, thidua_plan_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_PROFILE,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
thidua_format_plan_date (guint day, guint month, guint year)
{
  g_autofree char *d = day ? g_strdup_printf ("%02u", day) : g_strdup ("…");
  g_autofree char *m = month ? g_strdup_printf ("%02u", month) : g_strdup ("…");

  if (year == 0)
    return g_strdup ("");
  return g_strdup_printf ("%s/%s/%u", d, m, year);
}

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "draft") == 0)
    return _("Draft");
  if (g_strcmp0 (status, "submitted") == 0)
    return _("Submitted");
  if (g_strcmp0 (status, "returned") == 0)
    return _("Returned");
  if (g_strcmp0 (status, "issued") == 0)
    return _("Issued");
  if (g_strcmp0 (status, "replaced") == 0)
    return _("Replaced");
  return status;
}

static void
set_string (ThiduaPlanItem *self, char **field, const char *value, int prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
thidua_plan_item_update (ThiduaPlanItem          *self,
                         const ThiduaPlanSummary *s,
                         const char              *separator)
{
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;
  GString *sub = g_string_new (NULL);
  const char *title;

  g_return_if_fail (THIDUA_IS_PLAN_ITEM (self));

  title = s->subject && *s->subject ? s->subject : _("(No subject)");

  date = thidua_format_plan_date (s->day, s->month, s->year);
  if (*date)
    g_string_append (sub, date);
  if (s->symbol && *s->symbol)
    {
      if (sub->len)
        g_string_append (sub, " · ");
      g_string_append (sub, s->number && *s->number ? s->number : "…");
      g_string_append (sub, separator ? separator : "/");
      g_string_append (sub, s->symbol);
    }
  subtitle = g_string_free (sub, FALSE);

  self->day = s->day;
  self->month = s->month;
  self->year = s->year;
  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->title, title, PROP_TITLE);
  set_string (self, &self->subtitle, subtitle, PROP_SUBTITLE);
  set_string (self, &self->profile, s->profile, PROP_PROFILE);
  set_string (self, &self->status, status_label (s->status), PROP_STATUS);
  g_object_thaw_notify (G_OBJECT (self));
}

ThiduaPlanItem *
thidua_plan_item_new (const ThiduaPlanSummary *summary,
                      const char              *separator)
{
  ThiduaPlanItem *self = g_object_new (THIDUA_TYPE_PLAN_ITEM, NULL);

  self->id = summary->id;
  thidua_plan_item_update (self, summary, separator);
  return self;
}

/* The order of thidua_store_list_plans(): year, month, day, id, newest
 * first; a blank part (NULL in SQL, 0 here) sorts after any value. */
int
thidua_plan_item_compare (ThiduaPlanItem *a,
                          ThiduaPlanItem *b)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_ITEM (a) && THIDUA_IS_PLAN_ITEM (b), 0);

  if (a->year != b->year)
    return a->year > b->year ? -1 : 1;
  if (a->month != b->month)
    return a->month > b->month ? -1 : 1;
  if (a->day != b->day)
    return a->day > b->day ? -1 : 1;
  if (a->id != b->id)
    return a->id > b->id ? -1 : 1;
  return 0;
}

gint64
thidua_plan_item_get_id (ThiduaPlanItem *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_ITEM (self), 0);
  return self->id;
}

const char *
thidua_plan_item_get_title (ThiduaPlanItem *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_ITEM (self), NULL);
  return self->title;
}

const char *
thidua_plan_item_get_status (ThiduaPlanItem *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_ITEM (self), NULL);
  return self->status;
}

const char *
thidua_plan_item_get_subtitle (ThiduaPlanItem *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_ITEM (self), NULL);
  return self->subtitle;
}

const char *
thidua_plan_item_get_profile (ThiduaPlanItem *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_ITEM (self), NULL);
  return self->profile;
}

static void
thidua_plan_item_finalize (GObject *object)
{
  ThiduaPlanItem *self = THIDUA_PLAN_ITEM (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->profile);
  g_free (self->status);
  G_OBJECT_CLASS (thidua_plan_item_parent_class)->finalize (object);
}

static void
thidua_plan_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ThiduaPlanItem *self = THIDUA_PLAN_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_plan_item_class_init (ThiduaPlanItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = thidua_plan_item_finalize;
  object_class->get_property = thidua_plan_item_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, ro);
  properties[PROP_PROFILE] = g_param_spec_string ("profile", NULL, NULL, NULL, ro);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
thidua_plan_item_init (ThiduaPlanItem *self)
{
}
