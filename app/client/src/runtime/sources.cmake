# The holder's side wired in one place (runtime.hpp): locations, configuration, endpoint, trust,
# store, drivers, log.
target_sources(certrenew-client PRIVATE ${CMAKE_CURRENT_LIST_DIR}/runtime.cpp)
