#pragma once
// The form remembers (issue 19): the operator and recipient of the last accepted application for
// a certificate subject, so the next renewal of that subject starts filled in (shown and
// editable), and a way to forget them. One file, <data>/applications/remembered-contacts.json,
// owner-only (0600), replaced atomically.
//
// What is kept is the minimum that makes a repeat renewal agreement, period, PIN and pay: names,
// mobile numbers, e-mail, postal address and the notification choice. The operator's resident
// ID number is never written here (it is sensitive personal information under PIPL and the data
// folder may sit on a shared office computer): it is the one field typed again.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "certrenew/client/flow/renewal_form.hpp"
#include "certrenew/core/bytes.hpp"

namespace certrenew::client {

struct RememberedContacts {
  std::string subject;         // the certificate subject as shown (for `contacts show`)
  OperatorInfo operator_info;  // id_number always empty
  RecipientInfo recipient;
  protocol::NotifyChoice notify;
  std::string saved_at;  // "YYYY-MM-DDThh:mm:ssZ"
};

class RememberedContactsStore {
 public:
  // `folder` is the application store's folder (ApplicationStore::folder()).
  explicit RememberedContactsStore(std::filesystem::path folder);

  // For the subject (its DER); nullopt when none is remembered. A damaged file reads as empty
  // (remembering is a convenience, never a reason to stop a renewal) and is replaced by the next
  // remember().
  std::optional<RememberedContacts> find(ByteView subject_der) const;
  std::vector<RememberedContacts> all() const;
  // Keeps the form's operator (without the ID number), recipient and notification choice.
  void remember(ByteView subject_der, const std::string& subject_display, const RenewalForm& form,
                const std::string& saved_at);
  // True if something was forgotten. forget_all() removes the file.
  bool forget(ByteView subject_der);
  std::size_t forget_all();

  // A form filled from what is remembered (period and ID number left as in `base`).
  static RenewalForm apply(const RememberedContacts& contacts, RenewalForm base);

  const std::filesystem::path& file() const { return file_; }

 private:
  nlohmann::json read() const;
  void write(const nlohmann::json& entries) const;

  std::filesystem::path folder_;
  std::filesystem::path file_;
};

}  // namespace certrenew::client
