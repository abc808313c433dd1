certrenew_area_sources(certrenew-core utc_time)
