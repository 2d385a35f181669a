/* SPDX-License-Identifier: GPL-3.0-or-later */
/* register-test-util.h — a fresh database and register for each test. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "thidua-catalog.h"
#include "thidua-paths.h"
#include "thidua-register.h"
#include "thidua-store.h"

typedef struct {
  char           *dir;
  char           *db_path;
  ThiduaStore    *store;
  ThiduaCatalog  *catalog;
  ThiduaRegister *reg;
} RegFixture;

static inline ThiduaCatalog *
reg_test_catalog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *titles = thidua_paths_find_data ("catalog", "titles.json", NULL);
  g_autofree char *rules = thidua_paths_find_data ("catalog", "rules.json", NULL);
  ThiduaCatalog *catalog = thidua_catalog_new_from_files (titles, rules, &error);

  g_assert_no_error (error);
  return catalog;
}

static inline void
reg_fixture_set_up (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("thidua-register-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "test.db", NULL);
  f->store = thidua_store_open (f->db_path, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_assert_no_error (error);
  f->catalog = reg_test_catalog ();
  f->reg = thidua_register_new (f->store, f->catalog);
}

static inline void
reg_rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        reg_rm_rf (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

static inline void
reg_fixture_tear_down (RegFixture *f, gconstpointer data)
{
  g_clear_object (&f->reg);
  g_clear_object (&f->catalog);
  g_clear_object (&f->store);
  reg_rm_rf (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

/* Adds a person to a unit and registers them; returns the person's id. */
static inline gint64
reg_add_person (RegFixture *f, const char *name, gint64 unit_id, int birth_year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaRegPerson) p = thidua_reg_person_new ();
  gint64 id;

  g_assert_true (thidua_reg_person_set_full_name (p, name));
  p->unit_id = unit_id;
  p->birth_year = birth_year;
  id = thidua_register_add_person (f->reg, p, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline gint64
reg_add_full (RegFixture *f, const char *year, gint64 person_id, gint64 unit_id,
              const char *title, const char *initiative, ThiduaRegResult result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaRegistration) r = thidua_registration_new ();
  gint64 id;

  g_free (r->year);
  r->year = g_strdup (year);
  r->person_id = person_id;
  r->unit_id = unit_id;
  g_free (r->title);
  r->title = g_strdup (title);
  g_free (r->initiative);
  r->initiative = g_strdup (initiative ? initiative : "");
  r->result = result;
  id = thidua_register_add (f->reg, r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline gint64
reg_add (RegFixture *f, const char *year, gint64 person_id, const char *title)
{
  return reg_add_full (f, year, person_id, 0, title, NULL, THIDUA_REG_RESULT_PENDING);
}
