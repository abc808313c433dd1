target_sources(certrenew-core PRIVATE ${CMAKE_CURRENT_LIST_DIR}/utc_time.cpp)
