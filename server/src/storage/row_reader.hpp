#pragma once
// One row of a query's result, read column after column from the left. Both backends serve it
// (sqlite::Statement's current row, a row of a pg::Result), so each record type has one reader,
// storage/record_rows.hpp, whatever the database: a record's columns are the same on both.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace certrenew::server {

class RowReader {
 public:
  std::int64_t integer() { return integer_at(next_++); }
  int small_integer() { return static_cast<int>(integer()); }  // an INTEGER column held as int
  std::string text() { return text_at(next_++); }
  std::vector<std::uint8_t> blob() { return blob_at(next_++); }
  // A column that may be NULL: nothing for NULL.
  std::optional<std::int64_t> optional_integer() {
    return null_at(next_) ? skip<std::int64_t>() : integer();
  }
  std::optional<std::string> optional_text() {
    return null_at(next_) ? skip<std::string>() : text();
  }
  std::optional<std::vector<std::uint8_t>> optional_blob() {
    return null_at(next_) ? skip<std::vector<std::uint8_t>>() : blob();
  }
  // Reads the next columns into `members`, left to right, each as its type says: std::int64_t and
  // int an integer, std::string text, a byte vector a blob, std::optional any of them or NULL.
  template <typename... Member>
  void into(Member&... members) {
    (read(members), ...);
  }
  bool next_is_null() const { return null_at(next_); }
  // Reading goes on at `column` (0-based), e.g. after a group of columns that was all NULL.
  void seek(int column) { next_ = column; }

 protected:
  RowReader() = default;
  RowReader(const RowReader&) = default;
  ~RowReader() = default;
  virtual std::int64_t integer_at(int column) const = 0;
  virtual std::string text_at(int column) const = 0;
  virtual std::vector<std::uint8_t> blob_at(int column) const = 0;
  virtual bool null_at(int column) const = 0;

 private:
  void read(std::int64_t& member) { member = integer(); }
  void read(int& member) { member = small_integer(); }
  void read(std::string& member) { member = text(); }
  void read(std::vector<std::uint8_t>& member) { member = blob(); }
  void read(std::optional<std::int64_t>& member) { member = optional_integer(); }
  void read(std::optional<std::string>& member) { member = optional_text(); }
  void read(std::optional<std::vector<std::uint8_t>>& member) { member = optional_blob(); }
  template <typename T>
  std::optional<T> skip() {
    ++next_;
    return std::nullopt;
  }
  int next_ = 0;
};

// How a record type is read from a row (storage/record_rows.hpp: read_record<R> and a few others).
template <typename Record>
using ReadRow = Record (*)(RowReader&);

}  // namespace certrenew::server
