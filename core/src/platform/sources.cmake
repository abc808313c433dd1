# The platform's folder conventions (executable, per-user data and configuration).
target_sources(certrenew-core PRIVATE ${CMAKE_CURRENT_LIST_DIR}/folders.cpp)
