certrenew_area_sources(certrenew-core states json_field requests request_schema application_form)
certrenew_area_sources(certrenew-core dual_certificates)  # issue 21: SM2 dual certificates
certrenew_area_sources(certrenew-core public_answers application_answers
  back_office_answers)  # issue 14: typed answers
