/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-word.c — word-processor files in and out: the fixtures made by
 * LibreOffice imported field-exact, the readers' features on a .docx built
 * here, damaged files refused through the real CLI under a memory cap,
 * the format told by content, the round trip of every template and seed
 * plan through .docx and .odt, and the essentials of both packages. */
#include "config.h"
#include "thidua-word.h"
#include "thidua-export.h"
#include "thidua-import.h"
#include "thidua-markup.h"
#include "../thidua-test-tmp.h"

#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>
#include <sys/resource.h>
#include <zip.h>

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), "word", name, NULL);
}

static ThiduaPlan *
import_path (const char *path, ThiduaWordFormat *format, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return thidua_document_import_file (file, THIDUA_ENCODING_AUTO, THIDUA_IMPORT_PROFILE_AUTO,
                                      format, NULL, NULL, NULL, error);
}

static JsonObject *
plan_object (ThiduaPlan *plan)
{
  g_autofree char *json = thidua_plan_to_json (plan, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  o = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return o;
}

static char *
member_json (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  g_assert_nonnull (n);
  return json_to_string (n, FALSE);
}

/* --- the fixtures ----------------------------------------------------- */

typedef struct {
  const char *base;
  const char *expected;   /* the plan's JSON members that must come out exact */
} Fixture;

static const Fixture fixtures[] = {
  { "state-plan",
    "{\"profile\":\"state\",\"superior_body\":\"UBND TỈNH ĐIỆN BIÊN\",\"issuing_body\":\"SỞ Y TẾ\","
    "\"number\":\"215\",\"symbol\":\"KH-SYT\",\"place\":\"Điện Biên\","
    "\"date\":{\"day\":8,\"month\":2,\"year\":2024},\"type_name\":\"KẾ HOẠCH\","
    "\"subject\":\"Tổ chức phong trào thi đua năm 2024\","
    "\"body\":\"Thực hiện Kế hoạch số 10/KH-UBND ngày 05/01/2024 của UBND tỉnh Điện Biên, Sở Y tế xây dựng Kế hoạch như sau:\\n"
    "I. MỤC ĐÍCH, YÊU CẦU\\n1. Mục đích\\na) Động viên **toàn thể** cán bộ.\\nb) Nâng cao chất lượng\\nphục vụ người bệnh.\\n"
    "2. Yêu cầu\\nĐoạn có khung.\\nNội dung trong khung.\\nII. NỘI DUNG THI ĐUA\\n1. Thi đua hoàn thành nhiệm vụ\\n2. Thi đua đổi mới\","
    "\"outline\":[{\"level\":1,\"label\":\"I.\",\"title\":\"MỤC ĐÍCH, YÊU CẦU\"},{\"level\":2,\"label\":\"1.\",\"title\":\"Mục đích\"},"
    "{\"level\":2,\"label\":\"2.\",\"title\":\"Yêu cầu\"},{\"level\":1,\"label\":\"II.\",\"title\":\"NỘI DUNG THI ĐUA\"},"
    "{\"level\":2,\"label\":\"1.\",\"title\":\"Thi đua hoàn thành nhiệm vụ\"},{\"level\":2,\"label\":\"2.\",\"title\":\"Thi đua đổi mới\"}],"
    "\"recipients\":[\"UBND tỉnh (b/c);\",\"Các phòng, đơn vị thuộc Sở;\",\"Lưu: VT, VP.\"],"
    "\"signer\":{\"authority\":\"KT.\",\"on_behalf_of\":\"GIÁM ĐỐC\",\"position\":\"PHÓ GIÁM ĐỐC\",\"name\":\"Lò Văn Thắng\"}}" },
  { "party-plan",
    "{\"profile\":\"party\",\"superior_body\":\"TỈNH ỦY LAI CHÂU\",\"issuing_body\":\"TRƯỜNG CHÍNH TRỊ\","
    "\"number\":\"100\",\"symbol\":\"KH/TCT\",\"place\":\"Lai Châu\","
    "\"date\":{\"day\":15,\"month\":3,\"year\":2022},\"type_name\":\"KẾ HOẠCH\","
    "\"subject\":\"Tổ chức hoạt động thi đua năm 2022\","
    "\"body\":\"I. MỤC ĐÍCH, YÊU CẦU\\n1. Mục đích\\n- Phát huy tinh thần *đoàn kết* của cán bộ;\\n- Hoàn thành nhiệm vụ năm học.\\n"
    "II. TỔ CHỨC THỰC HIỆN\\nCác khoa, phòng triển khai thực hiện Kế hoạch này./.\","
    "\"outline\":[{\"level\":1,\"label\":\"I.\",\"title\":\"MỤC ĐÍCH, YÊU CẦU\"},{\"level\":2,\"label\":\"1.\",\"title\":\"Mục đích\"},"
    "{\"level\":1,\"label\":\"II.\",\"title\":\"TỔ CHỨC THỰC HIỆN\"}],"
    "\"recipients\":[\"Ban Tuyên giáo Tỉnh ủy,\",\"Các khoa, phòng,\",\"Lưu Văn phòng.\"],"
    "\"signer\":{\"authority\":\"T/M\",\"on_behalf_of\":\"BAN GIÁM HIỆU\",\"position\":\"HIỆU TRƯỞNG\",\"name\":\"Vũ Văn An\"}}" },
};

static void
assert_plan_matches (ThiduaPlan *plan, const char *expected_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) got = plan_object (plan);
  JsonObject *want;
  g_autoptr(GList) members = NULL;

  g_assert_true (json_parser_load_from_data (parser, expected_json, -1, NULL));
  want = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (want);
  for (GList *l = members; l; l = l->next)
    {
      g_autofree char *w = member_json (want, l->data);
      g_autofree char *g = member_json (got, l->data);

      if (g_strcmp0 (w, g) != 0)
        g_test_message ("%s: want %s got %s", (char *) l->data, w, g);
      g_assert_cmpstr (g, ==, w);
    }
}

static void
test_fixture (gconstpointer data)
{
  const char *spec = data;   /* "base.ext" */
  g_auto(GStrv) parts = g_strsplit (spec, ".", 2);
  g_autofree char *path = fixture (spec);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  ThiduaWordFormat format;
  const Fixture *f = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    if (strcmp (fixtures[i].base, parts[0]) == 0)
      f = &fixtures[i];
  g_assert_nonnull (f);
  plan = import_path (path, &format, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (thidua_word_format_name (format), ==, parts[1]);
  assert_plan_matches (plan, f->expected);
}

/* LibreOffice converts the .fodt now; the result imports like the kept
 * fixture (so the fixtures are what LibreOffice makes). */
static void
test_live_conversion (void)
{
  g_autofree char *path = fixture ("state-plan.fodt");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  gsize len;
  g_autofree char *soffice = thidua_word_find_soffice ();

  g_assert_nonnull (soffice);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  docx = thidua_word_convert_to_docx ((const guint8 *) contents, len, "input.fodt", &error);
  g_assert_no_error (error);
  g_assert_cmpint (thidua_word_sniff (g_bytes_get_data (docx, NULL), g_bytes_get_size (docx)), ==,
                   THIDUA_WORD_FORMAT_DOCX);
  plan = thidua_document_import_data (g_bytes_get_data (docx, NULL), g_bytes_get_size (docx),
                                      THIDUA_ENCODING_AUTO, THIDUA_IMPORT_PROFILE_AUTO,
                                      NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_plan_matches (plan, fixtures[0].expected);
}

/* Without LibreOffice a .doc is refused with the way out. */
static void
test_doc_without_soffice (void)
{
  g_autofree char *path = fixture ("state-plan.doc");
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;

  g_setenv ("THIDUA_SOFFICE", "", TRUE);
  plan = import_path (path, NULL, &error);
  g_unsetenv ("THIDUA_SOFFICE");
  g_assert_null (plan);
  g_assert_error (error, THIDUA_WORD_ERROR, THIDUA_WORD_ERROR_NO_CONVERTER);
  g_assert_nonnull (strstr (error->message, "LibreOffice"));
  g_assert_nonnull (strstr (error->message, ".docx"));
}

/* --- a .docx built here ----------------------------------------------- */

static GBytes *
make_zip (const char * const *names_and_contents)
{
  zip_error_t zerr;
  zip_source_t *src;
  zip_t *z;
  zip_stat_t st;
  guint8 *data;
  GBytes *out;

  zip_error_init (&zerr);
  src = zip_source_buffer_create (NULL, 0, 0, &zerr);
  zip_source_keep (src);
  z = zip_open_from_source (src, ZIP_TRUNCATE, &zerr);
  g_assert_nonnull (z);
  for (guint i = 0; names_and_contents[i] != NULL; i += 2)
    {
      const char *c = names_and_contents[i + 1];
      zip_source_t *s = zip_source_buffer (z, c, strlen (c), 0);
      g_assert_cmpint (zip_file_add (z, names_and_contents[i], s, ZIP_FL_ENC_UTF_8), >=, 0);
    }
  g_assert_cmpint (zip_close (z), ==, 0);
  zip_stat_init (&st);
  g_assert_cmpint (zip_source_stat (src, &st), ==, 0);
  g_assert_cmpint (zip_source_open (src), ==, 0);
  data = g_malloc (st.size);
  g_assert_cmpint (zip_source_read (src, data, st.size), ==, (zip_int64_t) st.size);
  zip_source_close (src);
  zip_source_free (src);
  zip_error_fini (&zerr);
  out = g_bytes_new_take (data, st.size);
  return out;
}

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
          "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" " \
          "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" " \
          "xmlns:v=\"urn:schemas-microsoft-com:vml\""

static const char features_numbering[] =
  "<w:numbering " W ">"
  "<w:abstractNum w:abstractNumId=\"7\">"
  "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
  "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.\"/></w:lvl>"
  "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%3)\"/></w:lvl>"
  "<w:lvl w:ilvl=\"3\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.%4.\"/></w:lvl>"
  "</w:abstractNum>"
  "<w:abstractNum w:abstractNumId=\"8\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xef\x82\xa7\"/></w:lvl></w:abstractNum>"
  "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"7\"/></w:num>"
  "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"8\"/></w:num>"
  "</w:numbering>";

static const char features_styles[] =
  "<w:styles " W "><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:pPr><w:numPr><w:numId w:val=\"3\"/><w:ilvl w:val=\"0\"/></w:numPr></w:pPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"MyHeading\"><w:basedOn w:val=\"Heading1\"/></w:style></w:styles>";

#define P(x) "<w:p>" x "</w:p>"
#define R(x) "<w:r><w:t xml:space=\"preserve\">" x "</w:t></w:r>"
#define NUM(id, l) "<w:pPr><w:numPr><w:ilvl w:val=\"" #l "\"/><w:numId w:val=\"" #id "\"/></w:numPr></w:pPr>"

static const char features_document[] =
  "<w:document " W "><w:body>"
  P ("<w:pPr><w:pStyle w:val=\"MyHeading\"/></w:pPr>" R ("MỞ ĐẦU"))
  P (NUM (3, 1) R ("Mục đích"))
  P (NUM (3, 2) R ("Một") "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\"> đậm</w:t></w:r>"
     "<w:r><w:rPr><w:i/><w:u w:val=\"single\"/></w:rPr><w:t xml:space=\"preserve\"> nghiêng</w:t></w:r>"
     "<w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t>.</w:t></w:r>")
  P (NUM (3, 2) R ("Hai") "<w:del><w:r><w:delText> bỏ</w:delText></w:r></w:del>"
     "<w:ins><w:r><w:t xml:space=\"preserve\"> thêm</w:t></w:r></w:ins>" R (" xong."))
  P (NUM (3, 3) R ("Mục con"))
  P (NUM (3, 0) R ("NỘI DUNG"))
  P (NUM (4, 0) R ("Gạch đầu dòng"))
  P (R ("Trang ") "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
     "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" R ("7") "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
     "<w:fldSimple w:instr=\"NUMPAGES\">" R ("9") "</w:fldSimple>" R ("hết."))
  P (R ("Dòng một") "<w:r><w:br/><w:t>dòng hai</w:t><w:tab/><w:t>sau tab</w:t></w:r>")
  P (R ("Có khung.") "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>"
     P (R ("Chữ trong khung.")) "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
     P (R ("Chữ trong khung.")) "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>")
  "<w:tbl><w:tr><w:tc>" P (R ("STT")) "</w:tc><w:tc>" P (R ("Nội dung")) "</w:tc></w:tr>"
  "<w:tr><w:tc>" P (R ("1")) "</w:tc><w:tc>" P (R ("Thi đua a|b")) "</w:tc></w:tr></w:tbl>"
  "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>"
  "</w:body></w:document>";

static void
test_docx_features (void)
{
  /* a paragraph long enough that the table after it is a body table */
  g_autofree char *document = NULL;
  const char *long_para = P (R ("Căn cứ Luật Thi đua, Khen thưởng năm 2022 và các văn bản hướng dẫn thi hành, "
                                "cơ quan xây dựng kế hoạch tổ chức phong trào thi đua như sau."));
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *expected =
    "Căn cứ Luật Thi đua, Khen thưởng năm 2022 và các văn bản hướng dẫn thi hành, "
    "cơ quan xây dựng kế hoạch tổ chức phong trào thi đua như sau.\n"
    "I. MỞ ĐẦU\n"
    "1. Mục đích\n"
    "a) Một **đậm** *nghiêng*.\n"
    "b) Hai thêm xong.\n"
    "1.1. Mục con\n"
    "II. NỘI DUNG\n"
    "- Gạch đầu dòng\n"
    "Trang hết.\n"
    "Dòng một\ndòng hai\tsau tab\n"
    "Có khung.\n"
    "Chữ trong khung.\n"
    "| STT | Nội dung |\n|---|---|\n| 1 | Thi đua a\\|b |\n\n";

  {
    const char *doc = features_document;
    const char *body = strstr (doc, "<w:body>") + strlen ("<w:body>");
    g_autofree char *head = g_strndup (doc, body - doc);

    document = g_strconcat (head, long_para, body, NULL);
  }
  {
    const char *parts[] = { "[Content_Types].xml", "<Types/>", "word/document.xml", document,
                            "word/numbering.xml", features_numbering, "word/styles.xml", features_styles, NULL };
    docx = make_zip (parts);
  }
  text = thidua_word_docx_to_text (g_bytes_get_data (docx, NULL), g_bytes_get_size (docx), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

/* --- damaged files, through the CLI under a memory cap ---------------- */

static void
cap_memory (gpointer data)
{
#ifndef __SANITIZE_ADDRESS__
  /* (AddressSanitizer reserves terabytes of shadow: no cap under it) */
  struct rlimit rl = { 768UL * 1024 * 1024, 768UL * 1024 * 1024 };
  setrlimit (RLIMIT_AS, &rl);
#endif
}

static int
run_cli (const char *db, const char * const *args, char **out, char **err)
{
  GPtrArray *argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("THIDUA_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, cap_memory, NULL,
                               out, err, &status, &error));
  g_ptr_array_unref (argv);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

static void
assert_refused (GBytes *bytes, const char *name, const char *message_part)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-word");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *db = g_build_filename (dir, "plans.db", NULL);
  g_autofree char *out = NULL, *err = NULL, *list = NULL, *list_err = NULL;
  const char *import_args[] = { "import", path, NULL };
  const char *list_args[] = { "list", NULL };
  int rc;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      (gssize) g_bytes_get_size (bytes), NULL));
  rc = run_cli (db, import_args, &out, &err);
  g_test_message ("exit %d: %s", rc, err);
  g_assert_cmpint (rc, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, message_part));
  /* nothing written: the database, if made at all, holds no plan */
  if (g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpint (run_cli (db, list_args, &list, &list_err), ==, 0);
      g_assert_cmpstr (list, ==, "");
    }
  thidua_test_tmpdir_remove (dir);
}

static GBytes *
minimal_docx (const char *document)
{
  const char *parts[] = { "[Content_Types].xml", "<Types/>", "word/document.xml", document, NULL };
  return make_zip (parts);
}

static void
test_damaged_truncated (void)
{
  g_autofree char *path = fixture ("state-plan.docx");
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) cut = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  cut = g_bytes_new (contents, len * 2 / 3);
  assert_refused (cut, "cut.docx", "damaged");
}

static void
test_damaged_no_document (void)
{
  const char *parts[] = { "[Content_Types].xml", "<Types/>", "word/styles.xml", "<w:styles/>", NULL };
  g_autoptr(GBytes) z = make_zip (parts);

  assert_refused (z, "empty.docx", "word/document.xml");
}

static void
test_damaged_bomb (void)
{
  GString *doc = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");

  for (int i = 1; i < 10; i++)
    {
      g_string_append_printf (doc, "<!ENTITY lol%d \"", i);
      g_autofree char *prev = i == 1 ? g_strdup ("") : g_strdup_printf ("%d", i - 1);

      for (int j = 0; j < 10; j++)
        g_string_append_printf (doc, "&lol%s;", prev);
      g_string_append (doc, "\">\n");
    }
  g_string_append (doc, "]>\n<w:document " W "><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>");
  {
    g_autoptr(GBytes) z = minimal_docx (doc->str);
    assert_refused (z, "bomb.docx", "document type");
  }
  g_string_free (doc, TRUE);
}

static void
test_damaged_huge (void)
{
  /* 100 MB of paragraphs: compresses to a few hundred kB */
  gsize target = 100 * 1024 * 1024;
  GString *doc = g_string_sized_new (target + 1024);
  g_autoptr(GBytes) z = NULL;

  g_string_append (doc, "<w:document " W "><w:body>");
  while (doc->len < target)
    g_string_append (doc, "<w:p><w:r><w:t>Thi đua yêu nước, thi đua khen thưởng.</w:t></w:r></w:p>");
  g_string_append (doc, "</w:body></w:document>");
  z = minimal_docx (doc->str);
  g_string_free (doc, TRUE);
  assert_refused (z, "huge.docx", "MB");
}

static void
test_damaged_deep (void)
{
  GString *doc = g_string_new ("<w:document " W "><w:body>");
  g_autoptr(GBytes) z = NULL;

  for (int i = 0; i < 100; i++)
    g_string_append (doc, "<w:sdt><w:sdtContent>");
  g_string_append (doc, "<w:p><w:r><w:t>x</w:t></w:r></w:p>");
  for (int i = 0; i < 100; i++)
    g_string_append (doc, "</w:sdtContent></w:sdt>");
  g_string_append (doc, "</w:body></w:document>");
  z = minimal_docx (doc->str);
  g_string_free (doc, TRUE);
  assert_refused (z, "deep.docx", "levels");
}

static void
test_damaged_not_xml (void)
{
  g_autoptr(GBytes) z = minimal_docx ("<w:document " W "><w:body><w:p>");

  assert_refused (z, "broken.docx", "damaged");
}

/* --- told by content -------------------------------------------------- */

static void
test_sniff_by_content (void)
{
  g_autofree char *docx = fixture ("state-plan.docx");
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-word");
  g_autofree char *as_txt = g_build_filename (dir, "ke-hoach.txt", NULL);
  g_autofree char *as_docx = g_build_filename (dir, "ghi-chu.docx", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  ThiduaWordFormat format;

  g_assert_true (g_file_get_contents (docx, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (as_txt, contents, (gssize) len, NULL));
  g_assert_true (g_file_set_contents (as_docx, "KẾ HOẠCH\nThi đua năm 2024\n", -1, NULL));
  {
    g_autoptr(ThiduaPlan) plan = import_path (as_txt, &format, &error);
    g_assert_no_error (error);
    g_assert_cmpint (format, ==, THIDUA_WORD_FORMAT_DOCX);
    g_assert_cmpstr (thidua_plan_get_issuing_body (plan), ==, "SỞ Y TẾ");
  }
  {
    g_autoptr(ThiduaPlan) plan = import_path (as_docx, &format, &error);
    g_assert_no_error (error);
    g_assert_cmpint (format, ==, THIDUA_WORD_FORMAT_TEXT);
    g_assert_cmpstr (thidua_plan_get_subject (plan), ==, "Thi đua năm 2024");
  }
  g_assert_cmpint (thidua_word_sniff ((const guint8 *) "%PDF-1.7\n", 9), ==, THIDUA_WORD_FORMAT_PDF);
  g_assert_cmpint (thidua_word_sniff ((const guint8 *) "{\\rtf1\\ansi", 11), ==, THIDUA_WORD_FORMAT_RTF);
  thidua_test_tmpdir_remove (dir);
}

/* --- round trip ------------------------------------------------------- */

static ThiduaPlan *
load_plan_json (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  ThiduaPlan *plan;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (json_parser_load_from_data (parser, contents, -1, NULL));
  root = json_parser_get_root (parser);
  /* templates wrap the plan: {"name", "title", "plan"} */
  if (json_object_has_member (json_node_get_object (root), "plan"))
    root = json_object_get_member (json_node_get_object (root), "plan");
  plan = thidua_plan_new_from_json_node (root, &error);
  g_assert_no_error (error);
  return plan;
}

/* The body as blocks: Word has paragraphs, not the blank lines between
 * them, nor a hard-wrapped line inside one. */
static char *
body_blocks (const char *body)
{
  g_autoptr(ThiduaBody) b = thidua_body_parse (body);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < thidua_body_n_blocks (b); i++)
    {
      const ThiduaBlock *blk = thidua_body_get_block (b, i);

      g_string_append_printf (s, "%d|%s|", blk->kind, blk->label ? blk->label : "");
      for (guint r = 0; r < blk->runs->len; r++)
        {
          const ThiduaRun *run = &g_array_index (blk->runs, ThiduaRun, r);
          g_string_append_printf (s, "[%d]%s", run->style, run->text);
        }
      if (blk->table)
        for (guint row = 0; row < thidua_body_table_get_n_rows (blk->table); row++)
          for (guint c = 0; c < thidua_body_table_get_n_columns (blk->table); c++)
            g_string_append_printf (s, "<%s>", thidua_body_table_get_cell (blk->table, row, c));
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

static void
test_round_trip (gconstpointer data)
{
  const char *path = data;
  g_autoptr(ThiduaPlan) plan = load_plan_json (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = thidua_layout_new_for_plan (plan, &error);
  g_autoptr(JsonObject) want = plan_object (plan);
  const char *formats[] = { "docx", "odt" };

  g_assert_no_error (error);
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(GBytes) bytes = f == 0 ? thidua_export_docx_bytes (layout, plan, &error)
                                       : thidua_export_odt_bytes (layout, plan, &error);
      g_autoptr(ThiduaPlan) back = NULL;
      g_autoptr(JsonObject) got = NULL;
      g_autoptr(GList) members = NULL;
      ThiduaWordFormat format;

      g_assert_no_error (error);
      back = thidua_document_import_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                          THIDUA_ENCODING_AUTO, THIDUA_IMPORT_PROFILE_AUTO,
                                          &format, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (thidua_word_format_name (format), ==, formats[f]);
      got = plan_object (back);
      members = json_object_get_members (want);
      for (GList *l = members; l; l = l->next)
        {
          const char *m = l->data;
          g_autofree char *w = NULL, *g = NULL;

          if (strcmp (m, "id") == 0 || strcmp (m, "created") == 0 || strcmp (m, "modified") == 0)
            continue;
          if (strcmp (m, "body") == 0)
            {
              w = body_blocks (thidua_plan_get_body (plan));
              g = body_blocks (thidua_plan_get_body (back));
            }
          else if (strcmp (m, "subject") == 0)
            {
              /* the recogniser joins a subject's lines with one space (a
               * subject is one title, broken only by the page width) */
              g_autofree char *s = g_strdup (thidua_plan_get_subject (plan));
              g_strdelimit (s, "\n", ' ');
              w = g_strdup (s);
              g = g_strdup (thidua_plan_get_subject (back));
            }
          else
            {
              w = member_json (want, m);
              g = member_json (got, m);
            }
          if (g_strcmp0 (w, g) != 0)
            g_test_message ("%s %s: want %s\ngot %s", formats[f], m, w, g);
          g_assert_cmpstr (g, ==, w);
        }
    }
}

/* --- the packages' essentials ----------------------------------------- */

static char *
zip_entry (GBytes *bytes, const char *name, gboolean *stored, zip_int64_t *index)
{
  zip_error_t zerr;
  zip_source_t *src;
  zip_t *z;
  zip_stat_t st;
  zip_file_t *f;
  char *data;

  zip_error_init (&zerr);
  src = zip_source_buffer_create (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 0, &zerr);
  z = zip_open_from_source (src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
  g_assert_nonnull (z);
  zip_error_fini (&zerr);
  zip_stat_init (&st);
  if (zip_stat (z, name, 0, &st) != 0)
    {
      zip_discard (z);
      return NULL;
    }
  if (stored)
    *stored = st.comp_method == ZIP_CM_STORE;
  if (index)
    *index = (zip_int64_t) st.index;
  f = zip_fopen (z, name, 0);
  data = g_malloc0 (st.size + 1);
  g_assert_cmpint (zip_fread (f, data, st.size), ==, (zip_int64_t) st.size);
  zip_fclose (f);
  zip_discard (z);
  return data;
}

static xmlDocPtr
well_formed (const char *xml, const char *name)
{
  xmlDocPtr doc;

  g_assert_nonnull (xml);
  doc = xmlReadMemory (xml, (int) strlen (xml), name, NULL, XML_PARSE_NONET);
  if (doc == NULL)
    g_test_message ("%s is not well-formed", name);
  g_assert_nonnull (doc);
  return doc;
}

static char *
xpath_string (xmlDocPtr doc, const char *expr)
{
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathObjectPtr r;
  char *s;

  xmlXPathRegisterNs (ctx, BAD_CAST "w", BAD_CAST "http://schemas.openxmlformats.org/wordprocessingml/2006/main");
  xmlXPathRegisterNs (ctx, BAD_CAST "r", BAD_CAST "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
  xmlXPathRegisterNs (ctx, BAD_CAST "ct", BAD_CAST "http://schemas.openxmlformats.org/package/2006/content-types");
  xmlXPathRegisterNs (ctx, BAD_CAST "rel", BAD_CAST "http://schemas.openxmlformats.org/package/2006/relationships");
  xmlXPathRegisterNs (ctx, BAD_CAST "dc", BAD_CAST "http://purl.org/dc/elements/1.1/");
  xmlXPathRegisterNs (ctx, BAD_CAST "office", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:office:1.0");
  xmlXPathRegisterNs (ctx, BAD_CAST "style", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:style:1.0");
  xmlXPathRegisterNs (ctx, BAD_CAST "text", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:text:1.0");
  xmlXPathRegisterNs (ctx, BAD_CAST "table", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:table:1.0");
  xmlXPathRegisterNs (ctx, BAD_CAST "fo", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0");
  xmlXPathRegisterNs (ctx, BAD_CAST "manifest", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0");
  xmlXPathRegisterNs (ctx, BAD_CAST "meta", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:meta:1.0");
  r = xmlXPathEvalExpression (BAD_CAST expr, ctx);
  g_assert_nonnull (r);
  {
    xmlChar *v = xmlXPathCastToString (r);
    s = g_strdup ((const char *) v);
    xmlFree (v);
  }
  xmlXPathFreeObject (r);
  xmlXPathFreeContext (ctx);
  return s;
}

#define assert_xpath(doc, expr, want) \
  G_STMT_START { g_autofree char *_v = xpath_string (doc, expr); \
                 if (g_strcmp0 (_v, want) != 0) g_test_message ("%s", expr); \
                 g_assert_cmpstr (_v, ==, want); } G_STMT_END

static ThiduaPlan *
seed_plan (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), "render", "seed-004.json", NULL);
  return load_plan_json (path);
}

static void
test_docx_package (void)
{
  g_autoptr(ThiduaPlan) plan = seed_plan ();
  g_autoptr(ThiduaLayout) layout = thidua_layout_new_for_plan (plan, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = thidua_export_docx_bytes (layout, plan, &error);
  const char *parts[] = { "[Content_Types].xml", "_rels/.rels", "word/document.xml",
                          "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
                          "word/header1.xml", "word/header2.xml", "docProps/core.xml" };
  xmlDocPtr docs[G_N_ELEMENTS (parts)];

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *xml = zip_entry (bytes, parts[i], NULL, NULL);
      docs[i] = well_formed (xml, parts[i]);
    }
  /* content types: every part has its type */
  assert_xpath (docs[0], "string(//ct:Override[@PartName='/word/document.xml']/@ContentType)",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
  assert_xpath (docs[0], "string(//ct:Override[@PartName='/word/styles.xml']/@ContentType)",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml");
  assert_xpath (docs[0], "string(count(//ct:Override[contains(@ContentType,'header+xml')]))", "2");
  assert_xpath (docs[0], "string(//ct:Default[@Extension='rels']/@ContentType)",
                "application/vnd.openxmlformats-package.relationships+xml");
  /* relationships point at parts that exist */
  assert_xpath (docs[1], "string(//rel:Relationship[contains(@Type,'/officeDocument')]/@Target)", "word/document.xml");
  assert_xpath (docs[1], "string(//rel:Relationship[contains(@Type,'core-properties')]/@Target)", "docProps/core.xml");
  {
    const char *ids[] = { "rIdHeaderDefault", "rIdHeaderFirst" };
    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *expr = g_strdup_printf ("string(//w:sectPr/w:headerReference[@r:id='%s']/@r:id)", ids[i]);
        g_autofree char *target_expr = g_strdup_printf ("string(//rel:Relationship[@Id='%s']/@Target)", ids[i]);
        g_autofree char *target = xpath_string (docs[3], target_expr);
        g_autofree char *part = g_strconcat ("word/", target, NULL);
        g_autofree char *xml = zip_entry (bytes, part, NULL, NULL);

        assert_xpath (docs[2], expr, ids[i]);
        g_assert_nonnull (xml);
      }
  }
  /* A4, the state profile's margins (mm → twips), different first page */
  assert_xpath (docs[2], "string(//w:sectPr/w:pgSz/@w:w)", "11906");
  assert_xpath (docs[2], "string(//w:sectPr/w:pgSz/@w:h)", "16838");
  assert_xpath (docs[2], "string(//w:sectPr/w:pgMar/@w:left)", "1701");
  assert_xpath (docs[2], "string(//w:sectPr/w:pgMar/@w:right)", "850");
  assert_xpath (docs[2], "string(//w:sectPr/w:pgMar/@w:top)", "1134");
  assert_xpath (docs[2], "string(count(//w:sectPr/w:titlePg))", "1");
  /* no absolute positioning anywhere */
  assert_xpath (docs[2], "string(count(//w:framePr | //w:drawing | //w:pict | //w:tblpPr))", "0");
  /* header and closing: borderless tables, the closing's row does not split */
  assert_xpath (docs[2], "string(//w:tbl[1]/w:tblPr/w:tblBorders/w:top/@w:val)", "nil");
  assert_xpath (docs[2], "string(count(//w:tbl[last()]/w:tr/w:trPr/w:cantSplit))", "1");
  assert_xpath (docs[2], "string(//w:tbl[1]/w:tblGrid/w:gridCol[1]/@w:w)", "3969");   /* 70 mm */
  /* the body: justified, first-line indent 12.7 mm, 6 pt after, 1.1 lines */
  assert_xpath (docs[2], "string(count(//w:body/w:p[w:pPr/w:jc/@w:val='both'][w:pPr/w:ind/@w:firstLine='720']"
                "[w:pPr/w:spacing/@w:after='120'][w:pPr/w:spacing/@w:line='264']) > 10)", "true");
  /* page number field in the default header, none on page 1 */
  assert_xpath (docs[6], "normalize-space(//w:instrText)", "PAGE");
  assert_xpath (docs[7], "string(count(//w:instrText))", "0");
  assert_xpath (docs[7], "normalize-space(//w:t)", "DỰ THẢO");
  assert_xpath (docs[6], "normalize-space(//w:p[2]//w:t)", "DỰ THẢO");
  /* properties */
  assert_xpath (docs[8], "string(//dc:title)", thidua_plan_get_subject (plan));
  assert_xpath (docs[8], "string(//dc:creator)", thidua_plan_get_issuing_body (plan));
  /* the font */
  assert_xpath (docs[4], "string(//w:docDefaults//w:rFonts/@w:ascii)", "Times New Roman");
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    xmlFreeDoc (docs[i]);
}

static void
test_odt_package (void)
{
  g_autoptr(ThiduaPlan) plan = seed_plan ();
  g_autoptr(ThiduaLayout) layout = thidua_layout_new_for_plan (plan, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = thidua_export_odt_bytes (layout, plan, &error);
  g_autofree char *mimetype = NULL;
  gboolean stored = FALSE;
  zip_int64_t index = -1;
  const char *parts[] = { "META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml" };
  xmlDocPtr docs[G_N_ELEMENTS (parts)];

  g_assert_no_error (error);
  /* the mimetype: first entry, stored, and the bytes at offset 38 */
  mimetype = zip_entry (bytes, "mimetype", &stored, &index);
  g_assert_cmpstr (mimetype, ==, "application/vnd.oasis.opendocument.text");
  g_assert_true (stored);
  g_assert_cmpint (index, ==, 0);
  g_assert_cmpint (memcmp ((const char *) g_bytes_get_data (bytes, NULL) + 30, "mimetype", 8), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *xml = zip_entry (bytes, parts[i], NULL, NULL);
      docs[i] = well_formed (xml, parts[i]);
    }
  assert_xpath (docs[0], "string(//manifest:file-entry[@manifest:full-path='/']/@manifest:media-type)",
                "application/vnd.oasis.opendocument.text");
  for (guint i = 1; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *expr = g_strdup_printf ("string(count(//manifest:file-entry[@manifest:full-path='%s']))", parts[i]);
      assert_xpath (docs[0], expr, "1");
    }
  assert_xpath (docs[1], "string(count(//office:body/office:text/table:table))", "2");
  assert_xpath (docs[2], "string(//style:page-layout-properties/@fo:page-width)", "595.276pt");
  assert_xpath (docs[2], "string(//style:page-layout-properties/@fo:margin-left)", "85.039pt");
  assert_xpath (docs[2], "string(//style:master-page[@style:name='First_20_Page']/@style:next-style-name)", "Standard");
  assert_xpath (docs[2], "string(count(//style:master-page[@style:name='Standard']//text:page-number))", "1");
  assert_xpath (docs[1], "string(//style:style[@style:family='table'][1]/@style:master-page-name)", "First_20_Page");
  assert_xpath (docs[1], "string(count(//style:style[@style:family='table']/style:table-properties[@style:may-break-between-rows='false']))", "1");
  assert_xpath (docs[1], "string(count(//style:paragraph-properties[@fo:text-align='justify'][@fo:text-indent='36pt'][@fo:margin-bottom='6pt'][@fo:line-height='110%']) > 0)", "true");
  assert_xpath (docs[3], "string(//dc:title)", thidua_plan_get_subject (plan));
  assert_xpath (docs[3], "string(//dc:creator)", thidua_plan_get_issuing_body (plan));
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    xmlFreeDoc (docs[i]);
}

/* A failed export leaves no file behind. */
static void
test_export_bad_path (void)
{
  g_autoptr(ThiduaPlan) plan = seed_plan ();
  g_autoptr(ThiduaLayout) layout = thidua_layout_new_for_plan (plan, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-word");
  g_autofree char *path = g_build_filename (dir, "missing", "out.docx", NULL);

  g_assert_false (thidua_export_to_file (layout, plan, path, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  thidua_test_tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *exts[] = { "fodt", "docx", "doc" };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    for (guint e = 0; e < G_N_ELEMENTS (exts); e++)
      {
        char *spec = g_strdup_printf ("%s.%s", fixtures[i].base, exts[e]);
        g_autofree char *name = g_strdup_printf ("/word/fixture/%s", spec);

        g_ptr_array_add (paths, spec);
        g_test_add_data_func (name, spec, test_fixture);
      }
  g_test_add_func ("/word/fixture/live-conversion", test_live_conversion);
  g_test_add_func ("/word/doc-without-libreoffice", test_doc_without_soffice);
  g_test_add_func ("/word/docx-features", test_docx_features);
  g_test_add_func ("/word/damaged/truncated", test_damaged_truncated);
  g_test_add_func ("/word/damaged/no-document", test_damaged_no_document);
  g_test_add_func ("/word/damaged/xml-bomb", test_damaged_bomb);
  g_test_add_func ("/word/damaged/100-mb", test_damaged_huge);
  g_test_add_func ("/word/damaged/too-deep", test_damaged_deep);
  g_test_add_func ("/word/damaged/not-well-formed", test_damaged_not_xml);
  g_test_add_func ("/word/sniff-by-content", test_sniff_by_content);
  g_test_add_func ("/word/export/docx-package", test_docx_package);
  g_test_add_func ("/word/export/odt-package", test_odt_package);
  g_test_add_func ("/word/export/bad-path", test_export_bad_path);

  {
    g_autofree char *tdir = g_build_filename (THIDUA_SOURCE_DATADIR, "templates", NULL);
    g_autofree char *sdir = g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), "render", NULL);
    const char *dirs[] = { tdir, sdir };

    for (guint d = 0; d < 2; d++)
      {
        g_autoptr(GDir) dir = g_dir_open (dirs[d], 0, NULL);
        g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
        const char *n;

        g_assert_nonnull (dir);
        while ((n = g_dir_read_name (dir)) != NULL)
          if (g_str_has_suffix (n, ".json"))
            g_ptr_array_add (names, g_strdup (n));
        g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
        for (guint i = 0; i < names->len; i++)
          {
            char *path = g_build_filename (dirs[d], g_ptr_array_index (names, i), NULL);
            g_autofree char *test = g_strdup_printf ("/word/round-trip/%s/%s", d == 0 ? "template" : "seed",
                                                     (char *) g_ptr_array_index (names, i));
            g_ptr_array_add (paths, path);
            g_test_add_data_func (test, path, test_round_trip);
          }
      }
  }
  return g_test_run ();
}
