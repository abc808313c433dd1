# The holder's side wired in one place (runtime.hpp): locations, configuration, endpoint, trust,
# store, drivers, log.
certrenew_area_sources(certrenew-client runtime)
