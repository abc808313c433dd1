# The client's message catalogues (issue 14): every sentence the client library shows, by id.
certrenew_area_sources(certrenew-client client_catalogues catalogues/flow_errors
  catalogues/flow_words catalogues/time_units)
