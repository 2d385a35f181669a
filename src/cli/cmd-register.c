/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd-register.c — register import | list | check | export | report |
 * undo-import. */
#include "config.h"
#include "thidua-cli.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "thidua-catalog.h"
#include "thidua-register.h"
#include "thidua-paths.h"
#include "thidua-core-enums.h"
#include "thidua-register-check.h"
#include "thidua-register-import.h"
#include "thidua-register-targets.h"
#include "thidua-register-edit.h"
#include "thidua-targets-json.h"
#include "thidua-json.h"
#include "thidua-exchange.h"
#include "thidua-csv.h"
#ifndef THIDUA_CLI_REGISTER_CSV_ONLY
#include "thidua-register-export.h"
#include "thidua-report.h"
#include "thidua-rollup.h"
#endif

/* The store and the register over it, with the catalog from data. */
static ThiduaRegister *
open_register (CliContext *ctx, gboolean read_only)
{
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(ThiduaCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  /* the register reads no templates */
  if ((store = cli_open_store_with (ctx, THIDUA_STORE_OPEN_NO_SEED
                                         | (read_only ? THIDUA_STORE_OPEN_READ_ONLY : 0))) == NULL)
    return NULL;
  if ((catalog = thidua_catalog_new_default (&error)) == NULL)
    {
      cli_fail (ctx, "%s", error->message);
      return NULL;
    }
  return thidua_register_new (store, catalog);
}

static gboolean
require_year (CliContext *ctx, const char *year)
{
  g_autoptr(GError) error = NULL;

  if (year == NULL)
    {
      cli_fail (ctx, "--year is required (2024 or 2023-2024)");
      return FALSE;
    }
  if (!thidua_reg_year_parse (year, NULL, NULL, NULL, &error))
    {
      cli_fail (ctx, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
print_json (JsonNode *root)
{
  /* every control character escaped (json-glib 1.6 leaves some raw) */
  g_autofree char *text = thidua_json_to_data (root, TRUE);

  cli_print ("%s\n", text);
}

/* ---- import ---- */

typedef ThiduaTable *(*ReadWorkbook) (const char *name, const char *data, gsize len, GError **error);

/* The file's cells.  A CSV is read here; a workbook by the readers in
 * thidua-cli-workbook, loaded for one only (in this module's CSV-only
 * build, meson.build).  NULL with error unset when the module is missing
 * (cli_module_symbol() said so). */
static ThiduaTable *
load_table (CliContext *ctx, const char *file, GError **error)
{
  gint64 start = g_get_monotonic_time ();
  clock_t cpu = clock ();
  g_autofree char *data = NULL;
  ThiduaTable *table;
  gsize len;

  if (!thidua_table_read_file (file, &data, &len, error))
    return NULL;
  if (thidua_table_sniff (data, len) == THIDUA_TABLE_FORMAT_CSV)
    table = thidua_csv_parse_owned (file, g_steal_pointer (&data), len, error);
  else
    {
#ifdef THIDUA_CLI_REGISTER_CSV_ONLY
      ReadWorkbook read_workbook = cli_module_symbol (ctx, "workbook", "thidua_table_read_workbook");
#else
      ReadWorkbook read_workbook = thidua_table_read_workbook;
#endif
      if (read_workbook == NULL)
        return NULL;
      table = read_workbook (file, data, len, error);
    }
  if (table != NULL)
    g_debug ("import: read and parsed %u rows in %.0f ms (cpu %.0f ms)", thidua_table_get_n_rows (table),
             (g_get_monotonic_time () - start) / 1000.0, (clock () - cpu) * 1000.0 / CLOCKS_PER_SEC);
  return table;
}

static int
register_import (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *year = NULL;
  gboolean replace = FALSE;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_STRING, &year, "Registration year (2024 or 2023-2024)", "YEAR" },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      "Update registrations already in the register instead of rejecting those rows", NULL },
    { NULL }
  };
  g_autoptr(ThiduaRegister) reg = NULL;
  g_autoptr(ThiduaRegisterImport) import = NULL;
  g_autoptr(ThiduaTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  GPtrArray *rejections;
  gint64 batch = 0;

  if (!cli_parse_options (ctx, entries, "FILE", &argc, &argv))
    return 2;
  if (argc < 2)
    return cli_fail (ctx, "a file to import is required (CSV, XLSX or XLS)");
  if (argc > 2)
    return cli_fail (ctx, "unexpected argument “%s”", argv[2]);
  if (!require_year (ctx, year))
    return 2;
  file = g_strdup (argv[1]);
  /* the import's memory in huge pages (thidua-paths.c) */
  g_autofree void *heap = thidua_paths_shape_heap_for_file (argv[1], 16);
  if ((reg = open_register (ctx, FALSE)) == NULL)
    return 1;

  import = thidua_register_import_new (reg, year);
  thidua_register_import_set_replace (import, replace);
  if ((table = load_table (ctx, file, &error)) == NULL)
    return error != NULL ? cli_fail (ctx, "%s", error->message) : 1;
  if (!thidua_register_import_prepare_table (import, file, table, &error))
    return cli_fail (ctx, "%s", error->message);
  g_clear_pointer (&table, thidua_table_free);
  if (thidua_register_import_get_n_accepted (import) > 0)
    {
      batch = thidua_register_import_commit (import, NULL, NULL, &error);
      if (batch == 0)
        return cli_fail (ctx, "%s (nothing was imported)", error->message);
    }

  rejections = thidua_register_import_get_rejections (import);
  for (guint i = 0; i < rejections->len; i++)
    {
      ThiduaRegisterRejection *r = g_ptr_array_index (rejections, i);
      fprintf (stderr, "row %u: %s\n", r->row, r->reason);
    }
  cli_print ("imported %u, rejected %u\n", thidua_register_import_get_n_accepted (import), rejections->len);
  if (batch > 0)
    fprintf (stderr, "import %" G_GINT64_FORMAT " recorded; undo it with: thidua-cli register undo-import %" G_GINT64_FORMAT "\n",
             batch, batch);
  return 0;
}

static int
register_undo_import (CliContext *ctx, int argc, char **argv)
{
  g_autoptr(ThiduaRegister) reg = NULL;
  g_autoptr(GError) error = NULL;
  guint64 id;

  if (!cli_parse_options (ctx, NULL, "ID", &argc, &argv))
    return 2;
  if (argc != 2 || !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return cli_fail (ctx, "an import ID (a positive whole number) is required");
  if ((reg = open_register (ctx, FALSE)) == NULL)
    return 1;
  if (!thidua_register_undo_import (reg, (gint64) id, &error))
    return cli_fail (ctx, "%s", error->message);
  return 0;
}

/* ---- list ---- */

/* A subcommand's options, no other argument, and --year when asked for
 * (year non-NULL): 0, or the exit status. */
static int
parse_command (CliContext *ctx, GOptionEntry *entries, int *argc, char ***argv, char **year)
{
  if (!cli_parse_options (ctx, entries, "", argc, argv))
    return 2;
  if (*argc > 1)
    return cli_fail (ctx, "unexpected argument “%s”", (*argv)[1]);
  if (year != NULL && !require_year (ctx, *year))
    return 2;
  return 0;
}

/* --status / --result: one of the enum's nicks (the strings the database
 * stores), or -1 when not given; the message lists them. */
static gboolean
parse_enum_option (CliContext *ctx, const char *text, int *out, const char *option, GType type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v;

  *out = -1;
  if (text == NULL)
    return TRUE;
  if ((v = g_enum_get_value_by_nick (klass, text)) == NULL)
    {
      g_autoptr(GString) choices = g_string_new (NULL);
      for (guint i = 0; i < klass->n_values; i++)
        {
          if (i > 0)
            g_string_append (choices, i + 1 == klass->n_values ? " or " : ", ");
          g_string_append (choices, klass->values[i].value_nick);
        }
      cli_fail (ctx, "--%s must be %s, not “%s”", option, choices->str, text);
      return FALSE;
    }
  *out = v->value;
  return TRUE;
}

static int
register_list (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *year = NULL, *search = NULL, *unit = NULL, *title = NULL;
  g_autofree char *status = NULL, *result = NULL, *sort = NULL, *office = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_STRING, &year, "Registration year", "YEAR" },
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, "Only the rows of this office (this one's own, or one received by package)", "NAME" },
    { "search", 's', 0, G_OPTION_ARG_STRING, &search, "Names containing these words (diacritics aside)", "TEXT" },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, "Only this unit and the units inside it", "NAME" },
    { "title", 't', 0, G_OPTION_ARG_STRING, &title, "Only this title (name or abbreviation)", "CODE" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, "registered or withdrawn", "STATUS" },
    { "result", 0, 0, G_OPTION_ARG_STRING, &result, "pending, achieved or not-achieved", "RESULT" },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, "unit (default), name or title", "ORDER" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { NULL }
  };
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(ThiduaRegister) reg = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  ThiduaCatalog *catalog;

  int rc = parse_command (ctx, entries, &argc, &argv, NULL);
  if (rc != 0)
    return rc;
  if (!require_year (ctx, year)
      || !parse_enum_option (ctx, status, &q.status, "status", THIDUA_TYPE_REG_STATUS)
      || !parse_enum_option (ctx, result, &q.result, "result", THIDUA_TYPE_REG_RESULT))
    return 2;
  if (sort == NULL || g_str_equal (sort, "unit"))
    q.sort = THIDUA_REG_SORT_UNIT;
  else if (g_str_equal (sort, "name"))
    q.sort = THIDUA_REG_SORT_NAME;
  else if (g_str_equal (sort, "title"))
    q.sort = THIDUA_REG_SORT_TITLE;
  else
    return cli_fail (ctx, "--sort must be unit, name or title");
  if ((reg = open_register (ctx, TRUE)) == NULL)
    return 1;
  catalog = thidua_register_get_catalog (reg);

  q.year = year;
  q.search = search;
  q.unit = unit;
  q.title = title;
  if ((rows = thidua_register_query (reg, &q, &error)) == NULL)
    return cli_fail (ctx, "%s", error->message);

  /* Rows received from other offices belong to them (thidua-exchange.h). */
  g_autoptr(GHashTable) offices = thidua_exchange_row_offices (thidua_register_get_store (reg), year, &error);
  g_autoptr(ThiduaOffice) own = offices ? thidua_store_get_office (thidua_register_get_store (reg), &error) : NULL;
  if (own == NULL)
    return cli_fail (ctx, "%s", error->message);
  if (office != NULL)
    {
      g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_registration_free);
      for (guint i = 0; i < rows->len; i++)
        {
          ThiduaRegistration *r = g_ptr_array_index (rows, i);
          const char *of = g_hash_table_lookup (offices, &r->id);
          if (g_str_equal (of ? of : own->name, office))
            g_ptr_array_add (kept, g_steal_pointer (&g_ptr_array_index (rows, i)));
        }
      /* the rows not kept are freed with the old array; the kept ones left NULL there */
      g_ptr_array_unref (g_steal_pointer (&rows));
      rows = g_steal_pointer (&kept);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          ThiduaRegistration *r = g_ptr_array_index (rows, i);
          const ThiduaTitle *t = thidua_catalog_lookup (catalog, r->title);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, r->id);
          json_builder_set_member_name (b, "year");
          json_builder_add_string_value (b, r->year);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, r->person_id ? "individual" : "collective");
          json_builder_set_member_name (b, "person_id");
          if (r->person_id) json_builder_add_int_value (b, r->person_id); else json_builder_add_null_value (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, r->person_id ? r->person_name : r->unit_name);
          json_builder_set_member_name (b, "honorific");
          json_builder_add_string_value (b, r->honorific);
          json_builder_set_member_name (b, "position");
          json_builder_add_string_value (b, r->position);
          json_builder_set_member_name (b, "unit_id");
          if (r->unit_id) json_builder_add_int_value (b, r->unit_id); else json_builder_add_null_value (b);
          json_builder_set_member_name (b, "unit");
          json_builder_add_string_value (b, r->unit_name);
          json_builder_set_member_name (b, "birth_year");
          if (r->birth_year) json_builder_add_int_value (b, r->birth_year); else json_builder_add_null_value (b);
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, r->title);
          json_builder_set_member_name (b, "title_code");
          json_builder_add_string_value (b, t ? thidua_title_get_short_name (t) : r->title);
          json_builder_set_member_name (b, "title_name");
          json_builder_add_string_value (b, t ? t->name : r->title);
          json_builder_set_member_name (b, "plan");
          if (r->plan_id) json_builder_add_int_value (b, r->plan_id); else json_builder_add_null_value (b);
          json_builder_set_member_name (b, "initiative");
          json_builder_add_string_value (b, r->initiative);
          json_builder_set_member_name (b, "status");
          json_builder_add_string_value (b, thidua_reg_status_to_string (r->status));
          json_builder_set_member_name (b, "result");
          json_builder_add_string_value (b, thidua_reg_result_to_string (r->result));
          json_builder_set_member_name (b, "decision");
          json_builder_add_string_value (b, r->decision);
          json_builder_set_member_name (b, "note");
          json_builder_add_string_value (b, r->note);
          json_builder_set_member_name (b, "import");
          if (r->import_id) json_builder_add_int_value (b, r->import_id); else json_builder_add_null_value (b);
          json_builder_set_member_name (b, "office");
          {
            const char *of = g_hash_table_lookup (offices, &r->id);
            json_builder_add_string_value (b, of ? of : own->name);
          }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      print_json (root);
      return 0;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      ThiduaRegistration *r = g_ptr_array_index (rows, i);
      const ThiduaTitle *t = thidua_catalog_lookup (catalog, r->title);
      g_autofree char *name = cli_one_line (r->person_id ? r->person_name : r->unit_name);
      g_autofree char *position = cli_one_line (r->position);
      g_autofree char *unit_name = cli_one_line (r->unit_name);

      cli_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%s\n", r->id, name, position, unit_name,
                 t ? thidua_title_get_short_name (t) : r->title,
                 thidua_reg_status_to_string (r->status), thidua_reg_result_to_string (r->result));
    }
  return 0;
}

/* ---- check ---- */

static int
register_check (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *year = NULL;
  gint64 plan = 0;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_STRING, &year, "Registration year", "YEAR" },
    { "plan", 'p', 0, G_OPTION_ARG_INT64, &plan, "Compare with this plan's targets", "ID" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { NULL }
  };
  g_autoptr(ThiduaRegister) reg = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  int rc = parse_command (ctx, entries, &argc, &argv, &year);
  if (rc != 0)
    return rc;
  if (plan < 0)
    return cli_fail (ctx, "--plan must be a plan ID");
  if ((reg = open_register (ctx, TRUE)) == NULL)
    return 1;
  if (plan > 0)
    {
      g_autoptr(ThiduaPlan) p = thidua_store_load_plan (thidua_register_get_store (reg), plan, &error);
      if (p == NULL)
        return cli_fail (ctx, "%s", error->message);
    }
  if ((findings = thidua_register_check (reg, year, plan, &error)) == NULL)
    return cli_fail (ctx, "%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < findings->len; i++)
        {
          ThiduaFinding *f = g_ptr_array_index (findings, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "rule");
          json_builder_add_string_value (b, f->rule_id);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, thidua_rule_kind_to_string (f->kind));
          json_builder_set_member_name (b, "message");
          json_builder_add_string_value (b, f->message);
          json_builder_set_member_name (b, "source");
          json_builder_add_string_value (b, f->source);
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, f->title);
          json_builder_set_member_name (b, "registration");
          if (f->registration_id) json_builder_add_int_value (b, f->registration_id); else json_builder_add_null_value (b);
          json_builder_set_member_name (b, "person");
          if (f->person_id) json_builder_add_int_value (b, f->person_id); else json_builder_add_null_value (b);
          json_builder_set_member_name (b, "unit");
          if (f->unit_id) json_builder_add_int_value (b, f->unit_id); else json_builder_add_null_value (b);
          json_builder_set_member_name (b, "count");
          json_builder_add_int_value (b, f->count);
          json_builder_set_member_name (b, "limit");
          json_builder_add_int_value (b, f->limit);
          json_builder_set_member_name (b, "base");
          json_builder_add_int_value (b, f->base);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      print_json (root);
      return 0;
    }

  /* RULE<TAB>REGISTRATION<TAB>MESSAGE<TAB>SOURCE; registration is "-" for
   * year-wide findings */
  for (guint i = 0; i < findings->len; i++)
    {
      ThiduaFinding *f = g_ptr_array_index (findings, i);
      g_autofree char *message = cli_one_line (f->message);
      g_autofree char *source = cli_one_line (f->source);
      g_autofree char *id = f->registration_id ? g_strdup_printf ("%" G_GINT64_FORMAT, f->registration_id)
                                               : g_strdup ("-");
      cli_print ("%s\t%s\t%s\t%s\n", f->rule_id, id, message, source);
    }
  return 0;
}

/* ---- export and report (not in the CSV-only build) ---- */

#ifndef THIDUA_CLI_REGISTER_CSV_ONLY

static int
register_export (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *year = NULL, *output = NULL;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_STRING, &year, "Registration year", "YEAR" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "File to write (.csv or .xlsx)", "FILE" },
    { NULL }
  };
  g_autoptr(ThiduaRegister) reg = NULL;
  g_autoptr(GError) error = NULL;

  int rc = parse_command (ctx, entries, &argc, &argv, &year);
  if (rc != 0)
    return rc;
  if (output == NULL)
    return cli_fail (ctx, "-o FILE.csv or -o FILE.xlsx is required");
  if ((reg = open_register (ctx, TRUE)) == NULL)
    return 1;
  if (!thidua_register_export (reg, year, output, &error))
    return cli_fail (ctx, "%s", error->message);
  return 0;
}

static int
register_report (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *year = NULL, *output = NULL, *unit = NULL;
  gboolean by_office = FALSE;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_STRING, &year, "Registration year", "YEAR" },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, "One unit's registration form (portrait) instead of the summary", "NAME" },
    { "by-office", 0, 0, G_OPTION_ARG_NONE, &by_office, "The year across the offices that sent their registers", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "PDF file to write", "FILE.pdf" },
    { NULL }
  };
  g_autoptr(ThiduaRegister) reg = NULL;
  g_autoptr(GError) error = NULL;

  int rc = parse_command (ctx, entries, &argc, &argv, &year);
  if (rc != 0)
    return rc;
  if (output == NULL)
    return cli_fail (ctx, "-o FILE.pdf is required");
  if ((reg = open_register (ctx, TRUE)) == NULL)
    return 1;
  if (by_office && unit != NULL)
    return cli_fail (ctx, "--by-office and --unit cannot go together");
  if (by_office ? !thidua_rollup_write_pdf (reg, year, output, &error)
                : !thidua_report_write_register_pdf (reg, year, unit, output, &error))
    return cli_fail (ctx, "%s", error->message);
  return 0;
}

#endif

/* ---- plan targets and the year's plan ---- */

static gboolean
check_plan (CliContext *ctx, ThiduaRegister *reg, gint64 plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) p = NULL;

  if (plan <= 0)
    {
      cli_fail (ctx, "--plan ID is required");
      return FALSE;
    }
  p = thidua_store_load_plan (thidua_register_get_store (reg), plan, &error);
  if (p == NULL)
    {
      cli_fail (ctx, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* register targets --plan ID [--set FILE.json]: the plan's chỉ tiêu, one a
 * line as TITLE<TAB>MIN<TAB>MAX<TAB>MEASURE<TAB>BASE<TAB>SENTENCE ("-" for
 * no bound); --set replaces them from a JSON array of
 * {"title", "min", "max", "measure": "percent"|"count", "base"}. */
static int
register_targets (CliContext *ctx, int argc, char **argv)
{
  gint64 plan = 0;
  g_autofree char *set = NULL;
  GOptionEntry entries[] = {
    { "plan", 'p', 0, G_OPTION_ARG_INT64, &plan, "The plan", "ID" },
    { "set", 0, 0, G_OPTION_ARG_FILENAME, &set, "Replace the targets from a JSON file", "FILE" },
    { NULL }
  };
  g_autoptr(ThiduaRegister) reg = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  ThiduaCatalog *catalog;

  int rc = parse_command (ctx, entries, &argc, &argv, NULL);
  if (rc != 0)
    return rc;
  if ((reg = open_register (ctx, set == NULL)) == NULL)
    return 1;
  if (!check_plan (ctx, reg, plan))
    return 1;
  catalog = thidua_register_get_catalog (reg);

  if (set != NULL)
    {
      g_autoptr(GPtrArray) list = thidua_plan_targets_load_json (set, catalog, &error);

      if (list == NULL)
        return cli_fail (ctx, "%s", error->message);
      if (!thidua_register_set_targets (reg, plan, list, &error))
        return cli_fail (ctx, "%s", error->message);
    }

  if ((targets = thidua_register_get_targets (reg, plan, &error)) == NULL)
    return cli_fail (ctx, "%s", error->message);
  for (guint i = 0; i < targets->len; i++)
    {
      ThiduaPlanTarget *t = g_ptr_array_index (targets, i);
      g_autofree char *sentence = thidua_plan_target_to_sentence (t, catalog);
      g_autofree char *lo = t->min_value >= 0 ? g_strdup_printf ("%g", t->min_value) : g_strdup ("-");
      g_autofree char *hi = t->max_value >= 0 ? g_strdup_printf ("%g", t->max_value) : g_strdup ("-");
      cli_print ("%s\t%s\t%s\t%s\t%s\t%s\n", t->title, lo, hi,
                 t->measure == THIDUA_TARGET_COUNT ? "count" : "percent", t->base, sentence);
    }
  return 0;
}

/* register plan --year Y --plan ID: the plan a year's registrations belong to
 * (its targets are checked, its header printed on the summary). */
static int
register_plan (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *year = NULL;
  gint64 plan = 0;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_STRING, &year, "Registration year", "YEAR" },
    { "plan", 'p', 0, G_OPTION_ARG_INT64, &plan, "The plan", "ID" },
    { NULL }
  };
  g_autoptr(ThiduaRegister) reg = NULL;
  g_autoptr(GError) error = NULL;

  int rc = parse_command (ctx, entries, &argc, &argv, &year);
  if (rc != 0)
    return rc;
  if ((reg = open_register (ctx, FALSE)) == NULL)
    return 1;
  if (!check_plan (ctx, reg, plan))
    return 1;
  if (!thidua_register_set_year_plan (reg, year, plan, &error))
    return cli_fail (ctx, "%s", error->message);
  return 0;
}

/* ---- by hand (cmd-register-edit.c) ---- */

static int sub_add (CliContext *c, int n, char **v) { return register_add (c, open_register, n, v); }
static int sub_set (CliContext *c, int n, char **v) { return register_set (c, open_register, n, v); }
static int sub_withdraw (CliContext *c, int n, char **v) { return register_withdraw (c, open_register, n, v); }
static int sub_delete (CliContext *c, int n, char **v) { return register_delete (c, open_register, n, v); }

/* ---- dispatch ---- */

typedef struct {
  const char     *name;
  const char     *full;
  CliCommandFunc  func;
} Sub;

static const Sub subs[] = {
  { "import",      "register import",      register_import },
  { "undo-import", "register undo-import", register_undo_import },
  { "list",        "register list",        register_list },
  { "check",       "register check",       register_check },
#ifndef THIDUA_CLI_REGISTER_CSV_ONLY
  { "export",      "register export",      register_export },
  { "report",      "register report",      register_report },
#endif
  { "targets",     "register targets",     register_targets },
  { "plan",        "register plan",        register_plan },
  { "add",         "register add",         sub_add },
  { "set",         "register set",         sub_set },
  { "withdraw",    "register withdraw",    sub_withdraw },
  { "delete",      "register delete",      sub_delete },
};

int
cmd_register (CliContext *ctx, int argc, char **argv)
{
  gboolean help = argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0);

  if (argc < 2 || help)
    {
      fprintf (help ? stdout : stderr,
               "Usage:\n"
               "  thidua-cli [--db PATH] register import FILE --year Y [--replace]\n"
               "  thidua-cli [--db PATH] register undo-import ID\n"
               "  thidua-cli [--db PATH] register list --year Y [--search TEXT] [--unit NAME] [--title CODE]"
               " [--status S] [--result R] [--sort unit|name|title] [--json]\n"
               "  thidua-cli [--db PATH] register check --year Y [--plan ID] [--json]\n"
               "  thidua-cli [--db PATH] register report --year Y [--unit NAME] -o FILE.pdf\n"
               "  thidua-cli [--db PATH] register export --year Y -o FILE.csv|FILE.xlsx\n"
               "  thidua-cli [--db PATH] register plan --year Y --plan ID\n"
               "  thidua-cli [--db PATH] register targets --plan ID [--set FILE.json]\n"
               "  thidua-cli [--db PATH] register add --year Y (--person NAME --unit UNIT [--position P]"
               " | --collective UNIT) --title TITLE [--initiative TEXT] [--note TEXT]\n"
               "  thidua-cli [--db PATH] register set ID [--title T] [--initiative TEXT] [--note TEXT]"
               " [--result pending|achieved|not-achieved] [--decision TEXT]\n"
               "  thidua-cli [--db PATH] register withdraw ID\n"
               "  thidua-cli [--db PATH] register delete ID\n");
      return help ? 0 : 2;
    }
  for (guint i = 0; i < G_N_ELEMENTS (subs); i++)
    if (strcmp (argv[1], subs[i].name) == 0)
      {
        ctx->command = subs[i].full;
        return subs[i].func (ctx, argc - 1, argv + 1);
      }
  return cli_fail (ctx, "unknown subcommand “%s” (import, undo-import, list, check, report, export, plan, targets, "
                   "add, set, withdraw, delete)", argv[1]);
}
