/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-export-common.c — what the .docx and .odt writers share. */
#include "config.h"
#include "thidua-export-private.h"
#include "thidua-render.h"
#include "thidua-stamp.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>
#include <zip.h>

void
export_doc_init (ExportDoc *d, ThiduaLayout *layout, ThiduaPlan *plan)
{
  ThiduaProfile *profile = thidua_layout_get_profile (layout);
  const ThiduaProfileValues *v = thidua_profile_get_values (profile);
  const char *status = thidua_plan_get_status (plan);

  memset (d, 0, sizeof *d);
  d->v = v;
  d->plan = plan;
  d->body = thidua_body_parse (thidua_plan_get_body (plan));
  d->text_w = THIDUA_MM_TO_PT (v->page_width_mm - v->margin_left_mm - v->margin_right_mm);
  d->header_left = THIDUA_MM_TO_PT (v->header_left_column_mm);
  d->header_right = d->text_w - d->header_left;
  d->closing_left = THIDUA_MM_TO_PT (v->closing_left_column_mm);
  d->closing_right = d->text_w - d->closing_left;
  thidua_layout_get_header_rules (layout, &d->rule_issuing, &d->rule_motto, &d->rule_subject);
  d->number_line = thidua_layout_format_number_line (layout, plan);
  d->date_line = thidua_layout_format_date_line (layout, plan);
  /* The sign-off's state, as the pages print it (thidua-stamp.h): the
   * draft marking ("DỰ THẢO", "DỰ THẢO LẦN 2") or an issued plan's code
   * (the first word of what its QR code says). */
  d->draft_mark = thidua_layout_dup_draft_mark (layout);
  d->draft = d->draft_mark != NULL;
  {
    g_autofree char *qr = d->draft ? NULL : thidua_layout_dup_qr_text (layout);

    d->code = NULL;
    if (qr != NULL && qr[0] != '\0')
      {
        const char *space = strchr (qr, ' ');
        d->code = space ? g_strndup (qr, space - qr) : g_strdup (qr);
      }
  }
  (void) status;
}

void
export_doc_clear (ExportDoc *d)
{
  g_clear_pointer (&d->body, thidua_body_unref);
  g_clear_pointer (&d->number_line, g_free);
  g_clear_pointer (&d->date_line, g_free);
  g_clear_pointer (&d->code, g_free);
  g_clear_pointer (&d->draft_mark, g_free);
}

gboolean
export_block_bold (const ThiduaBlock *b)
{
  return b->kind == THIDUA_BLOCK_HEADING || b->titled;
}

/* --- XML -------------------------------------------------------------- */

void
part_begin (Part *p)
{
  p->buf = xmlBufferCreate ();
  p->w = xmlNewTextWriterMemory (p->buf, 0);
  xmlTextWriterStartDocument (p->w, NULL, "UTF-8", "yes");
}

void
part_end (Part *p)
{
  xmlTextWriterEndDocument (p->w);
  xmlFreeTextWriter (p->w);
  p->w = NULL;
}

void
part_free (Part *p)
{
  if (p->w)
    xmlFreeTextWriter (p->w);
  if (p->buf)
    xmlBufferFree (p->buf);
  p->w = NULL;
  p->buf = NULL;
}

static void
el_va (Part *p, const char *name, va_list ap)
{
  const char *k;

  xmlTextWriterStartElement (p->w, BAD_CAST name);
  while ((k = va_arg (ap, const char *)) != NULL)
    {
      const char *val = va_arg (ap, const char *);
      xmlTextWriterWriteAttribute (p->w, BAD_CAST k, BAD_CAST (val ? val : ""));
    }
}

void
el (Part *p, const char *name, ...)
{
  va_list ap;

  va_start (ap, name);
  el_va (p, name, ap);
  va_end (ap);
}

void
el_empty (Part *p, const char *name, ...)
{
  va_list ap;

  va_start (ap, name);
  el_va (p, name, ap);
  va_end (ap);
  xmlTextWriterEndElement (p->w);
}

void
el_end (Part *p)
{
  xmlTextWriterEndElement (p->w);
}

void
el_text (Part *p, const char *text)
{
  xmlTextWriterWriteString (p->w, BAD_CAST text);
}

void
el_leaf (Part *p, const char *name, const char *text)
{
  xmlTextWriterStartElement (p->w, BAD_CAST name);
  xmlTextWriterWriteString (p->w, BAD_CAST (text ? text : ""));
  xmlTextWriterEndElement (p->w);
}

char *
fmt_num (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (v == (double) (gint64) v)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) v);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.3f", v));
}

/* --- zip -------------------------------------------------------------- */

struct _Pack {
  zip_source_t *src;
  zip_t        *zip;
};

static gboolean
zip_fail (GError **error, const char *what)
{
  g_set_error (error, THIDUA_RENDER_ERROR, THIDUA_RENDER_ERROR_WRITE,
               _("The document could not be packed: %s"), what);
  return FALSE;
}

Pack *
pack_new (GError **error)
{
  zip_error_t zerr;
  Pack *z = g_new0 (Pack, 1);

  zip_error_init (&zerr);
  z->src = zip_source_buffer_create (NULL, 0, 0, &zerr);
  if (z->src == NULL || (zip_source_keep (z->src),
                         (z->zip = zip_open_from_source (z->src, ZIP_TRUNCATE, &zerr)) == NULL))
    {
      zip_fail (error, zip_error_strerror (&zerr));
      zip_error_fini (&zerr);
      if (z->src)
        zip_source_free (z->src);
      g_free (z);
      return NULL;
    }
  zip_error_fini (&zerr);
  return z;
}

gboolean
pack_add_string (Pack *z, const char *name, const char *s, gboolean stored, GError **error)
{
  gsize len = strlen (s);
  void *copy = g_memdup2 (s, len);
  zip_source_t *src = zip_source_buffer (z->zip, copy, len, 1);
  zip_int64_t idx;

  if (src == NULL)
    {
      g_free (copy);
      return zip_fail (error, zip_strerror (z->zip));
    }
  if ((idx = zip_file_add (z->zip, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)) < 0)
    {
      zip_source_free (src);
      return zip_fail (error, zip_strerror (z->zip));
    }
  /* level 1: a plan compresses well enough and the export stays fast */
  zip_set_file_compression (z->zip, (zip_uint64_t) idx, stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, stored ? 0 : 1);
  return TRUE;
}

gboolean
pack_add_part (Pack *z, const char *name, Part *p, gboolean stored, GError **error)
{
  gboolean ok = pack_add_string (z, name, (const char *) xmlBufferContent (p->buf), stored, error);

  part_free (p);
  return ok;
}

void
pack_abort (Pack *z)
{
  zip_discard (z->zip);
  zip_source_free (z->src);
  g_free (z);
}

GBytes *
pack_finish (Pack *z, GError **error)
{
  zip_stat_t st;
  GBytes *out = NULL;
  guint8 *data;

  if (zip_close (z->zip) < 0)
    {
      zip_fail (error, zip_strerror (z->zip));
      zip_discard (z->zip);
      goto done;
    }
  zip_stat_init (&st);
  if (zip_source_stat (z->src, &st) < 0 || zip_source_open (z->src) < 0)
    {
      zip_fail (error, "stat");
      goto done;
    }
  data = g_malloc (st.size + 1);
  if (zip_source_read (z->src, data, st.size) != (zip_int64_t) st.size)
    {
      g_free (data);
      zip_source_close (z->src);
      zip_fail (error, "read");
      goto done;
    }
  zip_source_close (z->src);
  out = g_bytes_new_take (data, st.size);

done:
  zip_source_free (z->src);
  g_free (z);
  return out;
}

/* --- files ------------------------------------------------------------ */

gboolean
thidua_export_handles (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".docx") || g_str_has_suffix (lower, ".odt");
}

gboolean
thidua_export_to_file (ThiduaLayout *layout, ThiduaPlan *plan, const char *path, GError **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const char *data;

  if (g_str_has_suffix (lower, ".docx"))
    bytes = thidua_export_docx_bytes (layout, plan, error);
  else if (g_str_has_suffix (lower, ".odt"))
    bytes = thidua_export_odt_bytes (layout, plan, error);
  else
    {
      g_set_error (error, THIDUA_RENDER_ERROR, THIDUA_RENDER_ERROR_FORMAT,
                   _("Unknown document format for “%s”: use .docx or .odt"), path);
      return FALSE;
    }
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  /* atomic: the file is whole or not there */
  return g_file_set_contents (path, data, (gssize) len, error);
}
