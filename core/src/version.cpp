#include "certrenew/core/version.hpp"

namespace certrenew {

std::string_view version() { return CERTRENEW_VERSION; }

}  // namespace certrenew
