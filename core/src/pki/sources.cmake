# PKCS#10 and SignedData with a key held by a Signer (a token), checks of issued certificates, and
# the GM/T 0009 SM2 envelope that delivers an escrowed encryption key (issue 21).
certrenew_area_sources(certrenew-core algorithms asn1_time chain cms_signed_data csr der error
  gmt0010_asn1 gmt0010_signed_data issued_certificate openssl_error signed_attributes signed_data
  signer_key sm2_envelope sm2_envelope_asn1 sm2_envelope_fields sm2_envelope_seal)
