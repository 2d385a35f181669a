/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-import-html.h — pasted HTML (text/html from Word, LibreOffice or a
 * browser) to the text the plan recogniser reads.
 *
 * A small tolerant tokenizer, no HTML library: core links none.  It keeps
 * what the plain-text copy loses:
 * - a table row becomes lines of tab-separated cells, each cell's own lines
 *   side by side (the two-column header: "ỦY BAN NHÂN DÂN\tCỘNG HÒA …" over
 *   "TỈNH LAI CHÂU\tĐộc lập …"), so the header is rebuilt as two columns;
 * - list items keep their labels: "1. " in <ol> (from its start), "- " in
 *   <ul>; Word's own labels (its "supportLists" spans) are text already;
 * - paragraphs, headings, <br>, rows and list items end a line;
 * - comments, <head>, <style>, <script> and Word's conditional comments
 *   are left out; entities are decoded (&nbsp; is a plain space);
 * - white space runs are one space, as a browser shows them (not in <pre>).
 * Input over THIDUA_IMPORT_MAX_SIZE is cut there; tables nested deeper than
 * 16 are read as plain lines.  Never fails: the result is valid UTF-8. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @html: (nullable) (array length=len): NULL gives ""; len -1 when
 *   NUL-terminated.
 * Returns: (transfer full): never NULL. */
char *thidua_import_html_to_text (const char *html,
                                  gssize      len);

G_END_DECLS
