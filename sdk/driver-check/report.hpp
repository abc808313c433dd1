#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace certrenew::driver_check {

enum class CheckStatus { pass, fail, skip };

struct CheckResult {
  std::string name;    // short and stable, e.g. "two-call:list_tokens"
  CheckStatus status;  //
  std::string reason;  // one line
};

// The results of one run, printed for people or as JSON for machines.
class Report {
 public:
  void pass(std::string name, std::string reason) {
    add(std::move(name), CheckStatus::pass, std::move(reason));
  }
  void fail(std::string name, std::string reason) {
    add(std::move(name), CheckStatus::fail, std::move(reason));
  }
  void skip(std::string name, std::string reason) {
    add(std::move(name), CheckStatus::skip, std::move(reason));
  }
  void add(std::string name, CheckStatus status, std::string reason);

  // Facts about the driver shown in the header ("name", "vendor", "version", "token", ...).
  void fact(std::string key, std::string value);

  bool any_failed() const;
  int count(CheckStatus status) const;
  const std::vector<CheckResult>& results() const { return results_; }

  void print_human(std::ostream& out, const std::string& plugin) const;
  void print_json(std::ostream& out, const std::string& plugin) const;

 private:
  std::vector<CheckResult> results_;
  std::vector<std::pair<std::string, std::string>> facts_;
};

}  // namespace certrenew::driver_check
