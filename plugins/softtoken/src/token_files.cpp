#include "token_files.hpp"

#include "codec.hpp"

#include <certrenew/token_driver.h>
#include <certrenew/softtoken/store.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>

namespace certrenew::softtoken {

using nlohmann::json;

namespace {

constexpr const char* kFormatName = "certrenew-softtoken";
constexpr const char* kCipherName = "aes-256-gcm";

// Reads fields of one file, naming the file and the field in every complaint.
class FieldReader {
 public:
  FieldReader(const json& object, const std::filesystem::path& origin)
      : object_(object), origin_(origin) {
    if (!object_.is_object()) fail("", "is not a JSON object");
  }

  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    std::string where = origin_.string();
    if (!field.empty()) where += ", field \"" + field + "\"";
    throw StoreError(CRT_ERR_DEVICE, "damaged token file " + where + ": " + problem);
  }

  const json& member(const std::string& field) const {
    const auto it = object_.find(field);
    if (it == object_.end()) fail(field, "missing");
    return *it;
  }

  std::string text(const std::string& field) const {
    const json& value = member(field);
    if (!value.is_string()) fail(field, "not a string");
    return value.get<std::string>();
  }

  std::int64_t integer(const std::string& field, std::int64_t min, std::int64_t max) const {
    const json& value = member(field);
    if (!value.is_number_integer()) fail(field, "not an integer");
    const auto number = value.get<std::int64_t>();
    if (number < min || number > max) fail(field, "out of range");
    return number;
  }

  std::vector<std::uint8_t> base64(const std::string& field) const {
    auto bytes = base64_decode(text(field));
    if (!bytes) fail(field, "not valid base64");
    return std::move(*bytes);
  }

  FieldReader object(const std::string& field) const { return {member(field), origin_}; }
  bool has(const std::string& field) const { return object_.contains(field); }

 private:
  const json& object_;
  const std::filesystem::path& origin_;
};

json parse_json(std::span<const std::uint8_t> bytes, const std::filesystem::path& origin) {
  json value = json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded())
    throw StoreError(CRT_ERR_DEVICE, "damaged token file " + origin.string() + ": not JSON");
  return value;
}

std::vector<std::uint8_t> to_bytes(const json& value) {
  const std::string text = value.dump(2) + "\n";
  return {text.begin(), text.end()};
}

json sealed_to_json(const SealedBox& box) {
  return {{"cipher", kCipherName},
          {"nonce", base64_encode(box.nonce)},
          {"ciphertext", base64_encode(box.ciphertext)},
          {"tag", base64_encode(box.tag)}};
}

SealedBox sealed_from_json(const FieldReader& reader) {
  if (reader.text("cipher") != kCipherName) reader.fail("cipher", "unknown cipher");
  SealedBox box{reader.base64("nonce"), reader.base64("ciphertext"), reader.base64("tag")};
  if (box.nonce.size() != kGcmNonceSize) reader.fail("nonce", "wrong length");
  if (box.tag.size() != kGcmTagSize) reader.fail("tag", "wrong length");
  return box;
}

void check_format(const FieldReader& reader, const char* kind) {
  if (reader.text("format") != kind) reader.fail("format", "not a softtoken file of this kind");
  if (reader.integer("version", 0, std::numeric_limits<int>::max()) != kFormatVersion)
    reader.fail("version", "unsupported format version (this driver reads version 1)");
}

std::uint32_t key_type_from_name(const std::string& name) {
  if (name == "rsa") return CRT_KEY_RSA;
  if (name == "ec-p256") return CRT_KEY_EC_P256;
  if (name == "sm2") return CRT_KEY_SM2;
  return 0;
}

std::string key_format() {
  return std::string(kFormatName) + "-key";
}
std::string cert_format() {
  return std::string(kFormatName) + "-cert";
}

}  // namespace

bool valid_serial(const std::string& serial) {
  return !serial.empty() && serial.size() <= kMaxTextBytes &&
         std::all_of(serial.begin(), serial.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

bool valid_label(const std::string& label) {
  if (label.size() > kMaxTextBytes || std::any_of(label.begin(), label.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
      }))
    return false;
  try {
    (void)json(label).dump();  // nlohmann::json refuses to write invalid UTF-8
    return true;
  } catch (const json::exception&) {
    return false;
  }
}

std::string dek_aad(const std::string& serial) {
  return "certrenew-softtoken/dek/v1/" + serial;
}

std::string key_aad(const std::vector<std::uint8_t>& id) {
  return "certrenew-softtoken/key/v1/" + hex_encode(id);
}

std::vector<std::uint8_t> serialize_meta(const TokenMeta& meta) {
  json doc = {{"format", kFormatName},
              {"version", kFormatVersion},
              {"serial", meta.serial},
              {"label", meta.label},
              {"manufacturer", kManufacturer},
              {"model", kModel},
              {"pin", {{"retries_max", meta.retries_max}, {"retries_left", meta.retries_left}}},
              {"kdf",
               {{"name", "scrypt"},
                {"n", meta.kdf.n},
                {"r", meta.kdf.r},
                {"p", meta.kdf.p},
                {"salt", base64_encode(meta.kdf.salt)}}},
              {"dek", sealed_to_json(meta.wrapped_dek)}};
  return to_bytes(doc);
}

TokenMeta parse_meta(std::span<const std::uint8_t> bytes, const std::filesystem::path& origin) {
  const json doc = parse_json(bytes, origin);
  const FieldReader reader(doc, origin);
  check_format(reader, kFormatName);
  TokenMeta meta;
  meta.serial = reader.text("serial");
  if (!valid_serial(meta.serial)) reader.fail("serial", "not a valid serial");
  meta.label = reader.text("label");
  if (!valid_label(meta.label)) reader.fail("label", "not a valid label");

  const FieldReader pin = reader.object("pin");
  meta.retries_max = static_cast<int>(pin.integer("retries_max", 1, kMaxRetriesLimit));
  meta.retries_left = static_cast<int>(pin.integer("retries_left", 0, meta.retries_max));

  const FieldReader kdf = reader.object("kdf");
  if (kdf.text("name") != "scrypt") kdf.fail("name", "unknown KDF");
  meta.kdf.n = static_cast<std::uint64_t>(kdf.integer("n", 2, std::int64_t{1} << 40));
  meta.kdf.r = static_cast<std::uint32_t>(kdf.integer("r", 1, 1 << 20));
  meta.kdf.p = static_cast<std::uint32_t>(kdf.integer("p", 1, 1 << 20));
  meta.kdf.salt = kdf.base64("salt");
  if (!scrypt_params_acceptable(meta.kdf)) kdf.fail("", "scrypt parameters out of bounds");

  meta.wrapped_dek = sealed_from_json(reader.object("dek"));
  if (meta.wrapped_dek.ciphertext.size() != kAesKeySize)
    reader.fail("dek", "wrapped key of wrong length");
  return meta;
}

std::vector<std::uint8_t> serialize_key(const KeyRecord& key) {
  json doc = {{"format", key_format()},
              {"version", kFormatVersion},
              {"id", hex_encode(key.id)},
              {"type", key_type_name(key.key_type)},
              {"bits", key.bits},
              {"label", key.label},
              {"spki", base64_encode(key.spki)},
              {"private_key", sealed_to_json(key.private_key)}};
  if (key.usage == CRT_USAGE_ENCRYPTION) {
    doc["usage"] = "encryption";
    doc["signing_key"] = hex_encode(key.signing_key);
  }
  return to_bytes(doc);
}

KeyRecord parse_key(std::span<const std::uint8_t> bytes, const std::filesystem::path& origin) {
  const json doc = parse_json(bytes, origin);
  const FieldReader reader(doc, origin);
  check_format(reader, key_format().c_str());
  KeyRecord key;
  auto id = hex_decode(reader.text("id"));
  if (!id || id->empty() || id->size() > CRT_ID_MAX) reader.fail("id", "not a valid id");
  key.id = std::move(*id);
  key.key_type = key_type_from_name(reader.text("type"));
  if (key.key_type == 0) reader.fail("type", "unknown key type");
  key.bits = static_cast<std::uint32_t>(reader.integer("bits", 1, 16384));
  key.label = reader.text("label");
  if (!valid_label(key.label)) reader.fail("label", "not a valid label");
  key.spki = reader.base64("spki");
  if (key.spki.empty() || key.spki.size() > CRT_SPKI_MAX) reader.fail("spki", "wrong length");
  key.private_key = sealed_from_json(reader.object("private_key"));
  if (reader.has("usage")) {
    if (reader.text("usage") != "encryption") reader.fail("usage", "not \"encryption\"");
    key.usage = CRT_USAGE_ENCRYPTION;
    auto signing = hex_decode(reader.text("signing_key"));
    if (!signing || signing->empty() || signing->size() > CRT_ID_MAX)
      reader.fail("signing_key", "not a valid id");
    key.signing_key = std::move(*signing);
  }
  return key;
}

std::vector<std::uint8_t> serialize_cert_label(const std::string& label) {
  return to_bytes({{"format", cert_format()}, {"version", kFormatVersion}, {"label", label}});
}

std::string parse_cert_label(std::span<const std::uint8_t> bytes,
                             const std::filesystem::path& origin) {
  const json doc = parse_json(bytes, origin);
  const FieldReader reader(doc, origin);
  check_format(reader, cert_format().c_str());
  std::string label = reader.text("label");
  if (!valid_label(label)) reader.fail("label", "not a valid label");
  return label;
}

}  // namespace certrenew::softtoken
