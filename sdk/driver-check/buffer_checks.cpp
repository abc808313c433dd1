// The two-call size pattern, checked on the raw driver table: a size query, a buffer one byte
// (or record) short that must be refused without being touched, and an exact buffer.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "checks.hpp"

namespace certrenew::driver_check {

namespace {

constexpr unsigned char kSentinel = 0x5A;
constexpr const char* kUnknownToken = "certrenew-driver-check/no-such-token";

std::string status_text(crt_status s) {
  return "status " + std::to_string(s);
}

bool untouched(const std::vector<char>& buffer) {
  return std::all_of(buffer.begin(), buffer.end(),
                     [](char c) { return static_cast<unsigned char>(c) == kSentinel; });
}

// Runs the three calls for a byte-buffer function; returns the problem or "" and the filled text.
template <typename Call>
std::string check_byte_two_call(Call call, std::vector<char>& filled) {
  std::size_t need = 0;
  crt_status s = call(nullptr, &need);
  if (s != CRT_OK) return "size query (NULL buffer) gave " + status_text(s);
  if (need == 0) return "size query reported 0 bytes; the text needs at least its NUL";

  // One byte short. The buffer really has `need` bytes, so a driver that overruns is caught by
  // the sentinel rather than corrupting memory.
  std::vector<char> small(need, static_cast<char>(kSentinel));
  std::size_t len = need - 1;
  s = call(small.data(), &len);
  if (s != CRT_ERR_BUFFER_TOO_SMALL)
    return "a buffer of " + std::to_string(need - 1) + " bytes gave " + status_text(s) +
           ", not CRT_ERR_BUFFER_TOO_SMALL";
  if (len != need)
    return "after CRT_ERR_BUFFER_TOO_SMALL *len is " + std::to_string(len) + ", not " +
           std::to_string(need);
  if (!untouched(small)) return "the too-small buffer was written to";

  std::vector<char> exact(need + 8, static_cast<char>(kSentinel));
  len = need;
  s = call(exact.data(), &len);
  if (s != CRT_OK) return "a buffer of the queried size gave " + status_text(s);
  if (len != need)
    return "the exact buffer was filled with " + std::to_string(len) + " bytes, the query said " +
           std::to_string(need);
  if (!untouched(std::vector<char>(exact.begin() + static_cast<long>(need), exact.end())))
    return "the driver wrote past the end of the buffer";
  if (exact[need - 1] != '\0') return "the text does not end with a NUL";
  filled.assign(exact.begin(), exact.begin() + static_cast<long>(need));
  return {};
}

std::string describe_mechanism(const crt_mechanism_info& m) {
  std::string text = m.algorithm == CRT_SIG_RSA_PKCS1_SHA256    ? "rsa-pkcs1-sha256"
                     : m.algorithm == CRT_SIG_ECDSA_P256_SHA256 ? "ecdsa-p256-sha256"
                     : m.algorithm == CRT_SIG_SM2_SM3           ? "sm2-sm3"
                                                                : "?";
  text += m.input == CRT_INPUT_DIGEST ? " (digest in" : " (data in";
  if (m.algorithm != CRT_SIG_RSA_PKCS1_SHA256)
    text += m.signature_format == CRT_SIGFMT_RAW_RS ? ", raw r||s out" : ", DER out";
  if (m.can_generate)
    text += ", keygen " + std::to_string(m.min_bits) +
            (m.max_bits != m.min_bits ? "-" + std::to_string(m.max_bits) : "");
  return text + ")";
}

std::vector<std::string> mechanism_problems(const crt_mechanism_info& m, bool has_generate) {
  std::vector<std::string> problems;
  const std::string who = "algorithm " + std::to_string(m.algorithm);
  if (m.algorithm < CRT_SIG_RSA_PKCS1_SHA256 || m.algorithm > CRT_SIG_SM2_SM3) {
    problems.push_back(who + " is not defined by version 1");
    return problems;
  }
  if (m.input != CRT_INPUT_DATA && m.input != CRT_INPUT_DIGEST)
    problems.push_back(who + ": input " + std::to_string(m.input) + " is neither DATA nor DIGEST");
  const bool rsa = m.algorithm == CRT_SIG_RSA_PKCS1_SHA256;
  if (rsa && m.signature_format != CRT_SIGFMT_PLAIN)
    problems.push_back(who + ": RSA signatures must be declared CRT_SIGFMT_PLAIN");
  if (!rsa && m.signature_format != CRT_SIGFMT_DER && m.signature_format != CRT_SIGFMT_RAW_RS)
    problems.push_back(who + ": ECDSA/SM2 signatures must be DER or RAW_RS");
  if (rsa && (m.min_bits < 1024 || m.max_bits < m.min_bits))
    problems.push_back(who + ": RSA key sizes " + std::to_string(m.min_bits) + ".." +
                       std::to_string(m.max_bits) + " make no sense");
  if (!rsa && (m.min_bits != 256 || m.max_bits != 256))
    problems.push_back(who + ": EC/SM2 key sizes must be 256");
  if (m.can_generate > 1) problems.push_back(who + ": can_generate must be 0 or 1");
  if (m.can_generate && !has_generate)
    problems.push_back(who + ": can_generate is set but generate_key is NULL");
  for (std::uint32_t word : m.reserved) {
    if (word != 0) {
      problems.push_back(who + ": reserved words are not zero");
      break;
    }
  }
  return problems;
}

}  // namespace

void CheckRun::check_two_call_list_tokens() {
  std::string problem;
  std::vector<char> list;
  context_->with_raw_context([&](const crt_driver_v1& t, crt_context* ctx) {
    problem = check_byte_two_call(
        [&](char* buf, std::size_t* len) { return t.list_tokens(ctx, buf, len); }, list);
  });
  if (problem.empty() && !(list.size() == 1 || (list.size() >= 2 && list[list.size() - 2] == '\0')))
    problem = "the list does not end with an extra NUL";
  if (problem.empty() && list.size() >= 2 && list[0] == '\0')
    problem = "the list starts with an empty id";
  if (!problem.empty())
    report_.fail("two-call:list_tokens", problem);
  else
    report_.pass("two-call:list_tokens", "size query, " + std::to_string(list.size()) +
                                             "-byte list, short buffer refused untouched");
}

void CheckRun::check_two_call_last_error() {
  std::string problem;
  std::vector<char> text;
  context_->with_raw_context([&](const crt_driver_v1& t, crt_context* ctx) {
    crt_token_info info{};
    const crt_status s = t.get_token_info(ctx, kUnknownToken, &info);
    if (s == CRT_OK) {
      problem = "get_token_info accepted an unknown token id";
      return;
    }
    if (s != CRT_ERR_TOKEN_NOT_PRESENT) {
      problem = "get_token_info with an unknown id gave " + status_text(s) +
                ", not CRT_ERR_TOKEN_NOT_PRESENT";
      return;
    }
    problem = check_byte_two_call(
        [&](char* buf, std::size_t* len) { return t.last_error(ctx, buf, len); }, text);
    if (problem.empty() && std::strlen(text.data()) + 1 != text.size())
      problem = "the text has a NUL before its end";
    if (problem.empty() && text.size() == 1) problem = "no error text after a failed call";
  });
  if (!problem.empty())
    report_.fail("two-call:last_error", problem);
  else
    report_.pass("two-call:last_error",
                 "unknown token refused with CRT_ERR_TOKEN_NOT_PRESENT; text \"" +
                     std::string(text.data()) + "\"");
}

void CheckRun::check_mechanisms() {
  std::vector<std::string> problems;
  std::vector<crt_mechanism_info> mechs;
  context_->with_raw_context([&](const crt_driver_v1& t, crt_context* ctx) {
    const char* id = token_->id.c_str();
    std::size_t count = 0;
    crt_status s = t.get_mechanisms(ctx, id, nullptr, &count);
    if (s != CRT_OK) {
      problems.push_back("count query gave " + status_text(s));
      return;
    }
    if (count > 0) {
      std::vector<crt_mechanism_info> small(count);
      std::size_t short_count = count - 1;
      s = t.get_mechanisms(ctx, id, small.data(), &short_count);
      if (s != CRT_ERR_BUFFER_TOO_SMALL || short_count != count)
        problems.push_back("a buffer one record short gave " + status_text(s) + " and count " +
                           std::to_string(short_count));
    }
    mechs.resize(count);
    std::size_t filled = count;
    s = t.get_mechanisms(ctx, id, count ? mechs.data() : nullptr, &filled);
    if (s != CRT_OK || filled != count) {
      problems.push_back("filling " + std::to_string(count) + " records gave " + status_text(s) +
                         " and count " + std::to_string(filled));
      return;
    }
    for (const auto& m : mechs) {
      for (auto& p : mechanism_problems(m, t.generate_key != nullptr)) problems.push_back(p);
    }
  });
  if (!problems.empty()) {
    std::string text;
    for (const auto& p : problems) text += (text.empty() ? "" : "; ") + p;
    report_.fail("mechanisms", text);
    return;
  }
  if (mechs.empty()) {
    report_.pass("mechanisms", "none: the token offers no signature algorithm");
    return;
  }
  std::string text;
  for (const auto& m : mechs) text += (text.empty() ? "" : ", ") + describe_mechanism(m);
  report_.pass("mechanisms", text);
}

}  // namespace certrenew::driver_check
