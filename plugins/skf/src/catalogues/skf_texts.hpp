#pragma once

// The SKF bridge's sentences, each in English and Chinese. Plugins build against the SDK and its
// header-only kit, not against core's text catalogues, so the bridge carries its own small one.
// A sentence crossing the driver ABI reads "English (中文)" (see say()).

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace certrenew::skf {

enum class SkfText : std::size_t {
  sar_ok,
  sar_fail,
  sar_unknownerr,
  sar_notsupportyeterr,
  sar_fileerr,
  sar_invalidhandleerr,
  sar_invalidparamerr,
  sar_readfileerr,
  sar_writefileerr,
  sar_namelenerr,
  sar_keyusageerr,
  sar_moduluslenerr,
  sar_notinitializeerr,
  sar_objerr,
  sar_memoryerr,
  sar_timeouterr,
  sar_indatalenerr,
  sar_indataerr,
  sar_genranderr,
  sar_hashobjerr,
  sar_hasherr,
  sar_genrsakeyerr,
  sar_rsamoduluslenerr,
  sar_cspimprtpubkeyerr,
  sar_rsaencerr,
  sar_rsadecerr,
  sar_hashnotequalerr,
  sar_keynotfounterr,
  sar_certnotfounterr,
  sar_notexporterr,
  sar_decryptpaderr,
  sar_maclenerr,
  sar_buffer_too_small,
  sar_keyinfotypeerr,
  sar_not_eventerr,
  sar_device_removed,
  sar_pin_incorrect,
  sar_pin_locked,
  sar_pin_invalid,
  sar_pin_len_range,
  sar_user_already_logged_in,
  sar_user_pin_not_initialized,
  sar_user_type_invalid,
  sar_application_name_invalid,
  sar_application_exists,
  sar_user_not_logged_in,
  sar_application_not_exists,
  sar_file_already_exist,
  sar_no_room,
  sar_file_not_exist,
  sar_reach_max_container_count,
  sar_undefined,
  container_missing,
  container_id_missing,
  no_device_auth,
  device_auth_algorithm,
  key_not_plugged,
  list_unstable,
  key_removed,
  login_first,
  no_signing_key,
  no_signing_certificate,
  library_needed,
  sm2_blob_bits,
  sm2_point_missing,
  rsa_blob_bits,
  rsa_blob_invalid,
  signature_unverified,
  function_missing,
  sign_algorithm,
  rsa_signature_length,
  key_type_unsupported,
  certificate_malformed,
  certificate_present,
  certificate_mismatch,
  certificate_alone,
  pin_unusable,
  pin_now_locked,
  one_try_left,
  tries_left,
  pin_locked_no_try,
  pin_incorrect,
  unblock_hint,
  admin_locked_hint,
  pin_typed_needed,
  no_change_pin,
  no_unblock_pin,
  new_pin_refused,
  library_unloadable,
  not_skf_library,
  encryption_half_kept,
  no_encryption_key,
  no_encryption_certificate,
  encryption_key_present,
  encryption_certificate_present,
  envelope_needs_sm2,
  envelope_refused,
  encryption_pair_mismatch,
  sealed_not_opened,
  encryption_not_alone,
  not_an_encryption_key,
  not_a_signing_key,
  count_  // not a text: the number of texts
};

struct SkfTextPair {
  SkfText id;
  std::string_view english;
  std::string_view chinese;
};

// The catalogue row of id (rows are kept in enum order; the unit test checks it).
const SkfTextPair& skf_text(SkfText id);

// "English (中文)" with each "{}" of either language replaced by the next of args, in order.
std::string say(SkfText id, std::initializer_list<std::string_view> args = {});

}  // namespace certrenew::skf
