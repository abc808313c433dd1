#include "sar_codes.hpp"

#include <certrenew/plugins/return_codes.hpp>

#include <array>

#include "bridge_error.hpp"
#include "catalogues/skf_texts.hpp"

namespace certrenew::skf {

namespace {

using SarInfo = plugins::ReturnCode<ULONG, SkfText>;
using plugins::code_hex;

// Every SAR_* of GM/T 0016-2012. The status column is what the host reacts to: PIN problems, a
// missing token, a full token, bad input.
// clang-format off
#define SAR(code, status, text) SarInfo{code, #code, SkfText::text, CRT_ERR_##status}
constexpr std::array kReturnValues = {
    SarInfo{SAR_OK, "SAR_OK", SkfText::sar_ok, CRT_OK},
    SAR(SAR_FAIL,                      DEVICE,            sar_fail),
    SAR(SAR_UNKNOWNERR,                DEVICE,            sar_unknownerr),
    SAR(SAR_NOTSUPPORTYETERR,          NOT_SUPPORTED,     sar_notsupportyeterr),
    SAR(SAR_FILEERR,                   DEVICE,            sar_fileerr),
    SAR(SAR_INVALIDHANDLEERR,          TOKEN_NOT_PRESENT, sar_invalidhandleerr),
    SAR(SAR_INVALIDPARAMERR,           ARGUMENTS,         sar_invalidparamerr),
    SAR(SAR_READFILEERR,               DEVICE,            sar_readfileerr),
    SAR(SAR_WRITEFILEERR,              DEVICE,            sar_writefileerr),
    SAR(SAR_NAMELENERR,                ARGUMENTS,         sar_namelenerr),
    SAR(SAR_KEYUSAGEERR,               NOT_SUPPORTED,     sar_keyusageerr),
    SAR(SAR_MODULUSLENERR,             NOT_SUPPORTED,     sar_moduluslenerr),
    SAR(SAR_NOTINITIALIZEERR,          DEVICE,            sar_notinitializeerr),
    SAR(SAR_OBJERR,                    DEVICE,            sar_objerr),
    SAR(SAR_MEMORYERR,                 GENERAL,           sar_memoryerr),
    SAR(SAR_TIMEOUTERR,                DEVICE,            sar_timeouterr),
    SAR(SAR_INDATALENERR,              DATA_INVALID,      sar_indatalenerr),
    SAR(SAR_INDATAERR,                 DATA_INVALID,      sar_indataerr),
    SAR(SAR_GENRANDERR,                DEVICE,            sar_genranderr),
    SAR(SAR_HASHOBJERR,                DEVICE,            sar_hashobjerr),
    SAR(SAR_HASHERR,                   DEVICE,            sar_hasherr),
    SAR(SAR_GENRSAKEYERR,              DEVICE,            sar_genrsakeyerr),
    SAR(SAR_RSAMODULUSLENERR,          NOT_SUPPORTED,     sar_rsamoduluslenerr),
    SAR(SAR_CSPIMPRTPUBKEYERR,         DEVICE,            sar_cspimprtpubkeyerr),
    SAR(SAR_RSAENCERR,                 DEVICE,            sar_rsaencerr),
    SAR(SAR_RSADECERR,                 DEVICE,            sar_rsadecerr),
    SAR(SAR_HASHNOTEQUALERR,           DATA_INVALID,      sar_hashnotequalerr),
    SAR(SAR_KEYNOTFOUNTERR,            OBJECT_NOT_FOUND,  sar_keynotfounterr),
    SAR(SAR_CERTNOTFOUNTERR,           OBJECT_NOT_FOUND,  sar_certnotfounterr),
    SAR(SAR_NOTEXPORTERR,              NOT_SUPPORTED,     sar_notexporterr),
    SAR(SAR_DECRYPTPADERR,             DATA_INVALID,      sar_decryptpaderr),
    SAR(SAR_MACLENERR,                 DATA_INVALID,      sar_maclenerr),
    SAR(SAR_BUFFER_TOO_SMALL,          BUFFER_TOO_SMALL,  sar_buffer_too_small),
    SAR(SAR_KEYINFOTYPEERR,            DATA_INVALID,      sar_keyinfotypeerr),
    SAR(SAR_NOT_EVENTERR,              GENERAL,           sar_not_eventerr),
    SAR(SAR_DEVICE_REMOVED,            TOKEN_NOT_PRESENT, sar_device_removed),
    SAR(SAR_PIN_INCORRECT,             PIN_INCORRECT,     sar_pin_incorrect),
    SAR(SAR_PIN_LOCKED,                PIN_LOCKED,        sar_pin_locked),
    SAR(SAR_PIN_INVALID,               PIN_INVALID,       sar_pin_invalid),
    SAR(SAR_PIN_LEN_RANGE,             PIN_INVALID,       sar_pin_len_range),
    SAR(SAR_USER_ALREADY_LOGGED_IN,    GENERAL,           sar_user_already_logged_in),
    SAR(SAR_USER_PIN_NOT_INITIALIZED,  PIN_INVALID,       sar_user_pin_not_initialized),
    SAR(SAR_USER_TYPE_INVALID,         ARGUMENTS,         sar_user_type_invalid),
    SAR(SAR_APPLICATION_NAME_INVALID,  CONFIG,            sar_application_name_invalid),
    SAR(SAR_APPLICATION_EXISTS,        OBJECT_EXISTS,     sar_application_exists),
    SAR(SAR_USER_NOT_LOGGED_IN,        NOT_LOGGED_IN,     sar_user_not_logged_in),
    SAR(SAR_APPLICATION_NOT_EXISTS,    TOKEN_NOT_PRESENT, sar_application_not_exists),
    SAR(SAR_FILE_ALREADY_EXIST,        OBJECT_EXISTS,     sar_file_already_exist),
    SAR(SAR_NO_ROOM,                   TOKEN_FULL,        sar_no_room),
    SAR(SAR_FILE_NOT_EXIST,            OBJECT_NOT_FOUND,  sar_file_not_exist),
    SAR(SAR_REACH_MAX_CONTAINER_COUNT, TOKEN_FULL,        sar_reach_max_container_count),
};
#undef SAR
// clang-format on

const SarInfo* find(ULONG rv) {
  return plugins::find_return_code(kReturnValues, rv);
}

}  // namespace

std::string sar_name(ULONG rv) {
  const SarInfo* info = find(rv);
  return info != nullptr ? info->name : "unknown SAR " + code_hex(rv);
}

std::string sar_sentence(ULONG rv) {
  const SarInfo* info = find(rv);
  return say(info != nullptr ? info->sentence : SkfText::sar_undefined);
}

crt_status sar_status(ULONG rv) {
  const SarInfo* info = find(rv);
  return info != nullptr ? info->status : CRT_ERR_GENERAL;
}

std::string describe_sar(std::string_view function, ULONG rv) {
  std::string text(function);
  text += " returned " + sar_name(rv);
  if (find(rv) != nullptr) text += " (" + code_hex(rv) + ")";
  text += ": ";
  text += sar_sentence(rv);
  return text;
}

void throw_sar(ULONG rv, std::string_view function, std::string_view doing) {
  fail(sar_status(rv), std::string(doing) + ": " + describe_sar(function, rv));
}

void check_sar(ULONG rv, std::string_view function, std::string_view doing) {
  if (rv != SAR_OK) throw_sar(rv, function, doing);
}

}  // namespace certrenew::skf
