# Form validators, money and business numbers, shared by client and server.
certrenew_area_sources(certrenew-core business_number credit_code email mobile money reason
  resident_id text_fields utf8)
