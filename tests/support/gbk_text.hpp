#pragma once
// UTF-8 text as GBK bytes, for tests of what reads Chinese bank statements (the console's
// reconciliation accepts UTF-8 or GBK files).

#include <doctest/doctest.h>
#include <iconv.h>

#include <string>

namespace certrenew::testing {

inline std::string to_gbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string in = utf8, out(utf8.size() * 2, '\0');
  char* ip = in.data();
  char* op = out.data();
  std::size_t il = in.size(), ol = out.size();
  const std::size_t converted = iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  REQUIRE(converted != static_cast<std::size_t>(-1));
  out.resize(out.size() - ol);
  return out;
}

}  // namespace certrenew::testing
