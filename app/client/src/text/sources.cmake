# The client's message catalogues (issue 14): every sentence the client library shows, by id.
target_sources(certrenew-client PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/client_catalogues.cpp
  ${CMAKE_CURRENT_LIST_DIR}/catalogues/flow_errors.cpp
  ${CMAKE_CURRENT_LIST_DIR}/catalogues/flow_words.cpp
  ${CMAKE_CURRENT_LIST_DIR}/catalogues/time_units.cpp)
