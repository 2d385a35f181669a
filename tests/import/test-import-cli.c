/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import-cli.c — `thidua-cli import-text` end to end, through the real
 * executable: the five seeds field by field, the seeds re-encoded, header
 * layouts, and input that is no plan or no text at all. */
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "import-test-util.h"
#include "../thidua-test-tmp.h"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = thidua_test_tmpdir_new ("thidua-import");
  f->db = g_build_filename (f->dir, "test.db", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  thidua_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* Runs thidua-cli --db DB ARGS…; returns the exit status. */
static int
run_cli (Fixture *f, char **out, char **err, ...)
{
  const char *cli = g_getenv ("THIDUA_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sout = NULL;
  g_autofree char *serr = NULL;
  int status = 0;
  const char *arg;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, f->db);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &sout, &serr, &status, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&sout);
  if (err != NULL)
    *err = g_steal_pointer (&serr);
  if (g_spawn_check_wait_status (status, &error))
    return 0;
  if (error->domain == G_SPAWN_EXIT_ERROR)
    return error->code;
  return -1;
}

static char *
write_file (Fixture *f, const char *name, const void *data, gsize len)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

/* Imports path (with extra options); returns the new id. */
static gint64
import_ok (Fixture *f, const char *path, const char *opt1, const char *opt2)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_cli (f, &out, &err, "import-text", path, opt1, opt2, NULL);
  gint64 id;

  if (status != 0)
    g_error ("import-text %s failed (%d): %s", path, status, err);
  g_assert_true (g_str_has_suffix (out, "\n"));
  id = g_ascii_strtoll (out, NULL, 10);
  g_assert_cmpint (id, >, 0);
  return id;
}

static JsonObject *
show (Fixture *f, gint64 id)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *ids = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_cli (f, &out, &err, "show", ids, "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static guint
count_plans (Fixture *f)
{
  g_autofree char *out = NULL;
  guint n = 0;

  g_assert_cmpint (run_cli (f, &out, NULL, "list", NULL), ==, 0);
  for (const char *p = out; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static const char *
str (JsonObject *o, const char *member)
{
  return json_object_get_string_member (o, member);
}

static gint64
date_part (JsonObject *o, const char *part)
{
  JsonObject *date = json_object_get_object_member (o, "date");
  JsonNode *n = json_object_get_member (date, part);

  return json_node_is_null (n) ? 0 : json_node_get_int (n);
}

/* --- the seeds, as a person reads them ----------------------------------- */

typedef struct {
  const char *prefix;
  const char *profile;
  const char *superior_body, *issuing_body, *number, *symbol, *place;
  guint day, month, year;
  const char *subject;
  const char *headings[8];     /* Roman-numeral headings, "I. TITLE" */
  const char *recipients[8];
  const char *authority, *on_behalf_of, *position, *name;
  const char *body_starts, *body_ends;
} SeedExpect;

static const SeedExpect seeds[] = {
  { "000_", "state",   /* header lost in extraction: nothing says Party */
    "", "", "", "", "Lai Châu", 29, 10, 2021,
    "Phát động phong trào thi đua đặc biệt “Trường Chính trị đoàn kết, chung sức, đồng lòng "
    "thi đua phòng, chống và chiến thắng đại dịch Covid-19”",
    { "I. MỤC ĐÍCH, YÊU CẦU", "II. PHẠM VI, ĐỐI TƯỢNG, CHỦ ĐỀ VÀ NỘI DUNG THI ĐUA",
      "III. MỤC TIÊU", "IV. THỜI GIAN THỰC HIỆN", "V. TỔ CHỨC THỰC HIỆN" },
    { "Ban TĐKT tỉnh,", "Khối trường Khối TĐ Văn hóa-Xã hội,", "Lãnh đạo Trường,",
      "Các khoa, phòng,", "Trang Website Trường,", "Lưu: VT, TĐKT." },
    "", "", "HIỆU TRƯỞNG", "Nguyễn Tiến Tăng",
    "I. MỤC ĐÍCH, YÊU CẦU", "hoàn thành xuất sắc các nhiệm vụ được giao." },
  { "001_", "party",
    "TỈNH ỦY BÌNH PHƯỚC", "TRƯỜNG CHÍNH TRỊ", "", "KH/TCT", "Bình Phước", 0, 9, 2021,
    "phát động phong trào thi đua đặc biệt “Toàn dân đoàn kết, chung sức, đồng lòng thi đua "
    "phòng, chống và chiến thắng đại dịch Covid-19”",
    { "I. MỤC ĐÍCH, YÊU CẦU", "II. PHẠM VI, ĐỐI TƯỢNG VÀ NỘI DUNG THI ĐUA",
      "III. TỔ CHỨC THỰC HIỆN" },
    { NULL },
    "", "", "", "",
    "I. MỤC ĐÍCH, YÊU CẦU", "các nhiệm vụ được giao." },
  { "002_", "party",   /* from the Party number style */
    "", "", "100", "KH/TCT", "Lai Châu", 2, 3, 2022,
    "Triển khai phong trào thi đua năm 2022 \"Trọng tâm - Trách nhiệm - Kỷ cương - Nêu gương - "
    "Sáng tạo\"",
    { "I. MỤC ĐÍCH, YÊU CẦU", "II. CHỦ ĐỀ, NỘI DUNG, CHỈ TIÊU", "III. TỔ CHỨC THỰC HIỆN" },
    { "Học viện CTQG HCM,", "Vụ các trường chính trị,",
      "Trang thông tin điện tử Trường Chính trị,", "Các khoa, phòng,", "Lưu: VT, TĐKT." },
    "", "", "", "Vũ Văn An",
    "Căn cứ Hướng dẫn số 30-HD/HVCTQG", "để được hướng dẫn kịp thời." },
  { "003_", "state",
    "", "", "", "", "", 0, 0, 0,
    "Triển khai Phong trào thi đua đặc biệt “Cả nước đoàn kết, chung sức, đồng lòng thi đua "
    "phòng, chống và chiến thắng đại dịch Covid-19”",
    { "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG PHONG TRÀO THI ĐUA", "III. GIẢI PHÁP THỰC HIỆN",
      "IV. TIÊU CHÍ THI ĐUA", "V. KHEN THƯỞNG", "IV. TỔ CHỨC THỰC HIỆN" },
    { "UBND huyện;", "Sở GD&ĐT;", "Các trường học trong toàn huyện;", "Lưu: VT." },
    "", "", "", "",
    "Thực hiện Kế hoạch số 133/KH-UBND", "phối hợp xử lý./." },
  { "004_", "union",   /* TM. BAN THƯỜNG VỤ of the LĐLĐ */
    "", "", "", "", "Lai Châu", 17, 12, 2021,
    "Triển khai phong trào thi đua đặc biệt “Lai Châu đoàn kết, chung sức, đồng lòng thi đua "
    "phòng, chống và chiến thắng đại dịch Covid-19”",
    { "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG, THỜI GIAN PHONG TRÀO THI ĐUA",
      "III. GIẢI PHÁP THỰC HIỆN", "IV. TỔ CHỨC THỰC HIỆN" },
    { "UBND tỉnh; (B/c)", "Đoàn Chủ tịch TLĐ; (B/c)", "Ban TĐKT tỉnh;",
      "Thường trực LĐLĐ tỉnh; (để chỉ đạo)", "LĐLĐ các huyện, TP, CDN, CĐVC;",
      "Các Ban LĐLĐ tỉnh;", "Lưu: VT, CSPL&QHLD." },
    "TM.", "BAN THƯỜNG VỤ", "CHỦ TỊCH", "Nguyễn Thị Thiện",
    "Thực hiện Kế hoạch số 4049/KH – UBND", "bổ sung kịp thời." },
};

static const SeedExpect *
seed_expect (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    if (g_str_has_prefix (base, seeds[i].prefix))
      return &seeds[i];
  g_error ("no expectations for seed %s", base);
}

static char *
collapse_spaces (const char *s)
{
  g_autoptr(GRegex) re = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *c = g_regex_replace_literal (re, s, -1, 0, " ", 0, NULL);

  return g_strstrip (g_strdup (c));
}

/* Every piece of text in the seed is somewhere in the plan: nothing lost. */
static void
assert_nothing_lost (const char *seed_text, JsonObject *plan)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (seed_text, "\n", -1);
  g_autofree char *all_collapsed = NULL;
  JsonArray *recipients = json_object_get_array_member (plan, "recipients");
  JsonObject *signer = json_object_get_object_member (plan, "signer");
  const char *fields[] = { "superior_body", "issuing_body", "type_name", "subject", "body" };
  const char *signer_fields[] = { "authority", "on_behalf_of", "position", "name" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_string_append_printf (all, "%s\n", str (plan, fields[i]));
  for (guint i = 0; i < json_array_get_length (recipients); i++)
    g_string_append_printf (all, "%s\n", json_array_get_string_element (recipients, i));
  for (guint i = 0; i < G_N_ELEMENTS (signer_fields); i++)
    g_string_append_printf (all, "%s\n", json_object_get_string_member (signer, signer_fields[i]));
  all_collapsed = collapse_spaces (all->str);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], "\t", -1);

      for (guint c = 0; cells[c] != NULL; c++)
        {
          g_autofree char *cell = collapse_spaces (cells[c]);
          const char *text = cell;

          /* header pieces parsed into fields, markers and separators */
          if (*text == '\0' || strcmp (text, "*") == 0 || g_str_has_prefix (text, "-----")
              || strstr (text, ", ngày") != NULL || g_str_has_prefix (text, "Số")
              || strstr (text, "CỘNG SẢN VIỆT NAM") != NULL
              || g_str_has_prefix (text, "Nơi nh"))
            continue;
          if (g_str_has_prefix (text, "- "))
            text += 2;
          {
            g_autofree char *plain = g_strdup (text);
            char *p = plain;

            /* ** around signature lines are layout */
            while (*p == '*')
              p++;
            while (*p != '\0' && p[strlen (p) - 1] == '*')
              p[strlen (p) - 1] = '\0';
            if (*p == '\0')
              continue;
            if (strstr (all_collapsed, p) == NULL)
              g_error ("seed line %u “%s” is nowhere in the imported plan", i + 1, p);
          }
        }
    }
}

static void
assert_seed (const SeedExpect *e, JsonObject *plan, const char *seed_text)
{
  JsonArray *outline = json_object_get_array_member (plan, "outline");
  JsonArray *recipients = json_object_get_array_member (plan, "recipients");
  JsonObject *signer = json_object_get_object_member (plan, "signer");
  const char *body = str (plan, "body");
  guint n_headings = 0, n_recipients = 0;

  g_assert_cmpstr (str (plan, "profile"), ==, e->profile);
  g_assert_cmpstr (str (plan, "superior_body"), ==, e->superior_body);
  g_assert_cmpstr (str (plan, "issuing_body"), ==, e->issuing_body);
  g_assert_cmpstr (str (plan, "number"), ==, e->number);
  g_assert_cmpstr (str (plan, "symbol"), ==, e->symbol);
  g_assert_cmpstr (str (plan, "place"), ==, e->place);
  g_assert_cmpint (date_part (plan, "day"), ==, e->day);
  g_assert_cmpint (date_part (plan, "month"), ==, e->month);
  g_assert_cmpint (date_part (plan, "year"), ==, e->year);
  g_assert_cmpstr (str (plan, "type_name"), ==, "KẾ HOẠCH");
  g_assert_cmpstr (str (plan, "subject"), ==, e->subject);

  for (guint i = 0; i < json_array_get_length (outline); i++)
    {
      JsonObject *h = json_array_get_object_element (outline, i);
      g_autofree char *heading = NULL;

      if (json_object_get_int_member (h, "level") != 1)
        continue;
      heading = g_strdup_printf ("%s %s", json_object_get_string_member (h, "label"),
                                 json_object_get_string_member (h, "title"));
      g_assert_nonnull (e->headings[n_headings]);
      g_assert_cmpstr (heading, ==, e->headings[n_headings]);
      n_headings++;
    }
  g_assert_null (e->headings[n_headings]);

  for (; e->recipients[n_recipients] != NULL; n_recipients++)
    g_assert_cmpstr (json_array_get_string_element (recipients, n_recipients), ==,
                     e->recipients[n_recipients]);
  g_assert_cmpuint (json_array_get_length (recipients), ==, n_recipients);

  g_assert_cmpstr (json_object_get_string_member (signer, "authority"), ==, e->authority);
  g_assert_cmpstr (json_object_get_string_member (signer, "on_behalf_of"), ==, e->on_behalf_of);
  g_assert_cmpstr (json_object_get_string_member (signer, "position"), ==, e->position);
  g_assert_cmpstr (json_object_get_string_member (signer, "name"), ==, e->name);

  g_assert_true (g_str_has_prefix (body, e->body_starts));
  g_assert_true (g_str_has_suffix (body, e->body_ends));
  g_assert_null (strstr (body, "Nơi nh"));
  g_assert_null (strstr (body, "KẾ HOẠCH"));
  assert_nothing_lost (seed_text, plan);
}

static void
test_seeds (Fixture *f, gconstpointer data)
{
  g_auto(GStrv) paths = itest_seed_paths ();

  g_assert_cmpuint (g_strv_length (paths), ==, G_N_ELEMENTS (seeds));
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(JsonObject) plan = NULL;

      g_test_message ("seed %s", paths[i]);
      g_assert_true (g_file_get_contents (paths[i], &text, NULL, NULL));
      plan = show (f, import_ok (f, paths[i], NULL, NULL));
      assert_seed (seed_expect (paths[i]), plan, text);
    }
}

/* --- the seeds re-encoded ------------------------------------------------- */

static gboolean
members_equal (JsonNode *a, JsonNode *b, gboolean tcvn3)
{
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;
  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *oa = json_node_get_object (a), *ob = json_node_get_object (b);
        g_autoptr(GList) members = json_object_get_members (oa);

        if (json_object_get_size (oa) != json_object_get_size (ob))
          return FALSE;
        for (GList *l = members; l != NULL; l = l->next)
          {
            if (strcmp (l->data, "id") == 0)
              continue;
            if (!json_object_has_member (ob, l->data)
                || !members_equal (json_object_get_member (oa, l->data),
                                   json_object_get_member (ob, l->data), tcvn3))
              {
                g_test_message ("member “%s” differs", (char *) l->data);
                return FALSE;
              }
          }
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *aa = json_node_get_array (a), *ab = json_node_get_array (b);

        if (json_array_get_length (aa) != json_array_get_length (ab))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (aa); i++)
          if (!members_equal (json_array_get_element (aa, i), json_array_get_element (ab, i), tcvn3))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (a) == G_TYPE_STRING)
        {
          const char *sa = json_node_get_string (a), *sb = json_node_get_string (b);

          if (tcvn3 ? itest_tcvn3_equal (sa, sb) : strcmp (sa, sb) == 0)
            return TRUE;
          g_test_message ("“%.200s” ≠ “%.200s”", sa, sb);
          return FALSE;
        }
      return json_node_get_int (a) == json_node_get_int (b);
    default:
      return TRUE;
    }
}

static void
test_encodings (Fixture *f, gconstpointer data)
{
  static const struct { const char *encoding, *cli_name; } encodings[] = {
    { "nfd", "utf-8" },
    { "utf-16le-bom", "utf-16" },
    { "utf-16be", "utf-16" },
    { "tcvn3", "tcvn3" },
    { "vni", "vni" },
    { "cp1258", "cp1258" },
    { "tcvn3-as-latin1", NULL },
  };
  g_auto(GStrv) paths = itest_seed_paths ();

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(JsonObject) reference = NULL;
      g_autoptr(JsonNode) ref_node = json_node_new (JSON_NODE_OBJECT);

      g_assert_true (g_file_get_contents (paths[i], &text, NULL, NULL));
      reference = show (f, import_ok (f, paths[i], NULL, NULL));
      json_node_set_object (ref_node, reference);

      for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
        {
          g_autoptr(GBytes) bytes = itest_encode (text, encodings[e].encoding);
          g_autofree char *name = g_strdup_printf ("seed%u.%s.txt", i, encodings[e].encoding);
          gsize len;
          const void *raw = g_bytes_get_data (bytes, &len);
          g_autofree char *path = write_file (f, name, raw, len);
          gboolean tcvn3 = g_str_has_prefix (encodings[e].encoding, "tcvn3");
          g_autofree char *forced = encodings[e].cli_name != NULL
                                    ? g_strdup_printf ("--encoding=%s", encodings[e].cli_name) : NULL;

          g_test_message ("seed %s as %s", paths[i], encodings[e].encoding);
          for (guint pass = 0; pass < (forced != NULL ? 2 : 1); pass++)
            {
              g_autoptr(JsonObject) plan = show (f, import_ok (f, path, pass ? forced : NULL, NULL));
              g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

              json_node_set_object (node, plan);
              if (!members_equal (ref_node, node, tcvn3))
                g_error ("seed %s as %s%s does not import to the same plan", paths[i],
                         encodings[e].encoding, pass ? " (forced)" : " (detected)");
              /* Capitals stay exact even in TCVN3: they are restored. */
              g_assert_cmpstr (str (plan, "superior_body"), ==, str (reference, "superior_body"));
              g_assert_cmpstr (str (plan, "type_name"), ==, "KẾ HOẠCH");
              g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (plan, "signer"), "position"),
                               ==, json_object_get_string_member (json_object_get_object_member (reference, "signer"), "position"));
            }
        }
    }
}

/* --- header layouts -------------------------------------------------------- */

static const char plan_tail[] =
  "KẾ HOẠCH\n"
  "Tổ chức phong trào thi đua năm 2024\n"
  "\n"
  "I. MỤC ĐÍCH, YÊU CẦU\n"
  "1. Mục đích\n"
  "Động viên cán bộ, công chức hoàn thành nhiệm vụ.\n"
  "II. TỔ CHỨC THỰC HIỆN\n"
  "Các phòng triển khai thực hiện./.\n"
  "\n"
  "Nơi nhận:\n"
  "- UBND tỉnh (b/c);\n"
  "- Lưu: VT, VP.\n"
  "\n"
  "KT. GIÁM ĐỐC\n"
  "PHÓ GIÁM ĐỐC\n"
  "\n"
  "\n"
  "Lò Văn Thắng\n";

static void
assert_state_header (Fixture *f, const char *header, const char *name)
{
  g_autofree char *text = g_strconcat (header, "\n", plan_tail, NULL);
  g_autofree char *path = write_file (f, name, text, strlen (text));
  g_autoptr(JsonObject) plan = show (f, import_ok (f, path, NULL, NULL));
  JsonObject *signer = json_object_get_object_member (plan, "signer");
  JsonArray *outline = json_object_get_array_member (plan, "outline");

  g_test_message ("header layout %s", name);
  g_assert_cmpstr (str (plan, "profile"), ==, "state");
  g_assert_cmpstr (str (plan, "superior_body"), ==, "UBND TỈNH ĐIỆN BIÊN");
  g_assert_cmpstr (str (plan, "issuing_body"), ==, "SỞ Y TẾ");
  g_assert_cmpstr (str (plan, "number"), ==, "215");
  g_assert_cmpstr (str (plan, "symbol"), ==, "KH-SYT");
  g_assert_cmpstr (str (plan, "place"), ==, "Điện Biên");
  g_assert_cmpint (date_part (plan, "day"), ==, 8);
  g_assert_cmpint (date_part (plan, "month"), ==, 2);
  g_assert_cmpint (date_part (plan, "year"), ==, 2024);
  g_assert_cmpstr (str (plan, "subject"), ==, "Tổ chức phong trào thi đua năm 2024");
  g_assert_true (g_str_has_prefix (str (plan, "body"), "I. MỤC ĐÍCH, YÊU CẦU\n"));
  g_assert_cmpuint (json_array_get_length (outline), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (signer, "authority"), ==, "KT.");
  g_assert_cmpstr (json_object_get_string_member (signer, "on_behalf_of"), ==, "GIÁM ĐỐC");
  g_assert_cmpstr (json_object_get_string_member (signer, "position"), ==, "PHÓ GIÁM ĐỐC");
  g_assert_cmpstr (json_object_get_string_member (signer, "name"), ==, "Lò Văn Thắng");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "recipients")), ==, 2);
}

static void
test_header_orders (Fixture *f, gconstpointer data)
{
  /* left column, then the right one */
  assert_state_header (f,
    "UBND TỈNH ĐIỆN BIÊN\n"
    "SỞ Y TẾ\n"
    "-------\n"
    "Số: 215/KH-SYT\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n"
    "---------------\n"
    "Điện Biên, ngày 08 tháng 02 năm 2024\n", "sequential.txt");
  /* right column first */
  assert_state_header (f,
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n"
    "Điện Biên, ngày 08 tháng 02 năm 2024\n"
    "UBND TỈNH ĐIỆN BIÊN\n"
    "SỞ Y TẾ\n"
    "Số: 215/KH-SYT\n", "right-first.txt");
  /* interleaved line by line, as PDF extraction leaves it */
  assert_state_header (f,
    "UBND TỈNH ĐIỆN BIÊN\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "SỞ Y TẾ\n"
    "Độc lập – Tự do – Hạnh phúc\n"
    "Số: 215/KH-SYT\n"
    "Điện Biên, ngày 08 tháng 02 năm 2024\n", "interleaved.txt");
  /* side by side, tab-separated (a Word table copied as text) */
  assert_state_header (f,
    "UBND TỈNH ĐIỆN BIÊN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "SỞ Y TẾ\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 215/KH-SYT\tĐiện Biên, ngày 08 tháng 02 năm 2024\n", "tabs.txt");
  /* side by side with spaces */
  assert_state_header (f,
    "    UBND TỈNH ĐIỆN BIÊN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "          SỞ Y TẾ                    Độc lập - Tự do - Hạnh phúc\n"
    "     Số: 215/KH-SYT            Điện Biên, ngày 08 tháng 02 năm 2024\n", "spaces.txt");
}

static void
test_union_header (Fixture *f, gconstpointer data)
{
  const char *text =
    "TỔNG LĐLĐ VIỆT NAM\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "LĐLĐ TỈNH LAI CHÂU\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 123/KH-LĐLĐ\tLai Châu, ngày 05 tháng 01 năm 2024\n"
    "\n"
    "KẾ HOẠCH\n"
    "Tổ chức phong trào thi đua năm 2024\n"
    "\n"
    "I. MỤC ĐÍCH\n"
    "Thi đua lao động giỏi.\n";
  g_autofree char *path = write_file (f, "union.txt", text, strlen (text));
  g_autoptr(JsonObject) plan = show (f, import_ok (f, path, NULL, NULL));
  g_autoptr(JsonObject) forced = show (f, import_ok (f, path, "--profile", "state"));

  g_assert_cmpstr (str (plan, "profile"), ==, "union");
  g_assert_cmpstr (str (plan, "superior_body"), ==, "TỔNG LĐLĐ VIỆT NAM");
  g_assert_cmpstr (str (plan, "issuing_body"), ==, "LĐLĐ TỈNH LAI CHÂU");
  g_assert_cmpstr (str (plan, "symbol"), ==, "KH-LĐLĐ");
  g_assert_cmpstr (str (forced, "profile"), ==, "state");
  g_assert_cmpstr (str (forced, "issuing_body"), ==, "LĐLĐ TỈNH LAI CHÂU");
}

static void
test_no_header_no_signature (Fixture *f, gconstpointer data)
{
  const char *text =
    "KẾ HOẠCH\n"
    "Tổ chức phong trào thi đua năm 2024\n"
    "\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "Thi đua hoàn thành nhiệm vụ.\n"
    "II. TỔ CHỨC THỰC HIỆN\n"
    "Các khoa triển khai thực hiện.\n";
  g_autofree char *path = write_file (f, "bare.txt", text, strlen (text));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) plan = NULL;
  JsonObject *signer;

  g_assert_cmpint (run_cli (f, &out, &err, "import-text", path, NULL), ==, 0);
  plan = show (f, g_ascii_strtoll (out, NULL, 10));
  signer = json_object_get_object_member (plan, "signer");
  g_assert_cmpstr (str (plan, "profile"), ==, "state");
  g_assert_cmpstr (str (plan, "superior_body"), ==, "");
  g_assert_cmpstr (str (plan, "issuing_body"), ==, "");
  g_assert_cmpstr (str (plan, "number"), ==, "");
  g_assert_cmpstr (str (plan, "place"), ==, "");
  g_assert_cmpint (date_part (plan, "year"), ==, 0);
  g_assert_cmpstr (str (plan, "subject"), ==, "Tổ chức phong trào thi đua năm 2024");
  g_assert_cmpstr (str (plan, "body"), ==,
                   "I. MỤC ĐÍCH, YÊU CẦU\nThi đua hoàn thành nhiệm vụ.\n"
                   "II. TỔ CHỨC THỰC HIỆN\nCác khoa triển khai thực hiện.");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "recipients")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (signer, "name"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (signer, "position"), ==, "");
  /* what is missing is said */
  g_assert_nonnull (strstr (err, "warning: no header"));
  g_assert_nonnull (strstr (err, "warning: no signature"));
  g_assert_nonnull (strstr (err, "Nơi nhận"));
}

/* --- input that is no plan or no text --------------------------------------- */

static void
test_random_text (Fixture *f, gconstpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240208);
  g_autoptr(GString) text = g_string_new (NULL);
  static const char * const words[] = {
    "lorem", "ipsum", "dolor", "sit", "amet", "con", "mèo", "trèo", "cây", "cau", "hỏi", "thăm",
    "chú", "chuột", "đi", "đâu", "vắng", "nhà", "42", "—", "\t",
  };
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) plan = NULL;
  g_autofree char *expected = NULL;

  for (guint i = 0; i < 3000; i++)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append (text, g_rand_int_range (rand, 0, 12) == 0 ? "\n" : " ");
    }
  path = write_file (f, "random.txt", text->str, text->len);
  g_assert_cmpint (run_cli (f, &out, &err, "import-text", path, NULL), ==, 0);
  plan = show (f, g_ascii_strtoll (out, NULL, 10));
  g_assert_nonnull (strstr (err, "not recognised as a plan"));
  g_assert_cmpstr (str (plan, "subject"), ==, "");
  g_assert_cmpstr (str (plan, "place"), ==, "");
  /* the whole text is the body, each line as written */
  expected = g_strdup (text->str);
  {
    g_auto(GStrv) lines = g_strsplit (expected, "\n", -1);
    const char *body = str (plan, "body");

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_autofree char *line = g_strstrip (g_strdup (lines[i]));
        if (*line != '\0')
          g_assert_nonnull (strstr (body, line));
      }
  }
}

static void
assert_refused (Fixture *f, const char *path, const char *expected_error, const char *opt)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint before = count_plans (f);

  g_assert_cmpint (run_cli (f, &out, &err, "import-text", path, opt, NULL), !=, 0);
  g_assert_cmpstr (out, ==, "");
  if (strstr (err, expected_error) == NULL)
    g_error ("expected “%s” in “%s”", expected_error, err);
  g_assert_cmpuint (count_plans (f), ==, before);
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint8 binary[4096];
  g_autofree char *empty = write_file (f, "empty.txt", "", 0);
  g_autofree char *spaces = write_file (f, "spaces.txt", " \n\t\r\n  \n", 8);
  g_autofree char *bin = NULL;
  g_autofree char *png = NULL;
  g_autofree char *bad_utf8 = write_file (f, "bad.txt", "KẾ HOẠCH\n\xC3\x28 x\n", 18);
  g_autofree char *missing = g_build_filename (f->dir, "missing.txt", NULL);
  static const guint8 png_head[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

  for (guint i = 0; i < sizeof binary; i++)
    binary[i] = g_rand_int_range (rand, 0, 256);
  bin = write_file (f, "random.bin", binary, sizeof binary);
  memcpy (binary, png_head, sizeof png_head);
  png = write_file (f, "image.png", binary, sizeof binary);

  count_plans (f);   /* creates the database */
  assert_refused (f, empty, "empty", NULL);
  assert_refused (f, spaces, "white space", NULL);
  assert_refused (f, bin, "not text", NULL);
  assert_refused (f, png, "not text", NULL);
  assert_refused (f, bin, "", "--encoding=tcvn3");
  assert_refused (f, bad_utf8, "not valid UTF-8 at byte 13 (line 2)", "--encoding=utf-8");
  assert_refused (f, missing, "missing.txt", NULL);
  assert_refused (f, f->dir, "folder", NULL);
  assert_refused (f, empty, "unknown encoding", "--encoding=koi8");
  assert_refused (f, empty, "unknown profile", "--profile=army");
}

static void
test_huge (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "huge.txt", NULL);
  g_autoptr(GString) chunk = g_string_new (NULL);
  FILE *out = fopen (path, "wb");
  gsize written = 0;

  while (chunk->len < 1024 * 1024)
    g_string_append (chunk, "- Thi đua thực hiện tốt công tác phòng, chống dịch Covid-19.\n");
  g_assert_nonnull (out);
  while (written < 50 * 1024 * 1024)
    written += fwrite (chunk->str, 1, chunk->len, out);
  fclose (out);

  count_plans (f);
  assert_refused (f, path, "too large for a plan", NULL);
  g_remove (path);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/cli/seeds", test_seeds);
  ADD ("/import/cli/encodings", test_encodings);
  ADD ("/import/cli/header-orders", test_header_orders);
  ADD ("/import/cli/union-header", test_union_header);
  ADD ("/import/cli/no-header-no-signature", test_no_header_no_signature);
  ADD ("/import/cli/random-text", test_random_text);
  ADD ("/import/cli/refused", test_refused);
  ADD ("/import/cli/huge", test_huge);
#undef ADD

  return g_test_run ();
}
