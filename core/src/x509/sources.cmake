# Certificate model, time display, chain ordering and renewal eligibility (no verification here).
target_sources(certrenew-core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/certificate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/chain.cpp
  ${CMAKE_CURRENT_LIST_DIR}/extensions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/input.cpp
  ${CMAKE_CURRENT_LIST_DIR}/names.cpp
  ${CMAKE_CURRENT_LIST_DIR}/public_key.cpp
  ${CMAKE_CURRENT_LIST_DIR}/renewal.cpp
  ${CMAKE_CURRENT_LIST_DIR}/time_format.cpp
  ${CMAKE_CURRENT_LIST_DIR}/times.cpp)
