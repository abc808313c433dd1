# Diagnostics (issue 8): the field-support report, the client's rotating log and the support
# bundle (tar.gz through libarchive).
find_package(LibArchive 3.3 REQUIRED)
certrenew_area_sources(certrenew-client application_checks bundle diagnose driver_libraries environment logging
  proxy_settings redaction report service_checks service_probe token_checks wording)
# spdlog is public: the whole client logs through its default logger (logging.hpp).
target_link_libraries(certrenew-client PUBLIC spdlog::spdlog PRIVATE LibArchive::LibArchive
  OpenSSL::Crypto)
