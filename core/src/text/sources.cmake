# Languages, the bilingual text type and the core's message catalogues.
target_sources(certrenew-core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/catalogue.cpp
  ${CMAKE_CURRENT_LIST_DIR}/core_catalogues.cpp
  ${CMAKE_CURRENT_LIST_DIR}/language.cpp
  ${CMAKE_CURRENT_LIST_DIR}/catalogues/form_reasons.cpp)
