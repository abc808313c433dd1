# PKCS#10 and SignedData with a key held by a Signer (a token), and checks of issued certificates.
certrenew_area_sources(certrenew-core algorithms asn1_time chain cms_signed_data csr der error
  gmt0010_asn1 gmt0010_signed_data issued_certificate openssl_error signed_attributes signed_data
  signer_key)
