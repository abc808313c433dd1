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

include(${CMAKE_CURRENT_LIST_DIR}/run_kit_on.cmake)
run_kit_on(softtoken CONFIG "{\"root\":\"${WORK}/tokens\"}"
  ARGS --pin-file "${pin_file}" --test-wrong-pin
  # the PIN checks, and dual certificates (issue 21): the softtoken takes enveloped encryption
  # keys and deletes them
  EXPECT "PASS +login" "PASS +wrong-pin" "PASS +envelope:tampered" "PASS +envelope:import"
         "PASS +envelope:certificate" "PASS +envelope:open-sealed")
