/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-register-store.c — units, people and registrations in SQLite. */
#include "config.h"

#include <string.h>

#include <sqlite3.h>
#include "thidua-store-private.h"
#include "thidua-core-enums.h"  /* raw handle: the test writes stale keys directly */

#include "register-test-util.h"
#include "thidua-text.h"
#include "thidua-register-private.h"
#include "thidua-register-batch.h"

static void
test_year_parse (void)
{
  struct { const char *in; const char *label; int start; gboolean school; } ok[] = {
    { "2024", "2024", 2024, FALSE },
    { " 2024 ", "2024", 2024, FALSE },
    { "2023-2024", "2023-2024", 2023, TRUE },
    { "2023 - 2024", "2023-2024", 2023, TRUE },
    { "2023–2024", "2023-2024", 2023, TRUE },
    { "2023/2024", "2023-2024", 2023, TRUE },
    { "Năm học 2023-2024", "2023-2024", 2023, TRUE },
  };
  const char *bad[] = { "", "24", "2023-2025", "2024-2023", "năm ngoái", "2024x", "12/2024" };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *label = NULL;
      int start = 0;
      gboolean school = -1;

      g_assert_true (thidua_reg_year_parse (ok[i].in, &label, &start, &school, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (label, ==, ok[i].label);
      g_assert_cmpint (start, ==, ok[i].start);
      g_assert_cmpint (school, ==, ok[i].school);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (thidua_reg_year_parse (bad[i], NULL, NULL, NULL, &error));
      g_assert_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID);
    }
  {
    g_autofree char *a = thidua_reg_year_previous ("2024");
    g_autofree char *b = thidua_reg_year_previous ("2023-2024");
    g_assert_cmpstr (a, ==, "2023");
    g_assert_cmpstr (b, ==, "2022-2023");
  }
}

static void
test_person_names (void)
{
  g_autoptr(ThiduaRegPerson) p = thidua_reg_person_new ();
  g_autofree char *nfd = g_utf8_normalize ("Bà  Nguyễn Thị\u00a0Thu Hà ", -1, G_NORMALIZE_NFD);
  g_autofree char *full = NULL;

  g_assert_true (thidua_reg_person_set_full_name (p, nfd));
  g_assert_cmpstr (p->honorific, ==, "Bà");
  g_assert_cmpstr (p->family_name, ==, "Nguyễn");
  g_assert_cmpstr (p->middle_name, ==, "Thị Thu");
  g_assert_cmpstr (p->given_name, ==, "Hà");
  full = thidua_reg_person_dup_full_name (p);
  g_assert_cmpstr (full, ==, "Nguyễn Thị Thu Hà");

  g_assert_true (thidua_reg_person_set_full_name (p, "Lò Thắng"));
  g_assert_cmpstr (p->honorific, ==, "");
  g_assert_cmpstr (p->family_name, ==, "Lò");
  g_assert_cmpstr (p->middle_name, ==, "");
  g_assert_cmpstr (p->given_name, ==, "Thắng");

  /* a single word is a given name; "Ông" alone is a name, not a title */
  g_assert_true (thidua_reg_person_set_full_name (p, "Ông"));
  g_assert_cmpstr (p->given_name, ==, "Ông");
  g_assert_false (thidua_reg_person_set_full_name (p, "   "));
}

/* The split before it went without a string per part (issue 10), kept as
 * the reference: the names stored must not change. */
static gboolean
ref_set_full_name (ThiduaRegPerson *p, const char *full_name)
{
  g_autofree char *nfc = thidua_text_nfc (full_name ? full_name : "", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_auto(GStrv) split = NULL;
  guint first = 0;

  if (nfc == NULL)
    return FALSE;
  for (char *q = nfc; *q; q = g_utf8_next_char (q))
    if (g_unichar_isspace (g_utf8_get_char (q)) || g_utf8_get_char (q) == 0xA0)
      {
        int n = g_utf8_skip[*(guchar *) q];
        memset (q, ' ', n);
      }
  split = g_strsplit (nfc, " ", -1);
  for (guint i = 0; split[i]; i++)
    if (*split[i] != '\0')
      g_ptr_array_add (words, split[i]);

  g_free (p->honorific);
  p->honorific = g_strdup ("");
  if (words->len > 1 && strlen (g_ptr_array_index (words, 0)) <= 4)
    {
      g_autofree char *w = thidua_text_fold (g_ptr_array_index (words, 0));
      if (g_str_equal (w, "ong") || g_str_equal (w, "ba"))
        {
          g_free (p->honorific);
          p->honorific = g_strdup (g_str_equal (w, "ong") ? "Ông" : "Bà");
          first = 1;
        }
    }
  if (first >= words->len)
    return FALSE;

  g_free (p->family_name);
  g_free (p->middle_name);
  g_free (p->given_name);
  p->given_name = g_strdup (g_ptr_array_index (words, words->len - 1));
  if (words->len - first >= 2)
    {
      GString *middle = g_string_new (NULL);
      p->family_name = g_strdup (g_ptr_array_index (words, first));
      for (guint i = first + 1; i + 1 < words->len; i++)
        {
          if (middle->len)
            g_string_append_c (middle, ' ');
          g_string_append (middle, g_ptr_array_index (words, i));
        }
      p->middle_name = g_string_free (middle, FALSE);
    }
  else
    {
      p->family_name = g_strdup ("");
      p->middle_name = g_strdup ("");
    }
  return TRUE;
}

static guint n_names_compared;

static void
assert_same_split (const char *name)
{
  g_autoptr(ThiduaRegPerson) p = thidua_reg_person_new ();
  g_autoptr(ThiduaRegPerson) r = thidua_reg_person_new ();
  g_autoptr(GString) out = g_string_new ("left over");
  g_autofree char *esc = g_strescape (name ? name : "(null)", NULL);
  const char *honorific = "unset";
  gsize full_len = 0, parts[3];
  gboolean ok, rok, sok;

  /* what a FALSE leaves untouched must stay so */
  for (guint k = 0; k < 2; k++)
    {
      ThiduaRegPerson *x = k ? r : p;
      g_free (x->honorific);
      x->honorific = g_strdup ("Ông");
      g_free (x->given_name);
      x->given_name = g_strdup ("Cũ");
    }
  ok = thidua_reg_person_set_full_name (p, name);
  rok = ref_set_full_name (r, name);
  if (ok != rok || g_strcmp0 (p->honorific, r->honorific) != 0 || g_strcmp0 (p->family_name, r->family_name) != 0
      || g_strcmp0 (p->middle_name, r->middle_name) != 0 || g_strcmp0 (p->given_name, r->given_name) != 0)
    g_test_message ("split differs for \"%s\"", esc);
  g_assert_cmpint (ok, ==, rok);
  g_assert_cmpstr (p->honorific, ==, r->honorific);
  g_assert_cmpstr (p->family_name, ==, r->family_name);
  g_assert_cmpstr (p->middle_name, ==, r->middle_name);
  g_assert_cmpstr (p->given_name, ==, r->given_name);

  sok = thidua_reg_split_full_name (name, out, &honorific, &full_len, parts);
  g_assert_cmpint (sok, ==, rok);
  if (sok)
    {
      g_autofree char *full = thidua_reg_person_dup_full_name (r);

      g_assert_cmpstr (honorific, ==, r->honorific);
      g_assert_cmpuint (full_len, ==, strlen (full));
      g_assert_cmpstr (out->str, ==, full);
      g_assert_cmpstr (out->str + parts[0], ==, r->family_name);
      g_assert_cmpstr (out->str + parts[1], ==, r->middle_name);
      g_assert_cmpstr (out->str + parts[2], ==, r->given_name);
      g_assert_cmpuint (out->len, ==, parts[2] + strlen (r->given_name));
    }
  n_names_compared++;
}

static void
test_person_names_identical (void)
{
  static const char *words[] = {
    "Ông", "ông", "ÔNG", "Ong", "O\xcc\x82ng", "Bà", "bà", "BÀ", "Ba", "Bá", "Ba\xcc\x80", "Ôngx", "Ông.",
    "Nguyễn", "Nguye\xcc\x82\xcc\x83n", "Thị", "Văn", "Hà", "Lò", "Ư", "Đỗ", "An", "X", "12", "Иван",
    "王", "\xcc\x81", "a\xcc\x81\xcc\xa3", "ǅ",
  };
  static const char *spaces[] = { " ", "  ", "\t", "\u00a0", "\u2003", "\u3000", "\n", "\r\f", "\v", "\x1c", " \u00a0 " };
  static const char *odd[] = {
    NULL, "", " ", "\u00a0", "\xff", "Nguy\xe1\xbb", "Ông \xff An", "Ông\u00a0", " Bà ", "Bà Ông",
    "Ông Bà", "Ông Ông An", "Nguyễn\u200bVăn", "A B C D E F G H", "\u3000Trần\u2003Văn B\u3000",
  };

  n_names_compared = 0;
  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    assert_same_split (odd[i]);
  for (guint a = 0; a < G_N_ELEMENTS (words); a++)
    for (guint b = 0; b < G_N_ELEMENTS (words); b++)
      {
        const char *sp = spaces[(a + b) % G_N_ELEMENTS (spaces)];
        const char *sp2 = spaces[(a * 3 + b) % G_N_ELEMENTS (spaces)];
        g_autofree char *one = g_strdup_printf ("%s%s%s", words[a], sp, words[b]);
        g_autofree char *three = g_strdup_printf ("%s%s%s%s%s Hà", sp2, words[a], sp, words[b], sp2);
        g_autofree char *four = g_strdup_printf ("%s %s%sThị%s%s", words[a], words[b], sp2, sp, words[a]);

        assert_same_split (words[a]);
        assert_same_split (one);
        assert_same_split (three);
        assert_same_split (four);
      }
  /* every character the split answers without GLib, between words and
   * in one, and the white space it asks GLib about */
  for (gunichar c = 0x80; c < 0x2100; c = (c == 0x7FF ? 0x1E00 : c + 1))
    {
      char u[8] = { 0 };
      g_unichar_to_utf8 (c, u);
      g_autofree char *between = g_strdup_printf ("Ông%sLê%sAn", u, u);
      g_autofree char *inside = g_strdup_printf ("b%s Hà", u);

      assert_same_split (between);
      assert_same_split (inside);
    }
  g_assert_cmpuint (n_names_compared, >, 8000);
}

static void
test_schema (RegFixture *f, gconstpointer data)
{
  g_auto(GStrv) years = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (thidua_store_get_schema_version (f->store), >=, 3);
  years = thidua_register_list_years (f->reg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (years), ==, 0);
}

static void
test_units_tree (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = NULL;
  gint64 phong = thidua_register_add_unit (f->reg, 0, "Phòng Đào tạo", "phòng", &error);
  gint64 khoa = thidua_register_add_unit (f->reg, 0, "Khoa Lý luận cơ sở", "khoa", &error);
  gint64 to = thidua_register_add_unit (f->reg, khoa, "Tổ Triết học", "tổ", &error);
  gint64 again;

  g_assert_no_error (error);
  g_assert_cmpint (phong, >, 0);
  g_assert_cmpint (to, >, 0);

  again = thidua_register_add_unit (f->reg, 0, "KHOA LY LUAN CO SO", "", &error);
  g_assert_cmpint (again, ==, 0);
  g_assert_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_DUPLICATE);
  g_clear_error (&error);
  /* the same name under another parent is another unit */
  g_assert_cmpint (thidua_register_add_unit (f->reg, phong, "Tổ Triết học", "tổ", &error), >, 0);
  g_assert_no_error (error);

  g_assert_cmpint (thidua_register_find_unit (f->reg, "khoa ly luan co so"), ==, khoa);
  g_assert_cmpint (thidua_register_find_unit (f->reg, "Khoa không có"), ==, 0);

  units = thidua_register_list_units (f->reg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 4);
  /* parents before children; "Khoa" sorts before "Phòng" */
  g_assert_cmpint (((ThiduaRegUnit *) units->pdata[0])->id, ==, khoa);
  g_assert_cmpint (((ThiduaRegUnit *) units->pdata[1])->id, ==, to);
  g_assert_cmpint (((ThiduaRegUnit *) units->pdata[2])->id, ==, phong);
  g_assert_cmpint (((ThiduaRegUnit *) units->pdata[3])->parent_id, ==, phong);

  g_assert_true (thidua_register_close_unit (f->reg, to, 2024, &error));
  g_assert_no_error (error);
  g_assert_false (thidua_register_close_unit (f->reg, 9999, 2024, &error));
  g_assert_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND);
}

static void
test_same_title_twice (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaRegistration) r = thidua_registration_new ();
  gint64 khoa = thidua_register_add_unit (f->reg, 0, "Khoa Nhà nước và pháp luật", "khoa", NULL);
  gint64 an = reg_add_person (f, "Nguyễn Văn An", khoa, 1980);
  gint64 first = reg_add (f, "2024", an, "LĐTT");
  g_autoptr(ThiduaRegistration) loaded = NULL;

  g_assert_cmpint (first, >, 0);
  /* another title the same year, and the same title another year: fine */
  reg_add (f, "2024", an, "Giấy khen của Hiệu trưởng");
  reg_add (f, "2023", an, "Lao động tiên tiến");

  g_free (r->year);
  r->year = g_strdup ("2024");
  r->person_id = an;
  g_free (r->title);
  r->title = g_strdup ("lao dong tien tien");
  g_assert_cmpint (thidua_register_add (f->reg, r, &error), ==, 0);
  g_assert_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "Nguyễn Văn An"));
  g_assert_nonnull (strstr (error->message, "Lao động tiên tiến"));
  g_assert_nonnull (strstr (error->message, "2024"));
  g_clear_error (&error);

  /* a collective title for a person, an unknown title */
  g_free (r->title);
  r->title = g_strdup ("TTLĐXS");
  g_assert_cmpint (thidua_register_add (f->reg, r, &error), ==, 0);
  g_assert_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  g_free (r->title);
  r->title = g_strdup ("Huy chương vàng Olympic");
  g_assert_cmpint (thidua_register_add (f->reg, r, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "Huy chương vàng Olympic"));
  g_clear_error (&error);

  /* the unit registers for a collective title, and only once */
  reg_add_full (f, "2024", 0, khoa, "TTLĐXS", NULL, THIDUA_REG_RESULT_PENDING);
  r->person_id = 0;
  r->unit_id = khoa;
  g_free (r->title);
  r->title = g_strdup ("Tập thể lao động xuất sắc");
  g_assert_cmpint (thidua_register_add (f->reg, r, &error), ==, 0);
  g_assert_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "Khoa Nhà nước và pháp luật"));
  g_clear_error (&error);

  /* the stored registration carries the person's unit */
  loaded = thidua_register_load (f->reg, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->unit_id, ==, khoa);
  g_assert_cmpstr (loaded->title, ==, "ldtt");
  g_assert_cmpstr (loaded->person_name, ==, "Nguyễn Văn An");
  g_assert_cmpstr (loaded->unit_name, ==, "Khoa Nhà nước và pháp luật");
  g_assert_cmpint (loaded->status, ==, THIDUA_REG_STATUS_REGISTERED);
  g_assert_cmpint (loaded->result, ==, THIDUA_REG_RESULT_PENDING);

  /* withdraw, record the result, then refuse a change into a duplicate */
  loaded->status = THIDUA_REG_STATUS_WITHDRAWN;
  g_free (loaded->decision);
  loaded->decision = g_strdup ("15/QĐ-TCT");
  g_assert_true (thidua_register_update (f->reg, loaded, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ThiduaRegistration) again = thidua_register_load (f->reg, first, &error);
    g_assert_cmpint (again->status, ==, THIDUA_REG_STATUS_WITHDRAWN);
    g_assert_cmpstr (again->decision, ==, "15/QĐ-TCT");
  }
  g_free (loaded->title);
  loaded->title = g_strdup ("GK");
  g_assert_false (thidua_register_update (f->reg, loaded, &error));
  g_assert_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* re-adding a withdrawn title says what to do instead */
  g_free (r->title);
  r->title = g_strdup ("LĐTT");
  r->person_id = an;
  r->unit_id = 0;
  g_assert_cmpint (thidua_register_add (f->reg, r, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "withdrawn"));
  g_clear_error (&error);

  g_assert_true (thidua_register_remove (f->reg, first, &error));
  g_assert_no_error (error);
  g_assert_false (thidua_register_remove (f->reg, first, &error));
  g_assert_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND);
}

static void
test_query (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 khoa = thidua_register_add_unit (f->reg, 0, "Khoa Lý luận cơ sở", "khoa", NULL);
  gint64 to = thidua_register_add_unit (f->reg, khoa, "Tổ Triết học", "tổ", NULL);
  gint64 phong = thidua_register_add_unit (f->reg, 0, "Phòng Đào tạo", "phòng", NULL);
  const char *names[] = { "Trần Văn Đạt", "Nguyễn Thị Ánh", "Lê Văn Dũng", "Phạm Thị An", "Đỗ Minh Ân" };
  gint64 ids[G_N_ELEMENTS (names)];
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *nfd = g_utf8_normalize ("Nguyễn Thị", -1, G_NORMALIZE_NFD);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      ids[i] = reg_add_person (f, names[i], i < 2 ? to : phong, 0);
      reg_add (f, "2024", ids[i], "LĐTT");
    }
  reg_add (f, "2024", ids[1], "CSTĐCS");
  reg_add_full (f, "2024", 0, khoa, "TTLĐTT", NULL, THIDUA_REG_RESULT_PENDING);
  reg_add (f, "2023", ids[0], "LĐTT");

  q.year = "2024";
  q.sort = THIDUA_REG_SORT_NAME;
  rows = thidua_register_query (f->reg, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 7);
  /* by given name in Vietnamese order (letters before tones): An < Ánh <
   * Ân < Dũng < Đạt; a person's titles in catalog order; the collective last */
  g_assert_cmpstr (((ThiduaRegistration *) rows->pdata[0])->person_name, ==, "Phạm Thị An");
  g_assert_cmpstr (((ThiduaRegistration *) rows->pdata[1])->person_name, ==, "Nguyễn Thị Ánh");
  g_assert_cmpstr (((ThiduaRegistration *) rows->pdata[1])->title, ==, "ldtt");
  g_assert_cmpstr (((ThiduaRegistration *) rows->pdata[2])->person_name, ==, "Nguyễn Thị Ánh");
  g_assert_cmpstr (((ThiduaRegistration *) rows->pdata[2])->title, ==, "cstdcs");
  g_assert_cmpstr (((ThiduaRegistration *) rows->pdata[3])->person_name, ==, "Đỗ Minh Ân");
  g_assert_cmpstr (((ThiduaRegistration *) rows->pdata[4])->person_name, ==, "Lê Văn Dũng");
  g_assert_cmpstr (((ThiduaRegistration *) rows->pdata[5])->person_name, ==, "Trần Văn Đạt");
  g_assert_cmpint (((ThiduaRegistration *) rows->pdata[6])->person_id, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* diacritics-insensitive search, decomposed input */
  q.search = nfd;
  rows = thidua_register_query (f->reg, &q, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);
  q.search = "dat";
  rows = thidua_register_query (f->reg, &q, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((ThiduaRegistration *) rows->pdata[0])->person_name, ==, "Trần Văn Đạt");
  g_clear_pointer (&rows, g_ptr_array_unref);
  q.search = NULL;

  /* a unit includes the units inside it; the unit's own row comes first */
  q.unit = "khoa ly luan co so";
  q.sort = THIDUA_REG_SORT_UNIT;
  rows = thidua_register_query (f->reg, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpint (((ThiduaRegistration *) rows->pdata[0])->person_id, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  q.unit = NULL;
  q.title = "CSTĐCS";
  rows = thidua_register_query (f->reg, &q, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  q.title = "Giải Nobel";
  rows = thidua_register_query (f->reg, &q, &error);
  g_assert_null (rows);
  g_assert_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  q.title = NULL;
  q.unit = "Khoa không có";
  rows = thidua_register_query (f->reg, &q, &error);
  g_assert_null (rows);
  g_assert_nonnull (strstr (error->message, "Khoa không có"));
  g_clear_error (&error);
  q.unit = NULL;

  q.year = "2022";
  rows = thidua_register_query (f->reg, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
}

/* Keys written by another folding (an older Thi Đua) are recomputed on
 * the next open: search and sorting find people again. */
static void
test_text_keys_refreshed (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
  g_autoptr(GPtrArray) found = NULL;
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  gint64 unit = thidua_register_add_unit (f->reg, 0, "Khoa Đào tạo", "khoa", &error);
  gint64 person;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  person = reg_add_person (f, "Nguyễn Thị Đào", unit, 1980);
  reg_add (f, "2024", person, "LĐTT");
  thidua_plan_set_subject (plan, "Phong trào thi đua Đổi mới");
  g_assert_cmpint (thidua_store_insert_plan (f->store, plan, &error), >, 0);

  /* what an older folding might have left */
  db = thidua_store_get_db (f->store);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE people SET name_key = 'stale', sort_key = 'stale';"
                                     "UPDATE units SET name_key = 'stale', sort_key = 'stale';"
                                     "UPDATE plans SET search_key = 'stale';"
                                     "UPDATE text_keys SET version = 0", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&f->reg);
  g_clear_object (&f->store);

  f->store = thidua_store_open (f->db_path, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_assert_no_error (error);
  f->reg = thidua_register_new (f->store, f->catalog);
  db = thidua_store_get_db (f->store);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT version FROM text_keys", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, THIDUA_TEXT_KEY_VERSION);
  sqlite3_finalize (stmt);

  /* the person by a search without diacritics, the unit by name, the plan by its subject */
  q.year = "2024";
  q.search = "nguyen thi dao";
  found = thidua_register_query (f->reg, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (thidua_register_find_unit (f->reg, "khoa dao tao"), ==, unit);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = thidua_store_list_plans (f->store, "doi moi", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FROM people WHERE sort_key = 'stale' OR name_key = 'stale'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
}

static void
count_changed (ThiduaRegister *reg, guint *n)
{
  (*n)++;
}

/* One "changed" per committed edit; nothing for a refusal. */
static void
test_changed (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaRegistration) r = thidua_registration_new ();
  g_autoptr(ThiduaRegistration) dup = NULL;
  g_autoptr(ThiduaRegistration) old = NULL;
  g_autoptr(GPtrArray) before = NULL;
  guint n = 0;
  gint64 ids[2];

  g_signal_connect (f->reg, "changed", G_CALLBACK (count_changed), &n);
  g_free (r->year); r->year = g_strdup ("2024");
  g_free (r->title); r->title = g_strdup ("LĐTT");
  dup = thidua_registration_copy (r);
  ids[0] = thidua_register_add_by_name (f->reg, r, "Lê Thị Mai", "Giáo viên", "Tổ Toán", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  /* the same title again: refused, nothing announced */
  g_assert_cmpint (thidua_register_add_by_name (f->reg, dup, "Lê Thị Mai", NULL, "Tổ Toán", &error), ==, 0);
  g_assert_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpuint (n, ==, 1);
  g_clear_pointer (&dup, thidua_registration_free);
  dup = thidua_registration_new ();
  g_free (dup->year); dup->year = g_strdup ("2024");
  g_free (dup->title); dup->title = g_strdup ("CSTĐCS");
  ids[1] = thidua_register_add_by_name (f->reg, dup, "Lê Thị Mai", NULL, "Tổ Toán", &error);
  g_assert_no_error (error);
  g_assert_cmpint (dup->person_id, ==, r->person_id);
  g_assert_cmpuint (n, ==, 2);

  /* bulk results, then undo them with the rows handed back */
  g_assert_true (thidua_register_set_results (f->reg, ids, 2, THIDUA_REG_RESULT_ACHIEVED,
                                              "25/QĐ-UBND", &before, &error));
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (before->len, ==, 2);
  g_assert_cmpint (((ThiduaRegistration *) before->pdata[0])->result, ==, THIDUA_REG_RESULT_PENDING);
  {
    g_autoptr(ThiduaRegistration) now = thidua_register_load (f->reg, ids[1], &error);
    g_assert_cmpint (now->result, ==, THIDUA_REG_RESULT_ACHIEVED);
    g_assert_cmpstr (now->decision, ==, "25/QĐ-UBND");
  }
  g_assert_true (thidua_register_update_many (f->reg, before, &error));
  {
    g_autoptr(ThiduaRegistration) now = thidua_register_load (f->reg, ids[1], &error);
    g_assert_cmpint (now->result, ==, THIDUA_REG_RESULT_PENDING);
    g_assert_cmpstr (now->decision, ==, "");
  }
  /* an unknown id among them: nothing changes */
  {
    gint64 bad[2] = { ids[0], 9999 };
    g_autoptr(ThiduaRegistration) now = NULL;
    g_assert_false (thidua_register_set_results (f->reg, bad, 2, THIDUA_REG_RESULT_ACHIEVED, "1/QĐ", NULL, &error));
    g_assert_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND);
    g_clear_error (&error);
    now = thidua_register_load (f->reg, ids[0], &error);
    g_assert_cmpint (now->result, ==, THIDUA_REG_RESULT_PENDING);
  }

  /* delete, then restore under the same id */
  g_assert_true (thidua_register_delete (f->reg, ids[1], &old, &error));
  g_assert_null (thidua_register_load (f->reg, ids[1], NULL));
  g_assert_true (thidua_register_restore (f->reg, old, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ThiduaRegistration) back = thidua_register_load (f->reg, ids[1], &error);
    g_assert_nonnull (back);
    g_assert_cmpstr (back->title, ==, "cstdcs");
    g_assert_cmpint (back->person_id, ==, r->person_id);
  }
  g_clear_pointer (&old, thidua_registration_free);
  g_assert_true (thidua_register_set_status (f->reg, ids[0], THIDUA_REG_STATUS_WITHDRAWN, &old, &error));
  g_assert_cmpint (old->status, ==, THIDUA_REG_STATUS_REGISTERED);
}

/* The enums are GTypes; their nicks are the strings of the database and
 * the CLI, unchanged. */
static void
test_enum_strings (void)
{
  ThiduaRegResult r;
  ThiduaRegStatus st;

  g_assert_true (G_TYPE_IS_ENUM (THIDUA_TYPE_REG_RESULT));
  g_assert_true (G_TYPE_IS_FLAGS (THIDUA_TYPE_STORE_CHANGE));
  g_assert_cmpstr (thidua_reg_result_to_string (THIDUA_REG_RESULT_PENDING), ==, "pending");
  g_assert_cmpstr (thidua_reg_result_to_string (THIDUA_REG_RESULT_ACHIEVED), ==, "achieved");
  g_assert_cmpstr (thidua_reg_result_to_string (THIDUA_REG_RESULT_NOT_ACHIEVED), ==, "not-achieved");
  g_assert_cmpstr (thidua_reg_status_to_string (THIDUA_REG_STATUS_REGISTERED), ==, "registered");
  g_assert_cmpstr (thidua_reg_status_to_string (THIDUA_REG_STATUS_WITHDRAWN), ==, "withdrawn");
  g_assert_true (thidua_reg_result_from_string ("not-achieved", &r));
  g_assert_cmpint (r, ==, THIDUA_REG_RESULT_NOT_ACHIEVED);
  g_assert_true (thidua_reg_status_from_string ("withdrawn", &st));
  g_assert_cmpint (st, ==, THIDUA_REG_STATUS_WITHDRAWN);
  g_assert_false (thidua_reg_result_from_string ("đạt", &r));
  g_assert_false (thidua_reg_result_from_string (NULL, &r));
  g_assert_false (thidua_reg_status_from_string ("THIDUA_REG_STATUS_WITHDRAWN", &st));
  g_assert_cmpstr (thidua_store_change_to_string (THIDUA_STORE_CHANGE_REGISTER), ==, "register");
  g_assert_null (thidua_store_change_to_string (THIDUA_STORE_CHANGE_PLANS | THIDUA_STORE_CHANGE_OFFICE));
}

/* A unit whose parent is gone (a file edited with foreign keys off) is
 * still listed, after the tree, and not leaked (LeakSanitizer). */
static void
test_units_broken_chain (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = NULL;
  sqlite3 *db = thidua_store_get_db (f->store);
  gint64 khoa = thidua_register_add_unit (f->reg, 0, "Khoa Lý luận cơ sở", "khoa", &error);
  gint64 to = thidua_register_add_unit (f->reg, khoa, "Tổ Triết học", "tổ", &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys=OFF", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE units SET parent_id = 9999 WHERE id = %"
                                            G_GINT64_FORMAT, to);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  units = thidua_register_list_units (f->reg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 2);
  g_assert_cmpint (((ThiduaRegUnit *) units->pdata[0])->id, ==, khoa);
  g_assert_cmpint (((ThiduaRegUnit *) units->pdata[1])->id, ==, to);
}

/* The batch is core API: a row with no name or a title the catalog lacks
 * is refused with a reason, not a crash. */
static void
test_batch_refuses_bad_rows (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaRegisterBatch) b = thidua_register_batch_new (f->reg, "2025", FALSE, &error);
  const char *ldtt[] = { "ldtt" };
  const char *bogus[] = { "no-such-title" };
  ThiduaRegisterBatchRow row = { .row = 2, .collective = TRUE, .name = NULL,
                                 .titles = ldtt, .n_titles = 1 };
  g_autofree char *r1 = NULL;
  g_autofree char *r2 = NULL;
  g_autofree char *r3 = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (thidua_catalog_lookup (f->catalog, "ldtt"));
  g_assert_false (thidua_register_batch_add (b, &row, &r1));
  g_assert_nonnull (r1);
  row.collective = FALSE;
  row.name = "";
  g_assert_false (thidua_register_batch_add (b, &row, &r2));
  g_assert_nonnull (r2);
  row.name = "Ông Nguyễn Văn An";
  row.titles = bogus;
  g_assert_false (thidua_register_batch_add (b, &row, &r3));
  g_assert_nonnull (strstr (r3, "no-such-title"));
  g_assert_cmpuint (thidua_register_batch_get_n_rows (b), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/register/store/year-parse", test_year_parse);
  g_test_add_func ("/register/store/enum-strings", test_enum_strings);
  g_test_add_func ("/register/store/person-names", test_person_names);
  g_test_add_func ("/register/store/person-names-identical", test_person_names_identical);
#define ADD(path, func) \
  g_test_add (path, RegFixture, NULL, reg_fixture_set_up, func, reg_fixture_tear_down)
  ADD ("/register/store/schema", test_schema);
  ADD ("/register/store/changed-and-undo", test_changed);
  ADD ("/register/store/units-tree", test_units_tree);
  ADD ("/register/store/units-broken-chain", test_units_broken_chain);
  ADD ("/register/store/batch-refuses-bad-rows", test_batch_refuses_bad_rows);
  ADD ("/register/store/same-title-twice", test_same_title_twice);
  ADD ("/register/store/query", test_query);
  ADD ("/register/store/text-keys-refreshed", test_text_keys_refreshed);
  return g_test_run ();
}
