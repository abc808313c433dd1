target_sources(certrenew-client PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/application_signing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/error_mapping.cpp
  ${CMAKE_CURRENT_LIST_DIR}/flow_error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/flow_wording.cpp
  ${CMAKE_CURRENT_LIST_DIR}/installation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/issuer_trust.cpp
  ${CMAKE_CURRENT_LIST_DIR}/leftover_keys.cpp
  ${CMAKE_CURRENT_LIST_DIR}/renewal_flow.cpp
  ${CMAKE_CURRENT_LIST_DIR}/renewal_form.cpp
  ${CMAKE_CURRENT_LIST_DIR}/service_facts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/submission_outbox.cpp
  ${CMAKE_CURRENT_LIST_DIR}/token_inventory.cpp)
