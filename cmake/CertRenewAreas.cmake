# A library built from areas (core, client): each area's folder has a sources.cmake that names
# its files once, as stems, through certrenew_area_sources; the folder is added here, not in every
# line of every list.
function(certrenew_area_sources target)
  set(files)
  foreach(stem IN LISTS ARGN)
    list(APPEND files ${CMAKE_CURRENT_LIST_DIR}/${stem}.cpp)
  endforeach()
  target_sources(${target} PRIVATE ${files})
endfunction()
