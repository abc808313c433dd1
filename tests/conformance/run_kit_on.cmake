# Included by the conformance scripts that make a token of their own in WORK.
# run_kit_on(<what> CONFIG <json> [ARGS <kit arguments...>] [EXPECT <regex...>])
# Runs certrenew-driver-check (KIT) on DRIVER with writes allowed, shows its report, empties WORK,
# and fails unless every check passed and the report matches each EXPECT. The report is left in
# `kit_report` for checks of the script's own.
function(run_kit_on what)
  cmake_parse_arguments(K "" "CONFIG" "ARGS;EXPECT" ${ARGN})
  execute_process(COMMAND ${KIT} --plugin "${DRIVER}" --config "${K_CONFIG}" ${K_ARGS}
      --allow-writes --no-prompt
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  message("${out}${err}")
  file(REMOVE_RECURSE "${WORK}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "certrenew-driver-check found failures in ${what} (exit ${rc})")
  endif()
  foreach(check IN LISTS K_EXPECT)
    if(NOT out MATCHES "${check}")
      message(FATAL_ERROR "the report does not show: ${check}")
    endif()
  endforeach()
  set(kit_report "${out}" PARENT_SCOPE)
endfunction()
