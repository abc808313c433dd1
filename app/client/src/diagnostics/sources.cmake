# Diagnostics (issue 8): the field-support report, the client's rotating log and the support
# bundle (tar.gz through libarchive).
find_package(LibArchive 3.3 REQUIRED)
target_sources(certrenew-client PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/application_checks.cpp
  ${CMAKE_CURRENT_LIST_DIR}/bundle.cpp
  ${CMAKE_CURRENT_LIST_DIR}/diagnose.cpp
  ${CMAKE_CURRENT_LIST_DIR}/environment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logging.cpp
  ${CMAKE_CURRENT_LIST_DIR}/proxy_settings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/redaction.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/service_checks.cpp
  ${CMAKE_CURRENT_LIST_DIR}/service_probe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/token_checks.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wording.cpp)
# spdlog is public: the whole client logs through its default logger (logging.hpp).
target_link_libraries(certrenew-client PUBLIC spdlog::spdlog PRIVATE LibArchive::LibArchive
  OpenSSL::Crypto)
