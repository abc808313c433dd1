// The flow's steps and actions as a person reads them, from the client_flow_words catalogue.
#include <array>
#include <string>

#include "certrenew/client/catalogues.hpp"
#include "certrenew/client/flow/renewal_flow.hpp"

namespace certrenew::client {

namespace {

// FlowAction's ids, in enum order (an action has no code() of its own: only people read it).
constexpr std::array<std::string_view, 12> kActionIds = {
    "choose_certificate", "apply",      "show_agreement", "accept_agreement",
    "submit_form",        "sign",       "go_back",        "cancel",
    "save_transfers",     "pay_online", "query_progress", "install"};
static_assert(static_cast<std::size_t>(FlowAction::install) + 1 == kActionIds.size(),
              "kActionIds must list every FlowAction, in enum order");

std::string_view word(std::string_view prefix, std::string_view id, Language language) {
  const Catalogue& words = catalogues::flow_words();
  const std::string key = std::string(prefix) + std::string(id);
  const CatalogueEntry* entry = words.find(key);
  return (entry ? *entry : words.at(std::string(prefix) + "unknown")).in(language);
}

}  // namespace

std::string_view step_name(FlowStep step, Language language) {
  return word("step.", code(step), language);
}

std::string_view action_name(FlowAction action, Language language) {
  const auto index = static_cast<std::size_t>(action);
  return word("action.", index < kActionIds.size() ? kActionIds[index] : "unknown", language);
}

}  // namespace certrenew::client
