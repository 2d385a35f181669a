/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-export-private.h — shared by the .docx and .odt writers: what the
 * page shows, decided once from the profile and the layout, and the zip
 * and XML plumbing. */
#pragma once

#include <libxml/xmlwriter.h>
#include "thidua-export.h"
#include "thidua-profile-private.h"
#include "thidua-markup.h"

G_BEGIN_DECLS

typedef struct {
  const ThiduaProfileValues *v;
  ThiduaPlan *plan;
  ThiduaBody *body;
  double      text_w;                 /* pt */
  double      header_left, header_right;
  double      closing_left, closing_right;
  double      rule_issuing, rule_motto, rule_subject;   /* pt; 0: none */
  char       *number_line;
  char       *date_line;
  gboolean    draft;                  /* a draft marking on page 1 */
  char       *draft_mark;             /* "DỰ THẢO", "DỰ THẢO LẦN 2"; NULL issued */
  char       *code;                   /* an issued plan's code, or NULL */
} ExportDoc;

/* export_doc_init: @d: (out caller-allocates): its strings and body are
 *   its own, freed by export_doc_clear(); d->plan and d->v are borrowed
 *   (no reference): plan and layout must outlive d. */
void      export_doc_init   (ExportDoc *d, ThiduaLayout *layout, ThiduaPlan *plan);
void      export_doc_clear  (ExportDoc *d);

/* Heading-like blocks print bold and stay with the next (as the pages). */
gboolean  export_block_bold (const ThiduaBlock *b);

/* An XML part being written. */
typedef struct {
  xmlBufferPtr     buf;
  xmlTextWriterPtr w;
} Part;

void      part_begin  (Part *p);
/* Ends the document; the part's bytes stay in p->buf until part_free. */
void      part_end    (Part *p);
void      part_free   (Part *p);
/* <name a1="v1" …> from NULL-terminated attribute pairs; el_empty closes it. */
void      el          (Part *p, const char *name, ...) G_GNUC_NULL_TERMINATED;
void      el_empty    (Part *p, const char *name, ...) G_GNUC_NULL_TERMINATED;
void      el_end      (Part *p);
void      el_text     (Part *p, const char *text);
/* <name>text</name> */
void      el_leaf     (Part *p, const char *name, const char *text);
/* fmt_num: Returns: (transfer full) */
char     *fmt_num     (double v);   /* "12.5", C locale */

/* A zip in memory. */
typedef struct _Pack Pack;
Pack      *pack_new (GError **error);
/* stored: no compression (the ODF mimetype).
 * pack_add_part: @p: (transfer full): freed (part_free) whatever happens.
 * pack_add_string: @s: copied.
 * pack_abort: @z: (transfer full): not NULL.
 * pack_finish: @z: (transfer full): freed either way.  Returns: (transfer
 *   full): g_bytes_unref() it. */
gboolean  pack_add_part   (Pack *z, const char *name, Part *p, gboolean stored, GError **error);
gboolean  pack_add_string (Pack *z, const char *name, const char *s, gboolean stored, GError **error);
void      pack_abort     (Pack *z);
GBytes   *pack_finish     (Pack *z, GError **error);   /* frees z */

G_END_DECLS
