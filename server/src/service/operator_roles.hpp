#pragma once
// Who may do what in the back office (issue 18). Roles separate duties: finance confirms money,
// reviewers decide applications, admins manage accounts; nobody does two of these.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "certrenew/core/lookup_table.hpp"

namespace certrenew::server {

enum class Role { finance, reviewer, admin };

// Each role and its code in operator records, the audit log and the console.
inline constexpr auto kRoleCodes = std::to_array<std::pair<Role, std::string_view>>({
    {Role::finance, "finance"},
    {Role::reviewer, "reviewer"},
    {Role::admin, "admin"},
});

enum class Permission {
  view,             // queue, applications, reports, audit log: every role
  confirm_payment,  // finance: confirm transfers, reconcile statements, record refunds
  review,           // reviewer: approve, reject, reason templates
  manage,           // admin: operator accounts
  recover_keys,     // admin: re-deliver an escrowed encryption key (issue 21, key recovery)
};

std::string_view role_code(Role r);
std::optional<Role> parse_role(std::string_view code);

// The caller of a back-office use case.
struct Actor {
  std::string name;
  Role role = Role::admin;
  // The deprecated shared operator token of config.json (`operators`), and in-process callers
  // (tests, benchmarks): every permission, as before roles existed.
  bool every_permission = false;
  std::string source;  // address of the request; "cli" for the operator command

  Actor() = default;
  Actor(std::string n, Role r, std::string from)
      : name(std::move(n)), role(r), source(std::move(from)) {}
  // In-process callers only (tests, benchmarks): an actor with every permission.
  Actor(std::string in_process_name)  // NOLINT(google-explicit-constructor)
      : name(std::move(in_process_name)), every_permission(true), source("in-process") {}
  Actor(const char* in_process_name) : Actor(std::string(in_process_name)) {}  // NOLINT

  std::string role_text() const {
    return every_permission ? "all-roles" : std::string(role_code(role));
  }
};

bool allowed(const Actor& actor, Permission p);
// Throws ApiError 403 forbidden_role naming the role needed.
void require(const Actor& actor, Permission p);

}  // namespace certrenew::server
