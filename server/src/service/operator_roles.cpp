#include "service/operator_roles.hpp"

#include "service/catalogue_errors.hpp"

namespace certrenew::server {

std::string_view role_code(Role r) {
  return lookup(kRoleCodes, r).value_or("admin");
}

std::optional<Role> parse_role(std::string_view code) {
  return lookup_key(kRoleCodes, code);
}

bool allowed(const Actor& actor, Permission p) {
  if (actor.every_permission) return true;
  switch (p) {
    case Permission::view:
      return true;
    case Permission::confirm_payment:
      return actor.role == Role::finance;
    case Permission::review:
      return actor.role == Role::reviewer;
    case Permission::manage:
    case Permission::recover_keys:
      return actor.role == Role::admin;
  }
  return false;
}

void require(const Actor& actor, Permission p) {
  if (allowed(actor, p)) return;
  const char* needed = p == Permission::confirm_payment ? "finance"
                       : p == Permission::review        ? "reviewer"
                                                        : "admin";
  throw back_office_error(403, "forbidden_role", std::string("role.") + needed + "_needed",
                          {{"needed_role", needed}});
}

}  // namespace certrenew::server
