# Creates a softtoken in a fresh directory and runs the conformance kit against it with every
# check enabled, wrong PIN and writes included.
#   -DKIT=<certrenew-driver-check> -DTOOL=<certrenew-softtoken-tool> -DDRIVER=<softtoken module>
#   -DWORK=<scratch directory, emptied first>
# The PIN lives in a file inside WORK (never on a command line).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/tokens")
set(pin_file "${WORK}/pin")
file(WRITE "${pin_file}" "246813\n")

execute_process(COMMAND ${TOOL} init --dir "${WORK}/tokens/conformance" --label "conformance"
    --kdf-cost fast --pin-file "${pin_file}"
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "certrenew-softtoken-tool init failed (${rc}):\n${out}${err}")
endif()

execute_process(COMMAND ${KIT} --plugin "${DRIVER}" --config "{\"root\":\"${WORK}/tokens\"}"
    --pin-file "${pin_file}" --allow-writes --test-wrong-pin --no-prompt
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
message("${out}${err}")
file(REMOVE_RECURSE "${WORK}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "certrenew-driver-check found failures in softtoken (exit ${rc})")
endif()
if(NOT out MATCHES "PASS +login" OR NOT out MATCHES "PASS +wrong-pin")
  message(FATAL_ERROR "the PIN checks did not run")
endif()
# Dual certificates (issue 21): the softtoken takes enveloped encryption keys and deletes them.
foreach(check envelope:tampered envelope:import envelope:certificate envelope:open-sealed)
  if(NOT out MATCHES "PASS +${check}")
    message(FATAL_ERROR "the dual-certificate check ${check} did not pass")
  endif()
endforeach()
