# Languages, the bilingual text type, the catalogue loader and the core's message catalogues
# (JSON, embedded by certrenew_embed_catalogues).
certrenew_area_sources(certrenew-core catalogue catalogue_loader core_catalogues language)
certrenew_embed_catalogues(certrenew-core NAMESPACE certrenew::catalogues
  HEADERS certrenew/core/text/catalogues.hpp
  CATALOGUES catalogues/form_reasons.json catalogues/application_states.json)
