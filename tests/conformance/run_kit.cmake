# Runs certrenew-driver-check once and judges its exit code and output.
#   -DKIT=<path> -DARGS=<arguments separated by |> -DEXPECT_EXIT=0|nonzero
#   [-DEXPECT=<regexes separated by |>]   each must match the output
# The PIN, when needed, comes from the environment (--pin-env), never from these arguments.
string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND ${KIT} ${args} --no-prompt
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
message("${out}${err}")
if(EXPECT_EXIT STREQUAL "0" AND NOT rc EQUAL 0)
  message(FATAL_ERROR "expected exit 0, got ${rc}")
elseif(EXPECT_EXIT STREQUAL "nonzero" AND rc EQUAL 0)
  message(FATAL_ERROR "expected a non-zero exit, got 0")
endif()
if(DEFINED EXPECT AND NOT EXPECT STREQUAL "")
  string(REPLACE "|" ";" patterns "${EXPECT}")
  foreach(pattern IN LISTS patterns)
    if(NOT "${out}${err}" MATCHES "${pattern}")
      message(FATAL_ERROR "the output does not match: ${pattern}")
    endif()
  endforeach()
endif()
