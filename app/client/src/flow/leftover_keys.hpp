#pragma once
// Key pairs the flow generated on a token for an application that will never use them: the
// application was cancelled or rejected, the service refused a request that was kept for sending
// again, or deleting an unused key failed. Tokens hold only a handful of keys, so they are
// removed at the next login to that token (deleting needs a login, and cancelling does not ask
// for the PIN). One small file next to the application records, owner-only.

#include <filesystem>
#include <string>
#include <vector>

#include "certrenew/core/bytes.hpp"

namespace certrenew::client {

struct LeftoverKey {
  std::string token_id;  // serial number of the token
  Bytes key_id;
  std::string reason;       // "cancelled", "rejected", "refused", "unused"
  std::string business_no;  // the application it was made for, when it got one
};

class LeftoverKeys {
 public:
  explicit LeftoverKeys(std::filesystem::path folder) : folder_(std::move(folder)) {}

  // Adds the key unless it is listed already (atomic replace of the file).
  void add(const LeftoverKey& key) const;
  // The keys listed for this token. An unreadable file reads as empty: at worst a key stays on
  // the token, which is what happened before this list existed.
  std::vector<LeftoverKey> for_token(const std::string& token_id) const;
  // Takes these keys of this token off the list (one rewrite of the file).
  void remove(const std::string& token_id, const std::vector<Bytes>& key_ids) const;
  std::vector<LeftoverKey> all() const;  // every token's, in the order they were listed

  std::filesystem::path file() const { return folder_ / "leftover-keys.json"; }

 private:
  void write(const std::vector<LeftoverKey>& keys) const;
  std::filesystem::path folder_;
};

}  // namespace certrenew::client
