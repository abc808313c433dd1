#pragma once

#include <string>
#include <vector>

namespace certrenew::testing {

// Runs a program (argv[0] is its path) to completion, returning its exit status (128 + signal if
// a signal ended it); stdout+stderr go to `output`.
int run_program(const std::vector<std::string>& argv, std::string* output = nullptr);

// What a forked child passes to exec, built before fork(). A test has threads (servers, proxies,
// gateways), and after fork the child may call only async-signal-safe functions until it execs:
// another thread may have held the allocator's lock at the fork, and a child that allocates then
// waits for it forever (seen under ASan in the end-to-end tests).
class ExecStrings {
 public:
  explicit ExecStrings(std::vector<std::string> strings);
  ExecStrings(const ExecStrings&) = delete;
  ExecStrings& operator=(const ExecStrings&) = delete;
  // The strings as exec wants them, ending with a null pointer.
  char* const* get() const { return pointers_.data(); }

 private:
  std::vector<std::string> strings_;
  std::vector<char*> pointers_;
};

// This process's environment with `overrides` ("NAME=value", each replacing NAME; later ones win)
// and without the variables named in `removed`.
std::vector<std::string> environment_with(const std::vector<std::string>& overrides,
                                          const std::vector<std::string>& removed = {});

}  // namespace certrenew::testing
