# Every dependency is a Debian package installed by scripts/setup; nothing is fetched or vendored.
find_package(OpenSSL 3.0 REQUIRED)
find_package(Boost 1.74 REQUIRED) # header-only parts: Boost.DLL
find_package(nlohmann_json 3.10 REQUIRED)
find_package(Threads REQUIRED)
find_package(CLI11 REQUIRED) # command-line tools
find_package(spdlog REQUIRED)
if(CERTRENEW_BUILD_TESTS)
  find_package(doctest REQUIRED)
endif()
