#pragma once

#include <string>
#include <vector>

namespace certrenew::testing {

// Runs a program (argv[0] is its path) to completion, returning its exit status (128 + signal if
// a signal ended it); stdout+stderr go to `output`.
int run_program(const std::vector<std::string>& argv, std::string* output = nullptr);

}  // namespace certrenew::testing
