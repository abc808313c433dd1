# PKCS#10 and SignedData with a key held by a Signer (a token), and checks of issued certificates.
target_sources(certrenew-core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/algorithms.cpp
  ${CMAKE_CURRENT_LIST_DIR}/asn1_time.cpp
  ${CMAKE_CURRENT_LIST_DIR}/chain.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cms_signed_data.cpp
  ${CMAKE_CURRENT_LIST_DIR}/csr.cpp
  ${CMAKE_CURRENT_LIST_DIR}/der.cpp
  ${CMAKE_CURRENT_LIST_DIR}/error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/gmt0010_asn1.cpp
  ${CMAKE_CURRENT_LIST_DIR}/gmt0010_signed_data.cpp
  ${CMAKE_CURRENT_LIST_DIR}/issued_certificate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/openssl_error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/signed_attributes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/signed_data.cpp
  ${CMAKE_CURRENT_LIST_DIR}/signer_key.cpp)
