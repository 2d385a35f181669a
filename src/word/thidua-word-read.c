/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-word-read.c — .docx (WordprocessingML) and .odt/.fodt (ODF) read
 * with libzip and libxml2's streaming reader.
 *
 * Hostile input: every part is capped (THIDUA_WORD_MAX_PART, read with a
 * bound whatever the zip directory claims), a DOCTYPE is refused (Word and
 * LibreOffice never write one; it is how entity bombs come), entities are
 * never substituted, no network, nesting is capped and so is the text.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* memmem */
#endif
#include "config.h"
#include "thidua-word.h"
#include "thidua-word-text.h"
#include "thidua-import.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

G_DEFINE_QUARK (thidua-word-error-quark, thidua_word_error)

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define TABLE_NS "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define STYLE_NS "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define FO_NS "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define DRAW_NS "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"

/* --- zip -------------------------------------------------------------- */

static zip_t *
open_zip (const guint8 *data, gsize len, GError **error)
{
  zip_error_t zerr;
  zip_source_t *src;
  zip_t *zip;

  zip_error_init (&zerr);
  src = zip_source_buffer_create (data, len, 0, &zerr);
  if (src == NULL || (zip = zip_open_from_source (src, ZIP_RDONLY, &zerr)) == NULL)
    {
      if (src)
        zip_source_free (src);
      zip_error_fini (&zerr);
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_DAMAGED,
                   _("The file is damaged: its zip archive cannot be read (cut short or not a zip)"));
      return NULL;
    }
  zip_error_fini (&zerr);
  return zip;
}

static gboolean
has_entry (zip_t *zip, const char *name)
{
  return zip_name_locate (zip, name, 0) >= 0;
}

/* The entry, at most THIDUA_WORD_MAX_PART bytes whatever the directory
 * says; NULL with an error otherwise (missing: only when required). */
static GBytes *
read_entry (zip_t *zip, const char *name, gboolean required, GError **error)
{
  zip_stat_t st;
  zip_file_t *f;
  GByteArray *buf;
  guint8 chunk[65536];
  zip_int64_t n;

  zip_stat_init (&st);
  if (zip_stat (zip, name, 0, &st) != 0)
    {
      if (required)
        g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_MISSING_PART,
                     _("The file has no “%s”: it is not a complete document"), name);
      return NULL;
    }
  if ((st.valid & ZIP_STAT_SIZE) && st.size > THIDUA_WORD_MAX_PART)
    {
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_TOO_LARGE,
                   _("“%s” in the file is %.0f MB, more than the %d MB a plan can take"),
                   name, st.size / (1024.0 * 1024.0), THIDUA_WORD_MAX_PART / (1024 * 1024));
      return NULL;
    }
  if ((f = zip_fopen (zip, name, 0)) == NULL)
    {
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_DAMAGED,
                   _("The file is damaged: “%s” cannot be unpacked"), name);
      return NULL;
    }
  buf = g_byte_array_new ();
  while ((n = zip_fread (f, chunk, sizeof chunk)) > 0)
    {
      if (buf->len + (gsize) n > THIDUA_WORD_MAX_PART)
        {
          zip_fclose (f);
          g_byte_array_unref (buf);
          g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_TOO_LARGE,
                       _("“%s” in the file is more than the %d MB a plan can take"),
                       name, THIDUA_WORD_MAX_PART / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (buf, chunk, (guint) n);
    }
  zip_fclose (f);
  if (n < 0)
    {
      g_byte_array_unref (buf);
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_DAMAGED,
                   _("The file is damaged: “%s” cannot be unpacked"), name);
      return NULL;
    }
  return g_byte_array_free_to_bytes (buf);
}

/* --- XML -------------------------------------------------------------- */

typedef struct {
  xmlTextReaderPtr r;
  const char      *part;
  GError          *error;
} Xml;

static gboolean
xml_open (Xml *x, GBytes *bytes, const char *part)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  x->part = part;
  x->error = NULL;
  /* No XML_PARSE_NOENT (entities stay unexpanded), no DTD loading, no
   * network, no XML_PARSE_HUGE. */
  x->r = xmlReaderForMemory (data, (int) len, NULL, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  return x->r != NULL;
}

static void
xml_close (Xml *x)
{
  if (x->r)
    xmlFreeTextReader (x->r);
  x->r = NULL;
  g_clear_error (&x->error);
}

/* Next node; FALSE at the end or on an error (x->error set). */
static gboolean
xml_next (Xml *x)
{
  int ret = xmlTextReaderRead (x->r);
  int type;

  if (ret == 0)
    return FALSE;
  if (ret < 0)
    {
      g_set_error (&x->error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_DAMAGED,
                   _("The file is damaged: “%s” is not well-formed XML"), x->part);
      return FALSE;
    }
  type = xmlTextReaderNodeType (x->r);
  if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE
      || type == XML_READER_TYPE_ENTITY)
    {
      g_set_error (&x->error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_UNSAFE,
                   _("“%s” declares a document type or entities, which word processors never write: refused"),
                   x->part);
      return FALSE;
    }
  if (xmlTextReaderDepth (x->r) > THIDUA_WORD_MAX_DEPTH)
    {
      g_set_error (&x->error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_UNSAFE,
                   _("“%s” nests deeper than %d levels: refused"), x->part, THIDUA_WORD_MAX_DEPTH);
      return FALSE;
    }
  return TRUE;
}

/* Skips the subtree of the current element; FALSE on an error. */
static gboolean
xml_skip (Xml *x)
{
  int depth = xmlTextReaderDepth (x->r);

  if (xmlTextReaderIsEmptyElement (x->r))
    return TRUE;
  while (xml_next (x))
    if (xmlTextReaderNodeType (x->r) == XML_READER_TYPE_END_ELEMENT
        && xmlTextReaderDepth (x->r) == depth)
      return TRUE;
  if (x->error == NULL)
    g_set_error (&x->error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_DAMAGED,
                 _("The file is damaged: “%s” ends in the middle"), x->part);
  return FALSE;
}

static gboolean
is_ns (Xml *x, const char *ns)
{
  const char *uri = (const char *) xmlTextReaderConstNamespaceUri (x->r);
  return uri != NULL && strcmp (uri, ns) == 0;
}

static gboolean
is_el (Xml *x, const char *ns, const char *local)
{
  return strcmp ((const char *) xmlTextReaderConstLocalName (x->r), local) == 0 && is_ns (x, ns);
}

static char *
attr (Xml *x, const char *ns, const char *local)
{
  xmlChar *v = xmlTextReaderGetAttributeNs (x->r, (const xmlChar *) local, (const xmlChar *) ns);
  char *s = v ? g_strdup ((const char *) v) : NULL;

  xmlFree (v);
  return s;
}

/* An on/off property: absent value or anything but false/0/off is on. */
static gboolean
w_on (Xml *x)
{
  g_autofree char *v = attr (x, W_NS, "val");

  return v == NULL || !(strcmp (v, "0") == 0 || strcmp (v, "false") == 0 || strcmp (v, "off") == 0);
}

static guint
w_uint (Xml *x, const char *local, guint fallback)
{
  g_autofree char *v = attr (x, W_NS, local);
  guint64 n;

  if (v == NULL || !g_ascii_string_to_unsigned (v, 10, 0, 1000000, &n, NULL))
    return fallback;
  return (guint) n;
}

static gboolean
too_much_text (WordDoc *doc, GError **error)
{
  if (word_doc_size (doc) > THIDUA_IMPORT_MAX_SIZE)
    {
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_TOO_LARGE,
                   _("The document holds more than %d MB of text, more than a plan can take"),
                   THIDUA_IMPORT_MAX_SIZE / (1024 * 1024));
      return TRUE;
    }
  return FALSE;
}

/* --- docx numbering --------------------------------------------------- */

#define MAX_LEVELS 9

typedef struct {
  guint start;
  char *fmt;
  char *text;   /* lvlText: "%1.", "%1.%2.", "%1)" */
} Level;

typedef struct {
  Level levels[MAX_LEVELS];
  guint count[MAX_LEVELS];
  gboolean started[MAX_LEVELS];
} AbstractNum;

typedef struct {
  guint abstract;
  gint  start_override[MAX_LEVELS];   /* -1: none */
  gboolean override_used;
  Level levels[MAX_LEVELS];           /* w:lvlOverride/w:lvl: this list's own level */
  gboolean has_level[MAX_LEVELS];
} Num;

static void
num_free (Num *n)
{
  for (guint i = 0; i < MAX_LEVELS; i++)
    {
      g_free (n->levels[i].fmt);
      g_free (n->levels[i].text);
    }
  g_free (n);
}

typedef struct {
  GHashTable *abstracts;  /* id → AbstractNum */
  GHashTable *nums;       /* id → Num */
  GHashTable *styles;     /* styleId → "numId ilvl basedOn" */
} Numbering;

static void
abstract_free (AbstractNum *a)
{
  for (guint i = 0; i < MAX_LEVELS; i++)
    {
      g_free (a->levels[i].fmt);
      g_free (a->levels[i].text);
    }
  g_free (a);
}

static void
numbering_clear (Numbering *n)
{
  g_clear_pointer (&n->abstracts, g_hash_table_unref);
  g_clear_pointer (&n->nums, g_hash_table_unref);
  g_clear_pointer (&n->styles, g_hash_table_unref);
}

static gboolean
read_numbering (Numbering *nb, GBytes *bytes, GError **error)
{
  Xml x = { 0 };
  AbstractNum *a = NULL;
  Num *num = NULL;
  gint lvl = -1;

  if (!xml_open (&x, bytes, "word/numbering.xml"))
    return TRUE;
  while (xml_next (&x))
    {
      if (xmlTextReaderNodeType (x.r) != XML_READER_TYPE_ELEMENT || !is_ns (&x, W_NS))
        continue;
      if (is_el (&x, W_NS, "abstractNum"))
        {
          a = g_new0 (AbstractNum, 1);
          for (guint i = 0; i < MAX_LEVELS; i++)
            a->levels[i].start = 1;
          g_hash_table_replace (nb->abstracts, GUINT_TO_POINTER (w_uint (&x, "abstractNumId", 0)), a);
          num = NULL;
        }
      else if (is_el (&x, W_NS, "num"))
        {
          num = g_new0 (Num, 1);
          for (guint i = 0; i < MAX_LEVELS; i++)
            num->start_override[i] = -1;
          g_hash_table_replace (nb->nums, GUINT_TO_POINTER (w_uint (&x, "numId", 0)), num);
          a = NULL;
          lvl = -1;
        }
      else if (is_el (&x, W_NS, "abstractNumId") && num != NULL)
        num->abstract = w_uint (&x, "val", 0);
      else if (is_el (&x, W_NS, "lvl") || is_el (&x, W_NS, "lvlOverride"))
        {
          lvl = (gint) w_uint (&x, "ilvl", 0);
          if (lvl >= MAX_LEVELS)
            lvl = -1;
          /* a whole level redefined for this list only */
          if (lvl >= 0 && num != NULL && is_el (&x, W_NS, "lvl"))
            {
              num->has_level[lvl] = TRUE;
              num->levels[lvl].start = 1;
            }
        }
      else if (lvl >= 0 && num != NULL && is_el (&x, W_NS, "startOverride"))
        num->start_override[lvl] = (gint) w_uint (&x, "val", 1);
      else if (lvl >= 0 && (a != NULL || (num != NULL && num->has_level[lvl])))
        {
          Level *l = a != NULL ? &a->levels[lvl] : &num->levels[lvl];

          if (is_el (&x, W_NS, "start"))
            l->start = w_uint (&x, "val", 1);
          else if (is_el (&x, W_NS, "numFmt"))
            {
              g_free (l->fmt);
              l->fmt = attr (&x, W_NS, "val");
            }
          else if (is_el (&x, W_NS, "lvlText"))
            {
              g_free (l->text);
              l->text = attr (&x, W_NS, "val");
            }
        }
    }
  if (x.error)
    {
      g_propagate_error (error, g_steal_pointer (&x.error));
      xml_close (&x);
      return FALSE;
    }
  xml_close (&x);
  return TRUE;
}

/* Paragraph styles that carry numbering (Heading 1 numbered I., II.). */
static gboolean
read_styles (Numbering *nb, GBytes *bytes, GError **error)
{
  Xml x = { 0 };
  g_autofree char *id = NULL;
  guint num_id = G_MAXUINT, ilvl = 0;
  g_autofree char *based = NULL;
  gboolean in_ppr = FALSE;

  if (!xml_open (&x, bytes, "word/styles.xml"))
    return TRUE;
  while (xml_next (&x))
    {
      int type = xmlTextReaderNodeType (x.r);

      if (!is_ns (&x, W_NS))
        continue;
      if (type == XML_READER_TYPE_END_ELEMENT && is_el (&x, W_NS, "style") && id != NULL)
        {
          g_hash_table_replace (nb->styles, g_steal_pointer (&id),
                                g_strdup_printf ("%u %u %s", num_id, ilvl, based ? based : ""));
          g_clear_pointer (&based, g_free);
          continue;
        }
      if (type == XML_READER_TYPE_END_ELEMENT && is_el (&x, W_NS, "pPr"))
        in_ppr = FALSE;
      if (type != XML_READER_TYPE_ELEMENT)
        continue;
      if (is_el (&x, W_NS, "style"))
        {
          g_free (id);
          id = attr (&x, W_NS, "styleId");
          num_id = G_MAXUINT;
          ilvl = 0;
          g_clear_pointer (&based, g_free);
        }
      else if (is_el (&x, W_NS, "basedOn"))
        {
          g_free (based);
          based = attr (&x, W_NS, "val");
        }
      else if (is_el (&x, W_NS, "pPr"))
        in_ppr = !xmlTextReaderIsEmptyElement (x.r);
      else if (in_ppr && is_el (&x, W_NS, "numId"))
        num_id = w_uint (&x, "val", 0);
      else if (in_ppr && is_el (&x, W_NS, "ilvl"))
        ilvl = w_uint (&x, "val", 0);
    }
  if (x.error)
    {
      g_propagate_error (error, g_steal_pointer (&x.error));
      xml_close (&x);
      return FALSE;
    }
  xml_close (&x);
  return TRUE;
}

static void
style_numbering (Numbering *nb, const char *style, guint *num_id, guint *ilvl)
{
  /* follow basedOn a few steps; a loop ends there */
  for (guint step = 0; style != NULL && step < 8; step++)
    {
      const char *v = g_hash_table_lookup (nb->styles, style);
      g_auto(GStrv) parts = NULL;
      guint64 n;

      if (v == NULL)
        return;
      parts = g_strsplit (v, " ", 3);
      if (g_strv_length (parts) >= 2 && g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT - 1, &n, NULL))
        {
          guint64 l = 0;

          *num_id = (guint) n;
          if (g_ascii_string_to_unsigned (parts[1], 10, 0, MAX_LEVELS - 1, &l, NULL))
            *ilvl = (guint) l;
          return;
        }
      if (parts[0] == NULL || parts[1] == NULL || parts[2] == NULL || parts[2][0] == '\0')
        return;
      style = g_hash_table_lookup (nb->styles, parts[2]) ? (const char *) g_intern_string (parts[2]) : NULL;
    }
}

/* The label Word would print for the next paragraph of list num_id at
 * level ilvl; NULL when there is none. */
static char *
next_label (Numbering *nb, guint num_id, guint ilvl)
{
  Num *num = g_hash_table_lookup (nb->nums, GUINT_TO_POINTER (num_id));
  AbstractNum *a;
  Level *l;
  GString *s;

  if (num_id == 0 || num == NULL || ilvl >= MAX_LEVELS)
    return NULL;
  a = g_hash_table_lookup (nb->abstracts, GUINT_TO_POINTER (num->abstract));
  if (a == NULL)
    return NULL;
  if (!num->override_used)
    {
      num->override_used = TRUE;
      for (guint i = 0; i < MAX_LEVELS; i++)
        if (num->start_override[i] >= 0)
          {
            a->started[i] = TRUE;
            a->count[i] = (guint) num->start_override[i] - 1;
          }
    }
  l = num->has_level[ilvl] ? &num->levels[ilvl] : &a->levels[ilvl];
  if (!a->started[ilvl])
    {
      a->started[ilvl] = TRUE;
      a->count[ilvl] = l->start;
    }
  else
    a->count[ilvl]++;
  for (guint i = ilvl + 1; i < MAX_LEVELS; i++)
    a->started[i] = FALSE;

  if (l->fmt != NULL && strcmp (l->fmt, "bullet") == 0)
    return g_strdup ("-");
  if (l->text == NULL)
    return NULL;
  s = g_string_new (NULL);
  for (const char *p = l->text; *p; p++)
    {
      if (p[0] == '%' && p[1] >= '1' && p[1] <= '9')
        {
          guint k = (guint) (p[1] - '1');
          g_autofree char *c = NULL;

          if (!a->started[k])
            {
              a->started[k] = TRUE;
              a->count[k] = a->levels[k].start;
            }
          c = word_format_counter (a->count[k], k == ilvl ? l->fmt
                                   : num->has_level[k] ? num->levels[k].fmt : a->levels[k].fmt);
          g_string_append (s, c);
          p++;
        }
      else
        g_string_append_c (s, *p);
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

/* --- docx body -------------------------------------------------------- */

static gboolean
read_document (WordDoc *doc, Numbering *nb, GBytes *bytes, GError **error)
{
  Xml x = { 0 };
  guint run_style = 0;
  gboolean in_rpr = FALSE, in_ppr = FALSE, in_run = FALSE, in_t = FALSE;
  int field_depth = 0;
  guint num_id = G_MAXUINT, ilvl = 0;
  g_autofree char *pstyle = NULL;
  gboolean label_done = FALSE;

  if (!xml_open (&x, bytes, "word/document.xml"))
    {
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_DAMAGED,
                   _("The file is damaged: “%s” cannot be read"), "word/document.xml");
      return FALSE;
    }
  while (xml_next (&x))
    {
      int type = xmlTextReaderNodeType (x.r);

      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE
          || type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_CDATA)
        {
          if (in_t && field_depth == 0)
            {
              const char *v = (const char *) xmlTextReaderConstValue (x.r);

              if (!label_done)
                {
                  /* the label is computed when the paragraph's first text
                   * comes, after its properties */
                  g_autofree char *label = NULL;

                  label_done = TRUE;
                  if (num_id == G_MAXUINT && pstyle != NULL)
                    style_numbering (nb, pstyle, &num_id, &ilvl);
                  if (num_id != G_MAXUINT && (label = next_label (nb, num_id, ilvl)) != NULL)
                    word_doc_set_label (doc, label);
                }
              word_doc_add_text (doc, v, strlen (v), run_style);
              if (too_much_text (doc, error))
                goto fail;
            }
          continue;
        }

      if (!is_ns (&x, W_NS) && !is_ns (&x, MC_NS))
        continue;

      if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (is_el (&x, W_NS, "p"))
            {
              if (!label_done)
                {
                  /* a numbered paragraph without text still counts */
                  g_autofree char *label = NULL;

                  if (num_id == G_MAXUINT && pstyle != NULL)
                    style_numbering (nb, pstyle, &num_id, &ilvl);
                  if (num_id != G_MAXUINT)
                    label = next_label (nb, num_id, ilvl);
                  (void) label;    /* an empty item prints nothing */
                }
              word_doc_end_para (doc);
              label_done = TRUE;
            }
          else if (is_el (&x, W_NS, "t"))
            in_t = FALSE;
          else if (is_el (&x, W_NS, "r"))
            in_run = FALSE;
          else if (is_el (&x, W_NS, "rPr"))
            in_rpr = FALSE;
          else if (is_el (&x, W_NS, "pPr"))
            in_ppr = FALSE;
          else if (is_el (&x, W_NS, "tc"))
            word_doc_end_cell (doc);
          else if (is_el (&x, W_NS, "tbl"))
            word_doc_end_table (doc);
          continue;
        }
      if (type != XML_READER_TYPE_ELEMENT)
        continue;

      /* What is never text: deletions, field codes, the fallback copy of
       * a drawing, notes' references. */
      if (is_el (&x, MC_NS, "Fallback") || is_el (&x, W_NS, "del") || is_el (&x, W_NS, "moveFrom")
          || is_el (&x, W_NS, "delText") || is_el (&x, W_NS, "instrText")
          || is_el (&x, W_NS, "fldSimple") || is_el (&x, W_NS, "sectPr")
          || is_el (&x, W_NS, "rPrChange") || is_el (&x, W_NS, "pPrChange")
          || is_el (&x, W_NS, "tblPrChange") || is_el (&x, W_NS, "delInstrText"))
        {
          if (!xml_skip (&x))
            break;
          continue;
        }

      if (is_el (&x, W_NS, "p"))
        {
          word_doc_begin_para (doc);
          num_id = G_MAXUINT;
          ilvl = 0;
          g_clear_pointer (&pstyle, g_free);
          label_done = FALSE;
          run_style = 0;
          if (xmlTextReaderIsEmptyElement (x.r))
            {
              word_doc_end_para (doc);
              label_done = TRUE;
            }
        }
      else if (is_el (&x, W_NS, "pPr"))
        in_ppr = !xmlTextReaderIsEmptyElement (x.r);
      else if (in_ppr && !in_rpr && is_el (&x, W_NS, "pStyle"))
        {
          g_free (pstyle);
          pstyle = attr (&x, W_NS, "val");
        }
      else if (in_ppr && is_el (&x, W_NS, "numId"))
        num_id = w_uint (&x, "val", 0);
      else if (in_ppr && is_el (&x, W_NS, "ilvl"))
        ilvl = w_uint (&x, "val", 0);
      else if (is_el (&x, W_NS, "r"))
        {
          in_run = !xmlTextReaderIsEmptyElement (x.r);
          run_style = 0;
        }
      else if (is_el (&x, W_NS, "rPr"))
        in_rpr = !xmlTextReaderIsEmptyElement (x.r);
      else if (in_rpr && in_run && is_el (&x, W_NS, "b"))
        run_style = w_on (&x) ? run_style | RUN_BOLD : run_style & ~RUN_BOLD;
      else if (in_rpr && in_run && is_el (&x, W_NS, "i"))
        run_style = w_on (&x) ? run_style | RUN_ITALIC : run_style & ~RUN_ITALIC;
      else if (in_rpr && in_run && is_el (&x, W_NS, "u"))
        {
          g_autofree char *v = attr (&x, W_NS, "val");
          run_style = (v == NULL || strcmp (v, "none") != 0) ? run_style | RUN_UNDERLINE
                                                             : run_style & ~RUN_UNDERLINE;
        }
      else if (is_el (&x, W_NS, "t"))
        in_t = !xmlTextReaderIsEmptyElement (x.r);
      else if (in_run && field_depth == 0 && is_el (&x, W_NS, "tab"))
        word_doc_add_text (doc, "\t", 1, run_style);
      else if (in_run && field_depth == 0 && (is_el (&x, W_NS, "br") || is_el (&x, W_NS, "cr")))
        {
          g_autofree char *t = attr (&x, W_NS, "type");
          if (t == NULL || strcmp (t, "textWrapping") == 0)
            word_doc_add_text (doc, "\n", 1, run_style);
        }
      else if (in_run && field_depth == 0 && is_el (&x, W_NS, "noBreakHyphen"))
        word_doc_add_text (doc, "-", 1, run_style);
      else if (is_el (&x, W_NS, "fldChar"))
        {
          g_autofree char *t = attr (&x, W_NS, "fldCharType");

          if (t != NULL && strcmp (t, "begin") == 0)
            field_depth++;
          else if (t != NULL && strcmp (t, "end") == 0 && field_depth > 0)
            field_depth--;
        }
      else if (is_el (&x, W_NS, "tbl"))
        word_doc_begin_table (doc);
      else if (is_el (&x, W_NS, "tr"))
        word_doc_begin_row (doc);
      else if (is_el (&x, W_NS, "tc"))
        {
          /* gridSpan comes in tcPr, after the cell began: read ahead is
           * not possible in a stream, so the span is set when seen. */
          word_doc_begin_cell (doc, 1);
          if (xmlTextReaderIsEmptyElement (x.r))
            word_doc_end_cell (doc);
        }
      else if (is_el (&x, W_NS, "gridSpan"))
        {
          guint span = w_uint (&x, "val", 1);
          word_doc_widen_cell (doc, MIN (span, 64));
        }
    }
  if (x.error)
    {
      g_propagate_error (error, g_steal_pointer (&x.error));
      goto fail;
    }
  xml_close (&x);
  return TRUE;

fail:
  xml_close (&x);
  return FALSE;
}

char *
word_docx_parts_to_text (GBytes *document, GBytes *numbering, GBytes *styles, GError **error)
{
  g_autoptr(WordDoc) doc = word_doc_new ();
  Numbering nb = { 0 };
  gboolean ok;

  nb.abstracts = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) abstract_free);
  nb.nums = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) num_free);
  nb.styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ok = (numbering == NULL || read_numbering (&nb, numbering, error))
       && (styles == NULL || read_styles (&nb, styles, error))
       && read_document (doc, &nb, document, error);
  numbering_clear (&nb);
  if (!ok)
    return NULL;
  return word_doc_to_text (doc);
}

char *
thidua_word_docx_to_text (const guint8 *data, gsize len, GError **error)
{
  zip_t *zip;
  g_autoptr(GBytes) document = NULL;
  g_autoptr(GBytes) numbering = NULL;
  g_autoptr(GBytes) styles = NULL;
  GError *local = NULL;

  if ((zip = open_zip (data, len, error)) == NULL)
    return NULL;
  document = read_entry (zip, "word/document.xml", TRUE, error);
  if (document == NULL)
    {
      zip_discard (zip);
      return NULL;
    }
  numbering = read_entry (zip, "word/numbering.xml", FALSE, &local);
  if (local == NULL)
    styles = read_entry (zip, "word/styles.xml", FALSE, &local);
  zip_discard (zip);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }

  return word_docx_parts_to_text (document, numbering, styles, error);
}

/* --- ODF -------------------------------------------------------------- */

typedef struct {
  char *fmt[MAX_LEVELS];     /* style:num-format; "" bullet */
  char *prefix[MAX_LEVELS];
  char *suffix[MAX_LEVELS];
  guint start[MAX_LEVELS];
  guint display[MAX_LEVELS]; /* text:display-levels */
  guint count[MAX_LEVELS];
  gboolean started[MAX_LEVELS];
} ListStyle;

static void
list_style_free (ListStyle *l)
{
  for (guint i = 0; i < MAX_LEVELS; i++)
    {
      g_free (l->fmt[i]);
      g_free (l->prefix[i]);
      g_free (l->suffix[i]);
    }
  g_free (l);
}

typedef struct {
  GHashTable *text_styles;   /* name → GUINT (RUN_*) */
  GHashTable *list_styles;   /* name → ListStyle */
} Odf;

static char *
odf_list_label (ListStyle *ls, guint level)
{
  GString *s;
  guint first;

  if (ls == NULL || level >= MAX_LEVELS)
    return NULL;
  if (!ls->started[level])
    {
      ls->started[level] = TRUE;
      ls->count[level] = ls->start[level];
    }
  else
    ls->count[level]++;
  for (guint i = level + 1; i < MAX_LEVELS; i++)
    ls->started[i] = FALSE;
  if (ls->fmt[level] == NULL)
    return NULL;
  if (ls->fmt[level][0] == '\0')
    return g_strdup ("-");
  s = g_string_new (ls->prefix[level]);
  first = level + 1 > MAX (ls->display[level], 1) ? level + 1 - MAX (ls->display[level], 1) : 0;
  for (guint k = first; k <= level; k++)
    {
      g_autofree char *c = word_format_counter (ls->started[k] ? ls->count[k] : ls->start[k], ls->fmt[k] ? ls->fmt[k] : "1");

      if (k > first)
        g_string_append_c (s, '.');
      g_string_append (s, c);
    }
  if (ls->suffix[level])
    g_string_append (s, ls->suffix[level]);
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

typedef struct {
  char *style;       /* list style in force */
  guint level;       /* 0-based */
} ListFrame;

static gboolean
read_odf (WordDoc *doc, GBytes *bytes, const char *part, GError **error)
{
  Xml x = { 0 };
  Odf odf = { 0 };
  g_autofree char *cur_style = NULL;      /* style being defined */
  gboolean cur_is_text = FALSE;
  ListStyle *cur_list = NULL;
  gint cur_list_level = -1;
  GArray *span_styles = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *lists = g_array_new (FALSE, TRUE, sizeof (ListFrame));
  gboolean item_label_pending = FALSE;
  gboolean in_body = FALSE;
  gboolean ok = TRUE;

  odf.text_styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  odf.list_styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) list_style_free);

  if (!xml_open (&x, bytes, part))
    {
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_DAMAGED,
                   _("The file is damaged: “%s” cannot be read"), part);
      ok = FALSE;
      goto out;
    }
  while (xml_next (&x))
    {
      int type = xmlTextReaderNodeType (x.r);
      guint style = span_styles->len > 0 ? g_array_index (span_styles, guint, span_styles->len - 1) : 0;

      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE
          || type == XML_READER_TYPE_CDATA)
        {
          if (in_body && word_doc_in_para (doc))
            {
              /* ODF collapses white space in text (only text:s keeps it) */
              const char *v = (const char *) xmlTextReaderConstValue (x.r);
              g_autoptr(GString) s = g_string_new (NULL);
              gboolean space = FALSE;

              for (const char *p = v; *p; p++)
                {
                  if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
                    {
                      if (!space)
                        g_string_append_c (s, ' ');
                      space = TRUE;
                    }
                  else
                    {
                      g_string_append_c (s, *p);
                      space = FALSE;
                    }
                }
              word_doc_add_text (doc, s->str, s->len, style);
              if (too_much_text (doc, error))
                {
                  ok = FALSE;
                  goto out;
                }
            }
          continue;
        }

      if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (is_el (&x, TEXT_NS, "p") || is_el (&x, TEXT_NS, "h"))
            word_doc_end_para (doc);
          else if (is_el (&x, TEXT_NS, "span"))
            {
              if (span_styles->len > 0)
                g_array_set_size (span_styles, span_styles->len - 1);
            }
          else if (is_el (&x, TEXT_NS, "list"))
            {
              if (lists->len > 0)
                {
                  g_free (g_array_index (lists, ListFrame, lists->len - 1).style);
                  g_array_set_size (lists, lists->len - 1);
                }
            }
          else if (is_el (&x, TABLE_NS, "table-cell") || is_el (&x, TABLE_NS, "covered-table-cell"))
            word_doc_end_cell (doc);
          else if (is_el (&x, TABLE_NS, "table"))
            word_doc_end_table (doc);
          else if (is_el (&x, STYLE_NS, "style"))
            g_clear_pointer (&cur_style, g_free);
          else if (is_el (&x, TEXT_NS, "list-style"))
            cur_list = NULL;
          else if (is_el (&x, OFFICE_NS, "text"))
            in_body = FALSE;
          continue;
        }
      if (type != XML_READER_TYPE_ELEMENT)
        continue;

      /* styles (office:automatic-styles, and office:styles in .fodt) */
      if (is_el (&x, STYLE_NS, "style"))
        {
          g_autofree char *family = attr (&x, STYLE_NS, "family");

          g_free (cur_style);
          cur_style = attr (&x, STYLE_NS, "name");
          cur_is_text = family != NULL && (strcmp (family, "text") == 0 || strcmp (family, "paragraph") == 0);
          if (xmlTextReaderIsEmptyElement (x.r))
            g_clear_pointer (&cur_style, g_free);
          continue;
        }
      if (is_el (&x, STYLE_NS, "text-properties") && cur_style != NULL && cur_is_text)
        {
          g_autofree char *w = attr (&x, FO_NS, "font-weight");
          g_autofree char *i = attr (&x, FO_NS, "font-style");
          g_autofree char *u = attr (&x, STYLE_NS, "text-underline-style");
          guint st = 0;

          if (w != NULL && (strcmp (w, "bold") == 0 || atoi (w) >= 600))
            st |= RUN_BOLD;
          if (i != NULL && strcmp (i, "italic") == 0)
            st |= RUN_ITALIC;
          if (u != NULL && strcmp (u, "none") != 0)
            st |= RUN_UNDERLINE;
          g_hash_table_replace (odf.text_styles, g_strdup (cur_style), GUINT_TO_POINTER (st));
          continue;
        }
      if (is_el (&x, TEXT_NS, "list-style"))
        {
          g_autofree char *name = attr (&x, STYLE_NS, "name");

          cur_list = NULL;
          if (name != NULL && !xmlTextReaderIsEmptyElement (x.r))
            {
              cur_list = g_new0 (ListStyle, 1);
              g_hash_table_replace (odf.list_styles, g_steal_pointer (&name), cur_list);
            }
          continue;
        }
      if (cur_list != NULL && (is_el (&x, TEXT_NS, "list-level-style-number")
                               || is_el (&x, TEXT_NS, "list-level-style-bullet")))
        {
          g_autofree char *lv = attr (&x, TEXT_NS, "level");
          guint64 n = 1;

          if (lv == NULL || !g_ascii_string_to_unsigned (lv, 10, 1, MAX_LEVELS, &n, NULL))
            continue;
          cur_list_level = (gint) n - 1;
          if (is_el (&x, TEXT_NS, "list-level-style-bullet"))
            cur_list->fmt[cur_list_level] = g_strdup ("");
          else
            {
              g_autofree char *start = attr (&x, TEXT_NS, "start-value");
              g_autofree char *disp = attr (&x, TEXT_NS, "display-levels");
              guint64 v = 1;

              cur_list->fmt[cur_list_level] = attr (&x, STYLE_NS, "num-format");
              if (cur_list->fmt[cur_list_level] == NULL)
                cur_list->fmt[cur_list_level] = g_strdup ("1");
              cur_list->prefix[cur_list_level] = attr (&x, STYLE_NS, "num-prefix");
              cur_list->suffix[cur_list_level] = attr (&x, STYLE_NS, "num-suffix");
              cur_list->start[cur_list_level] = start && g_ascii_string_to_unsigned (start, 10, 0, 100000, &v, NULL) ? (guint) v : 1;
              cur_list->display[cur_list_level] = disp && g_ascii_string_to_unsigned (disp, 10, 1, MAX_LEVELS, &v, NULL) ? (guint) v : 1;
            }
          continue;
        }

      if (is_el (&x, OFFICE_NS, "text"))
        {
          in_body = TRUE;
          continue;
        }
      if (!in_body)
        continue;

      /* never text: deletions kept for tracking, notes, comments, page
       * fields, the list number LibreOffice caches */
      if (is_el (&x, TEXT_NS, "tracked-changes") || is_el (&x, TEXT_NS, "note")
          || is_el (&x, OFFICE_NS, "annotation") || is_el (&x, TEXT_NS, "page-number")
          || is_el (&x, TEXT_NS, "page-count") || is_el (&x, TEXT_NS, "number")
          || is_el (&x, TEXT_NS, "sequence-decls") || is_el (&x, TEXT_NS, "variable-decls")
          || is_el (&x, TEXT_NS, "user-field-decls") || is_el (&x, OFFICE_NS, "forms")
          || is_el (&x, TEXT_NS, "table-of-content"))
        {
          if (!xml_skip (&x))
            break;
          continue;
        }

      if (is_el (&x, TEXT_NS, "p") || is_el (&x, TEXT_NS, "h"))
        {
          word_doc_begin_para (doc);
          g_array_set_size (span_styles, 0);
          if (item_label_pending && lists->len > 0)
            {
              ListFrame *f = &g_array_index (lists, ListFrame, lists->len - 1);
              ListStyle *ls = f->style ? g_hash_table_lookup (odf.list_styles, f->style) : NULL;
              g_autofree char *label = odf_list_label (ls, f->level);

              if (label)
                word_doc_set_label (doc, label);
            }
          item_label_pending = FALSE;
          if (xmlTextReaderIsEmptyElement (x.r))
            word_doc_end_para (doc);
        }
      else if (is_el (&x, TEXT_NS, "span"))
        {
          g_autofree char *name = attr (&x, TEXT_NS, "style-name");
          guint st = style;

          if (name != NULL)
            st |= GPOINTER_TO_UINT (g_hash_table_lookup (odf.text_styles, name));
          if (!xmlTextReaderIsEmptyElement (x.r))
            g_array_append_val (span_styles, st);
        }
      else if (is_el (&x, TEXT_NS, "s"))
        {
          g_autofree char *c = attr (&x, TEXT_NS, "c");
          guint64 n = 1;

          if (c != NULL)
            g_ascii_string_to_unsigned (c, 10, 1, 1000, &n, NULL);
          for (guint i = 0; i < n; i++)
            word_doc_add_text (doc, " ", 1, style);
        }
      else if (is_el (&x, TEXT_NS, "tab"))
        word_doc_add_text (doc, "\t", 1, style);
      else if (is_el (&x, TEXT_NS, "line-break"))
        word_doc_add_text (doc, "\n", 1, style);
      else if (is_el (&x, TEXT_NS, "list"))
        {
          ListFrame f = { 0 };
          g_autofree char *name = attr (&x, TEXT_NS, "style-name");
          g_autofree char *cont = attr (&x, TEXT_NS, "continue-numbering");
          g_autofree char *cont_list = attr (&x, TEXT_NS, "continue-list");

          if (lists->len > 0)
            {
              ListFrame *outer = &g_array_index (lists, ListFrame, lists->len - 1);
              f.style = g_strdup (name ? name : outer->style);
              f.level = outer->level + 1;
            }
          else
            {
              ListStyle *ls;

              f.style = g_steal_pointer (&name);
              f.level = 0;
              /* a new list starts again unless it says it continues */
              if (f.style && (ls = g_hash_table_lookup (odf.list_styles, f.style)) != NULL
                  && !(cont && strcmp (cont, "true") == 0) && cont_list == NULL)
                memset (ls->started, 0, sizeof ls->started);
            }
          if (xmlTextReaderIsEmptyElement (x.r))
            g_free (f.style);
          else
            g_array_append_val (lists, f);
        }
      else if (is_el (&x, TEXT_NS, "list-item"))
        item_label_pending = TRUE;
      else if (is_el (&x, TEXT_NS, "list-header"))
        item_label_pending = FALSE;
      else if (is_el (&x, TABLE_NS, "table"))
        word_doc_begin_table (doc);
      else if (is_el (&x, TABLE_NS, "table-row"))
        word_doc_begin_row (doc);
      else if (is_el (&x, TABLE_NS, "table-cell") || is_el (&x, TABLE_NS, "covered-table-cell"))
        {
          g_autofree char *span = attr (&x, TABLE_NS, "number-columns-spanned");
          guint64 n = 1;

          if (span != NULL)
            g_ascii_string_to_unsigned (span, 10, 1, 64, &n, NULL);
          word_doc_begin_cell (doc, (guint) n);
          if (xmlTextReaderIsEmptyElement (x.r))
            word_doc_end_cell (doc);
        }
    }
  if (x.error)
    {
      g_propagate_error (error, g_steal_pointer (&x.error));
      ok = FALSE;
    }

out:
  for (guint i = 0; i < lists->len; i++)
    g_free (g_array_index (lists, ListFrame, i).style);
  g_array_unref (lists);
  g_array_unref (span_styles);
  g_hash_table_unref (odf.text_styles);
  g_hash_table_unref (odf.list_styles);
  xml_close (&x);
  return ok;
}

char *
thidua_word_odt_to_text (const guint8 *data, gsize len, GError **error)
{
  zip_t *zip;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(WordDoc) doc = NULL;

  if ((zip = open_zip (data, len, error)) == NULL)
    return NULL;
  content = read_entry (zip, "content.xml", TRUE, error);
  zip_discard (zip);
  if (content == NULL)
    return NULL;
  doc = word_doc_new ();
  if (!read_odf (doc, content, "content.xml", error))
    return NULL;
  return word_doc_to_text (doc);
}

char *
thidua_word_fodt_to_text (const guint8 *data, gsize len, GError **error)
{
  g_autoptr(GBytes) content = NULL;
  g_autoptr(WordDoc) doc = NULL;

  if (len > THIDUA_WORD_MAX_PART)
    {
      g_set_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_TOO_LARGE,
                   _("The file is %.0f MB, more than the %d MB a plan can take"),
                   len / (1024.0 * 1024.0), THIDUA_WORD_MAX_PART / (1024 * 1024));
      return NULL;
    }
  content = g_bytes_new_static (data, len);
  doc = word_doc_new ();
  if (!read_odf (doc, content, "the flat OpenDocument file", error))
    return NULL;
  return word_doc_to_text (doc);
}

/* --- the profile Thi Đua wrote ----------------------------------------- */

char *
thidua_word_package_profile (const guint8 *data, gsize len, ThiduaWordFormat format)
{
  zip_t *zip;
  g_autoptr(GBytes) part = NULL;
  const char *name = format == THIDUA_WORD_FORMAT_DOCX ? "docProps/custom.xml" : "meta.xml";
  Xml x = { 0 };
  gboolean in_prop = FALSE;
  char *value = NULL;

  if ((format != THIDUA_WORD_FORMAT_DOCX && format != THIDUA_WORD_FORMAT_ODT)
      || (zip = open_zip (data, len, NULL)) == NULL)
    return NULL;
  part = read_entry (zip, name, FALSE, NULL);
  zip_discard (zip);
  if (part == NULL || !xml_open (&x, part, name))
    return NULL;
  while (value == NULL && xml_next (&x))
    {
      int type = xmlTextReaderNodeType (x.r);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          xmlChar *n = xmlTextReaderGetAttribute (x.r, BAD_CAST "name");

          if (n == NULL)
            n = xmlTextReaderGetAttributeNs (x.r, BAD_CAST "name",
                                             BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:meta:1.0");
          if (n != NULL && strcmp ((const char *) n, THIDUA_WORD_PROFILE_PROPERTY) == 0)
            in_prop = TRUE;
          xmlFree (n);
        }
      else if (type == XML_READER_TYPE_TEXT && in_prop)
        value = g_strstrip (g_strdup ((const char *) xmlTextReaderConstValue (x.r)));
    }
  xml_close (&x);
  return value;
}

/* --- sniffing --------------------------------------------------------- */

ThiduaWordFormat
thidua_word_sniff (const guint8 *data, gsize len)
{
  static const guint8 ole2[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

  if (len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    {
      /* the local headers name the parts; the central directory decides */
      zip_t *zip = open_zip (data, len, NULL);
      ThiduaWordFormat f = THIDUA_WORD_FORMAT_ZIP;

      if (zip == NULL)
        {
          /* cut short: the local headers still name the parts; either
           * way the reader reports the damage */
          if (memmem (data, MIN (len, 65536), "mimetypeapplication/vnd.oasis.opendocument.text", 47) != NULL)
            return THIDUA_WORD_FORMAT_ODT;
          return THIDUA_WORD_FORMAT_DOCX;
        }
      if (has_entry (zip, "word/document.xml") || has_entry (zip, "[Content_Types].xml"))
        f = has_entry (zip, "content.xml") && !has_entry (zip, "word/document.xml")
            ? THIDUA_WORD_FORMAT_ODT : THIDUA_WORD_FORMAT_DOCX;
      else if (has_entry (zip, "content.xml"))
        f = THIDUA_WORD_FORMAT_ODT;
      zip_discard (zip);
      return f;
    }
  if (len >= sizeof ole2 && memcmp (data, ole2, sizeof ole2) == 0)
    return THIDUA_WORD_FORMAT_DOC;
  if (len >= 5 && memcmp (data, "{\\rtf", 5) == 0)
    return THIDUA_WORD_FORMAT_RTF;
  if (len >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return THIDUA_WORD_FORMAT_PDF;
  {
    gsize skip = (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    gsize head = MIN (len, 4096);

    if (len >= skip + 5 && memcmp (data + skip, "<?xml", 5) == 0
        && g_strstr_len ((const char *) data, head, "office:document") != NULL)
      return THIDUA_WORD_FORMAT_FODT;
  }
  return THIDUA_WORD_FORMAT_TEXT;
}

const char *
thidua_word_format_name (ThiduaWordFormat format)
{
  switch (format)
    {
    case THIDUA_WORD_FORMAT_DOCX: return "docx";
    case THIDUA_WORD_FORMAT_ODT: return "odt";
    case THIDUA_WORD_FORMAT_FODT: return "fodt";
    case THIDUA_WORD_FORMAT_DOC: return "doc";
    case THIDUA_WORD_FORMAT_RTF: return "rtf";
    case THIDUA_WORD_FORMAT_ZIP: return "zip";
    case THIDUA_WORD_FORMAT_PDF: return "pdf";
    case THIDUA_WORD_FORMAT_TEXT:
    default: return "text";
    }
}
