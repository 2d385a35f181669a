/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-target-draft.c — targets as typed, and the rules they obey. */
#include "config.h"
#include "thidua-target-draft.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

char *
thidua_target_format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (v < 0)
    return g_strdup ("");
  if (fabs (v - round (v)) < 1e-9)
    return g_strdup_printf ("%.0f", v);
  g_ascii_formatd (buf, sizeof buf, "%.1f", v);
  for (char *p = buf; *p; p++)
    if (*p == '.')
      *p = ',';
  return g_strdup (buf);
}

ThiduaTargetDraft *
thidua_target_draft_new (const char *title)
{
  ThiduaTargetDraft *d = g_new0 (ThiduaTargetDraft, 1);

  d->title = g_strdup (title ? title : "");
  d->bound = THIDUA_TARGET_BOUND_AT_LEAST;
  d->min_text = g_strdup ("");
  d->max_text = g_strdup ("");
  d->measure = THIDUA_TARGET_PERCENT;
  d->base = g_strdup ("staff");
  return d;
}

ThiduaTargetDraft *
thidua_target_draft_new_from_target (const ThiduaPlanTarget *t)
{
  ThiduaTargetDraft *d = g_new0 (ThiduaTargetDraft, 1);

  d->title = g_strdup (t->title);
  d->bound = t->min_value >= 0 && t->max_value >= 0 ? THIDUA_TARGET_BOUND_RANGE
             : t->max_value >= 0 ? THIDUA_TARGET_BOUND_AT_MOST : THIDUA_TARGET_BOUND_AT_LEAST;
  d->min_text = thidua_target_format_number (t->min_value);
  d->max_text = thidua_target_format_number (t->max_value);
  d->measure = t->measure;
  d->base = g_strdup (t->base ? t->base : "staff");
  return d;
}

ThiduaTargetDraft *
thidua_target_draft_copy (const ThiduaTargetDraft *d)
{
  ThiduaTargetDraft *copy = g_memdup2 (d, sizeof *d);

  copy->title = g_strdup (d->title);
  copy->min_text = g_strdup (d->min_text);
  copy->max_text = g_strdup (d->max_text);
  copy->base = g_strdup (d->base);
  return copy;
}

void
thidua_target_draft_free (ThiduaTargetDraft *d)
{
  if (d == NULL)
    return;
  g_free (d->title);
  g_free (d->min_text);
  g_free (d->max_text);
  g_free (d->base);
  g_free (d);
}

gboolean
thidua_target_draft_equal (const ThiduaTargetDraft *a,
                           const ThiduaTargetDraft *b)
{
  return a->bound == b->bound && a->measure == b->measure &&
         g_strcmp0 (a->title, b->title) == 0 && g_strcmp0 (a->min_text, b->min_text) == 0 &&
         g_strcmp0 (a->max_text, b->max_text) == 0 && g_strcmp0 (a->base, b->base) == 0;
}

/* "12,5", "12.5", " 90 %" → value; FALSE with a message naming the problem. */
static gboolean
parse_bound (const char *text,
             gboolean    lower,
             double     *value,
             char      **message)
{
  g_autofree char *shown = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *s = g_strdup (shown);
  char *end = NULL;
  gsize len = strlen (s);

  if (len > 0 && s[len - 1] == '%')
    s[--len] = '\0';
  g_strchomp (s);
  if (*s == '\0')
    {
      *message = g_strdup (lower ? _("Enter the lower bound") : _("Enter the upper bound"));
      return FALSE;
    }
  for (char *p = s; *p; p++)
    if (*p == ',')
      *p = '.';
  *value = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0' || !isfinite (*value))
    {
      *message = g_strdup_printf (_("“%s” is not a number"), shown);
      return FALSE;
    }
  if (*value < 0)
    {
      *message = g_strdup (_("A target cannot be negative"));
      return FALSE;
    }
  return TRUE;
}

ThiduaPlanTarget *
thidua_target_draft_to_target (const ThiduaTargetDraft *d,
                               ThiduaCatalog           *catalog,
                               char                   **message)
{
  g_autoptr(ThiduaPlanTarget) t = NULL;
  g_autoptr(GError) error = NULL;
  double lo = -1, hi = -1;

  g_return_val_if_fail (d != NULL && message != NULL, NULL);

  *message = NULL;
  if (catalog == NULL)
    {
      *message = g_strdup (_("The catalog of titles is not available"));
      return NULL;
    }
  if (d->title == NULL || *d->title == '\0')
    {
      *message = g_strdup (_("Choose a title or rating"));
      return NULL;
    }
  if (thidua_catalog_lookup (catalog, d->title) == NULL)
    {
      *message = g_strdup_printf (_("“%s” is not in the catalog: choose a title or rating"), d->title);
      return NULL;
    }
  if (d->bound != THIDUA_TARGET_BOUND_AT_MOST && !parse_bound (d->min_text, TRUE, &lo, message))
    return NULL;
  if (d->bound != THIDUA_TARGET_BOUND_AT_LEAST && !parse_bound (d->max_text, FALSE, &hi, message))
    return NULL;

  if (d->measure == THIDUA_TARGET_PERCENT && (lo > 100 || hi > 100))
    {
      *message = g_strdup (_("A percentage cannot exceed 100"));
      return NULL;
    }
  if (d->measure == THIDUA_TARGET_COUNT
      && ((lo >= 0 && lo != floor (lo)) || (hi >= 0 && hi != floor (hi))))
    {
      *message = g_strdup (_("A count must be a whole number"));
      return NULL;
    }
  if (lo >= 0 && hi >= 0 && lo > hi)
    {
      g_autofree char *a = thidua_target_format_number (lo);
      g_autofree char *b = thidua_target_format_number (hi);

      *message = g_strdup_printf (_("The lower bound %s is above the upper bound %s"), a, b);
      return NULL;
    }
  if (d->measure == THIDUA_TARGET_PERCENT
      && g_strcmp0 (d->base, "staff") != 0 && g_strcmp0 (d->base, "units") != 0
      && thidua_catalog_lookup (catalog, d->base) == NULL)
    {
      *message = g_strdup_printf (_("“%s” is not all staff, units or a title in the catalog"), d->base);
      return NULL;
    }
  t = thidua_plan_target_new (d->title, lo, hi, d->measure,
                              d->measure == THIDUA_TARGET_PERCENT ? d->base : "staff");
  /* the register's own check, should the catalog ask for more */
  if (!thidua_plan_target_validate (t, catalog, &error))
    {
      *message = g_strdup (error->message);
      return NULL;
    }
  return g_steal_pointer (&t);
}
