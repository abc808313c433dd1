#pragma once
// Timing helpers the benchmarks share: seconds per operation over a batch, medians of repeats
// (of several operations measured in turns), and strict parsing of the small positive numbers given
// on their command lines.

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <vector>

namespace certrenew::bench {

using Clock = std::chrono::steady_clock;

inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

template <typename Work>
double seconds_per_operation(int iterations, Work&& work) {
  const auto start = Clock::now();
  for (int i = 0; i < iterations; ++i) work();
  const std::chrono::duration<double> elapsed = Clock::now() - start;
  return elapsed.count() / iterations;
}

// True when `text` is a whole decimal number > 0; then it is stored in `value`.
inline bool parse_positive(std::string_view text, int& value) {
  int parsed = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (error != std::errc() || end != text.data() + text.size() || parsed <= 0) return false;
  value = parsed;
  return true;
}

// How often a benchmark measures: `repeats` batches of `iterations` operations each.
struct Repeats {
  int repeats;
  int iterations;
};

// The median seconds per operation of each of `works`, measured in turns: every repeat times a
// batch of each, in the order given, so the machine's drift touches them alike.
template <typename... Works>
std::array<double, sizeof...(Works)> interleaved_medians(const Repeats& settings,
                                                         Works&&... works) {
  std::array<std::vector<double>, sizeof...(Works)> samples;
  for (int repeat = 0; repeat < settings.repeats; ++repeat) {
    std::size_t next = 0;
    (samples[next++].push_back(seconds_per_operation(settings.iterations, works)), ...);
  }
  std::array<double, sizeof...(Works)> medians{};
  for (std::size_t i = 0; i < medians.size(); ++i) medians[i] = median(samples[i]);
  return medians;
}

// Reads `--repeats N` and `--iterations K` (each optional, whole numbers > 0) into `settings`;
// anything else prints "usage: <program> [--repeats N] [--iterations K]" and gives false.
inline bool parse_repeats(int argc, char** argv, std::string_view program, Repeats& settings) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--repeats" && has_value && parse_positive(args[i + 1], settings.repeats)) {
      ++i;
    } else if (args[i] == "--iterations" && has_value &&
               parse_positive(args[i + 1], settings.iterations)) {
      ++i;
    } else {
      std::fprintf(stderr, "usage: %.*s [--repeats N] [--iterations K]\n",
                   static_cast<int>(program.size()), program.data());
      return false;
    }
  }
  return true;
}

}  // namespace certrenew::bench
