# Certificate model, time display, chain ordering and renewal eligibility (no verification here).
certrenew_area_sources(certrenew-core certificate chain extensions input names public_key renewal
  time_format times)
