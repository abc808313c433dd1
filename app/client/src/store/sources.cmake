# Local state of the client: pending applications and the configuration file.
target_sources(certrenew-client PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/atomic_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/application_record.cpp
  ${CMAKE_CURRENT_LIST_DIR}/application_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/client_config.cpp)
