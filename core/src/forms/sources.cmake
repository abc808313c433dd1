# Form validators, money and business numbers, shared by client and server.
target_sources(certrenew-core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/business_number.cpp
  ${CMAKE_CURRENT_LIST_DIR}/credit_code.cpp
  ${CMAKE_CURRENT_LIST_DIR}/email.cpp
  ${CMAKE_CURRENT_LIST_DIR}/mobile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/money.cpp
  ${CMAKE_CURRENT_LIST_DIR}/reason.cpp
  ${CMAKE_CURRENT_LIST_DIR}/resident_id.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text_fields.cpp
  ${CMAKE_CURRENT_LIST_DIR}/utf8.cpp)
