// TEST DOUBLE: the JSON files that stand for the emulated devices' memory (device_store.hpp).
#include "device_store.hpp"

#include <openssl/evp.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "faults.hpp"

namespace certrenew::skf_testdouble {

namespace fs = std::filesystem;
using nlohmann::json;

Container* Application::find(const std::string& container) {
  for (Container& c : containers)
    if (c.name == container) return &c;
  return nullptr;
}

Application* Device::find(const std::string& app) {
  for (Application& a : applications)
    if (a.name == app) return &a;
  return nullptr;
}

fs::path store_dir() {
  const char* dir = std::getenv("CERTRENEW_SKF_TESTDOUBLE_DIR");
  if (dir == nullptr || *dir == '\0')
    throw std::runtime_error("CERTRENEW_SKF_TESTDOUBLE_DIR is not set");
  return dir;
}

std::vector<std::string> device_files() {
  std::vector<std::string> serials;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(store_dir(), ec))
    if (entry.path().extension() == ".json") serials.push_back(entry.path().stem().string());
  std::sort(serials.begin(), serials.end());
  return serials;
}

std::string to_hex(const Bytes& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (std::uint8_t b : bytes) {
    hex.push_back(digits[b >> 4]);
    hex.push_back(digits[b & 15]);
  }
  return hex;
}

Bytes from_hex(const std::string& hex) {
  if (hex.size() % 2 != 0) throw std::runtime_error("odd hex length");
  Bytes out;
  for (std::size_t i = 0; i < hex.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  return out;
}

std::string sha256_hex(const std::string& text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), md, &len, EVP_sha256(), nullptr);
  return to_hex(Bytes(md, md + len));
}

namespace {

fs::path device_path(const std::string& serial) {
  return store_dir() / (serial + ".json");
}

Pin read_pin(const json& app, const std::string& who) {
  Pin pin;
  pin.sha256 = app.at(who + "_pin_sha256").get<std::string>();
  pin.retries_max = app.value(who + "_retries_max", 6u);
  pin.retries_left = app.value(who + "_retries_left", pin.retries_max);
  pin.is_default = app.value(who + "_pin_default", false);
  return pin;
}

void write_pin(json& app, const std::string& who, const Pin& pin) {
  app[who + "_pin_sha256"] = pin.sha256;
  app[who + "_retries_max"] = pin.retries_max;
  app[who + "_retries_left"] = pin.retries_left;
  app[who + "_pin_default"] = pin.is_default;
}

}  // namespace

std::optional<Device> load_device(const std::string& serial) {
  std::ifstream in(device_path(serial), std::ios::binary);
  if (!in) return std::nullopt;
  try {
    const json doc = json::parse(in);
    Device d;
    d.serial = serial;
    d.label = doc.value("label", "");
    d.manufacturer = doc.value("manufacturer", "CertRenew SKF test double");
    d.dev_auth_key = from_hex(doc.value("dev_auth_key", "31323334353637383132333435363738"));
    d.dev_auth_for_writes = doc.value("dev_auth_for_writes", false);
    d.max_containers = doc.value("max_containers", 8u);
    for (const json& a : doc.value("applications", json::array())) {
      Application app;
      app.name = a.at("name").get<std::string>();
      app.user = read_pin(a, "user");
      app.admin = read_pin(a, "admin");
      for (const json& c : a.value("containers", json::array()))
        app.containers.push_back({c.at("name").get<std::string>(), c.value("sign_key", ""),
                                  from_hex(c.value("sign_cert", "")), c.value("enc_key", ""),
                                  from_hex(c.value("enc_cert", ""))});
      d.applications.push_back(std::move(app));
    }
    return d;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "skf test double: %s.json is not a device file: %s\n", serial.c_str(),
                 e.what());
    return std::nullopt;
  }
}

bool save_device(const Device& d) {
  json doc = {{"serial", d.serial},
              {"label", d.label},
              {"manufacturer", d.manufacturer},
              {"dev_auth_key", to_hex(d.dev_auth_key)},
              {"dev_auth_for_writes", d.dev_auth_for_writes},
              {"max_containers", d.max_containers},
              {"applications", json::array()}};
  for (const Application& app : d.applications) {
    json a = {{"name", app.name}, {"containers", json::array()}};
    write_pin(a, "user", app.user);
    write_pin(a, "admin", app.admin);
    for (const Container& c : app.containers)
      a["containers"].push_back({{"name", c.name},
                                 {"sign_key", c.sign_key},
                                 {"sign_cert", to_hex(c.sign_cert)},
                                 {"enc_key", c.enc_key},
                                 {"enc_cert", to_hex(c.enc_cert)}});
    doc["applications"].push_back(std::move(a));
  }
  const fs::path path = device_path(d.serial);
  const fs::path temp = path.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << doc.dump(2);
    if (!out.flush()) return false;
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  return !ec;
}

Faults current_faults() {
  Faults faults;
  const char* control = std::getenv("CERTRENEW_SKF_TESTDOUBLE_CONTROL");
  if (control == nullptr || *control == '\0') return faults;
  std::ifstream in(control);
  std::string word;
  while (in >> word) {
    if (word == "removed")
      faults.removed_all = true;
    else if (word.rfind("removed:", 0) == 0)
      faults.removed_serials.insert(word.substr(8));
    else if (word == "write_fail")
      faults.write_fail = true;
    else if (word == "left_aligned")
      faults.left_aligned = true;
    else if (word == "natural_align")
      faults.natural_align = true;
  }
  return faults;
}

}  // namespace certrenew::skf_testdouble
