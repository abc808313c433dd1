# The token plugin host: loads driver libraries (Boost.DLL) and wraps the C ABI in a C++ facade.
target_sources(certrenew-core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/driver.cpp
  ${CMAKE_CURRENT_LIST_DIR}/driver_call.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plugin_host.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plugin_loader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plugin_paths.cpp
  ${CMAKE_CURRENT_LIST_DIR}/session.cpp
  ${CMAKE_CURRENT_LIST_DIR}/signature_encoding.cpp
  ${CMAKE_CURRENT_LIST_DIR}/token_context.cpp
  ${CMAKE_CURRENT_LIST_DIR}/token_conversions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/token_error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/token_signer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/token_types.cpp)
