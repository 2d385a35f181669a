/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-cli.h — shared by the subcommands of thidua-cli.
 *
 * Contract: results on stdout, errors on stderr with a non-zero exit. */
#pragma once

#include <glib.h>
#include "thidua-store.h"
#include "thidua-plan.h"

G_BEGIN_DECLS

typedef struct {
  const char *db_path;   /* --db, or NULL for the default database */
  const char *command;
} CliContext;

/* Each subcommand gets argv with argv[0] = its own name. */
typedef int (*CliCommandFunc) (CliContext *ctx, int argc, char **argv);

/* Opens the database named by --db (or the default one); prints the error
 * and returns NULL on failure. */
ThiduaStore *cli_open_store  (CliContext *ctx, gboolean read_only);
/* The same with the store's open flags: THIDUA_STORE_OPEN_NO_SEED for a
 * command that never reads templates (a file it makes gets them on the
 * first open that does). */
ThiduaStore *cli_open_store_with (CliContext *ctx, ThiduaStoreOpenFlags flags);
/* "thidua-cli: <command>: <message>" on stderr; returns the exit code 1. */
int          cli_fail        (CliContext *ctx, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* A function of one of thidua-cli's modules ("render", "register",
 * "workbook", "import" …, meson.build), loaded on first use; prints the error and returns NULL when
 * the module is missing. */
gpointer     cli_module_symbol (CliContext *ctx, const char *module, const char *symbol);
/* TRUE for a .docx or .odt name (any case): thidua-cli-document writes
 * those, thidua-cli-render the rest. */
gboolean     cli_output_is_document (const char *path);
/* Parses subcommand options; on error prints it and returns FALSE. */
gboolean     cli_parse_options (CliContext *ctx, GOptionEntry *entries,
                                const char *parameter_string,
                                int *argc, char ***argv);
/* Parses a plan id argument (a positive integer). */
gboolean     cli_parse_id    (CliContext *ctx, const char *arg, gint64 *id);
/* A copy with tabs and line breaks as spaces, for one-line, tab-separated
 * output; NULL gives "". */
char        *cli_one_line    (const char *s);
/* Writes a string to stdout exactly (no locale conversion). */
void         cli_print       (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* cmd-plan.c */
int cmd_templates    (CliContext *ctx, int argc, char **argv);
int cmd_new          (CliContext *ctx, int argc, char **argv);
int cmd_list         (CliContext *ctx, int argc, char **argv);
int cmd_show         (CliContext *ctx, int argc, char **argv);
int cmd_import_json  (CliContext *ctx, int argc, char **argv);
int cmd_duplicate    (CliContext *ctx, int argc, char **argv);
int cmd_delete       (CliContext *ctx, int argc, char **argv);
/* Prints a warning for every "Căn cứ" line citing a document not in force
 * on the plan's date (thidua-legal.h): import and duplicate say so at once. */
void cli_warn_legal_bases (CliContext *ctx, ThiduaPlan *plan);

/* cmd-render.c */
int cmd_render       (CliContext *ctx, int argc, char **argv);
int cmd_render_json  (CliContext *ctx, int argc, char **argv);

/* cmd-import.c */
int cmd_import_text  (CliContext *ctx, int argc, char **argv);
int cmd_import       (CliContext *ctx, int argc, char **argv);
/* A plan from a PDF (its text layer), stored; prints its id.  For the
 * import dispatcher (cmd-import-pdf.c, in thidua-cli-pdf). */
int cli_import_pdf   (CliContext *ctx, const char *path, int profile);

/* cmd-register.c */
int cmd_register     (CliContext *ctx, int argc, char **argv);

/* cmd-exchange.c */
int cmd_exchange     (CliContext *ctx, int argc, char **argv);
/* cmd-office.c */
int cmd_office       (CliContext *ctx, int argc, char **argv);
/* cmd-lifecycle.c: sign-off and issuing */
int cmd_submit       (CliContext *ctx, int argc, char **argv);
int cmd_return       (CliContext *ctx, int argc, char **argv);
int cmd_issue        (CliContext *ctx, int argc, char **argv);
int cmd_replace      (CliContext *ctx, int argc, char **argv);
int cmd_history      (CliContext *ctx, int argc, char **argv);
int cmd_numbers      (CliContext *ctx, int argc, char **argv);
int cmd_verify       (CliContext *ctx, int argc, char **argv);

G_END_DECLS
