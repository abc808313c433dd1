# Languages, the bilingual text type and the core's message catalogues.
certrenew_area_sources(certrenew-core catalogue core_catalogues language catalogues/form_reasons)
