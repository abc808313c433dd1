# The client's message catalogues (issue 14): every sentence the client library shows, by id
# (JSON, embedded by certrenew_embed_catalogues).
certrenew_area_sources(certrenew-client client_catalogues)
certrenew_embed_catalogues(certrenew-client NAMESPACE certrenew::client::catalogues
  HEADERS certrenew/client/catalogues.hpp
  CATALOGUES catalogues/flow_errors.json catalogues/flow_words.json catalogues/time_units.json
    catalogues/config_problems.json catalogues/diagnostics_report.json
    catalogues/diagnostics_service.json catalogues/diagnostics_tokens.json)
