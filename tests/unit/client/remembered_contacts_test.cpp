// Issue 19: the form remembers the last application's operator and recipient per certificate
// subject, never the ID number; forgetting removes them; a damaged file changes nothing else.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "certrenew/client/store/remembered_contacts.hpp"
#include "sample_form.hpp"
#include "test_pki.hpp"  // TempDir
#include "text_file.hpp"

using namespace certrenew;
using namespace certrenew::client;
using namespace certrenew::testing;

TEST_CASE("remembered contacts: kept per subject without the ID number, editable, forgettable") {
  TempDir dir;
  RememberedContactsStore store(dir.path() / "applications");
  const Bytes subject_a{0x30, 0x03, 0x31, 0x01, 0x41};
  const Bytes subject_b{0x30, 0x03, 0x31, 0x01, 0x42};
  CHECK_FALSE(store.find(subject_a));
  CHECK(store.all().empty());

  RenewalForm form = sample::good_form();
  form.notify.sms = false;
  store.remember(subject_a, "CN=胡某", form, "2026-12-05T01:00:00Z");

  // The file is the user's only and never holds the ID number, in any form.
  const std::string file = read_text_file(store.file());
  CHECK(file.find("11010519491231002X") == std::string::npos);
  CHECK(file.find("002X") == std::string::npos);
  CHECK(file.find("id_number") == std::string::npos);
  struct stat st {};
  REQUIRE(::stat(store.file().c_str(), &st) == 0);
  CHECK((st.st_mode & 077) == 0);

  auto kept = store.find(subject_a);
  REQUIRE(kept);
  CHECK(kept->subject == "CN=胡某");
  CHECK(kept->operator_info.name == "胡某");
  CHECK(kept->operator_info.email == "hu@example.cn");
  CHECK(kept->operator_info.id_number.empty());
  CHECK(kept->recipient == form.recipient);
  CHECK(kept->notify == protocol::NotifyChoice{true, false});
  CHECK_FALSE(store.find(subject_b));  // another subject starts empty

  // The form to start with: the contacts filled in, period and ID number as given.
  RenewalForm base;
  base.period_months = 36;
  const RenewalForm start = RememberedContactsStore::apply(*kept, base);
  CHECK(start.period_months == 36);
  CHECK(start.operator_info.id_number.empty());
  CHECK(start.operator_info.mobile == form.operator_info.mobile);
  CHECK(start.recipient.address == form.recipient.address);
  CHECK_FALSE(start.notify.sms);

  // The next application's contacts replace the last.
  form.recipient.address = "广东省广州市天河区某某路2号";
  store.remember(subject_a, "CN=胡某", form, "2026-12-06T01:00:00Z");
  store.remember(subject_b, "CN=李某", sample::good_form(), "2026-12-06T02:00:00Z");
  CHECK(store.find(subject_a)->recipient.address == "广东省广州市天河区某某路2号");
  CHECK(store.all().size() == 2);

  CHECK(store.forget(subject_a));
  CHECK_FALSE(store.forget(subject_a));
  CHECK_FALSE(store.find(subject_a));
  CHECK(store.find(subject_b));
  CHECK(store.forget_all() == 1);
  CHECK_FALSE(std::filesystem::exists(store.file()));
}

TEST_CASE("remembered contacts: a damaged or foreign file reads as nothing remembered") {
  TempDir dir;
  RememberedContactsStore store(dir.path());
  const Bytes subject{0x30, 0x00};
  for (const char* text :
       {"not json", "[]", R"({"version": 2, "subjects": {}})", R"({"version": 1, "subjects": []})",
        R"({"version": 1, "subjects": {"MAA=": "text"}})"}) {
    CAPTURE(text);
    write_text_file(store.file(), text);
    CHECK_FALSE(store.find(subject));
    CHECK(store.all().empty());
  }
  // Remembering replaces the damaged file.
  store.remember(subject, "CN=X", sample::good_form(), "2026-12-05T01:00:00Z");
  CHECK(store.find(subject));
}
