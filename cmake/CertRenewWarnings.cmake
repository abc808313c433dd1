# Warnings are errors on our own code only; third-party headers come in as SYSTEM includes.
function(certrenew_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror
    $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual>)
endfunction()

# A token driver: a shared module that exports only certrenew_driver_v1 and lands in bin/plugins.
function(certrenew_add_driver target)
  add_library(${target} MODULE ${ARGN})
  certrenew_warnings(${target})
  target_link_libraries(${target} PRIVATE certrenew::sdk)
  set_target_properties(${target} PROPERTIES
    PREFIX "lib"
    LIBRARY_OUTPUT_DIRECTORY ${CERTRENEW_PLUGIN_OUTPUT_DIR}
    C_VISIBILITY_PRESET hidden CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  if(NOT APPLE AND NOT WIN32)
    target_link_options(${target} PRIVATE -Wl,--no-undefined -Wl,--exclude-libs,ALL)
  endif()
endfunction()
