# Makes a SoftHSM2 token in a fresh directory and runs the conformance kit against the PKCS#11
# bridge on it with every check enabled, wrong PIN and writes included.
#   -DKIT=<certrenew-driver-check> -DDRIVER=<libcertrenew-pkcs11> -DTOKEN_TOOL=<certrenew-test-softhsm-token>
#   -DMODULE=<PKCS#11 module the bridge loads> -DWORK=<scratch directory, emptied first>
#   [-DFAULTS=<words>]  with the fault module as MODULE: its control words (e.g. "pin_pad")
# The PINs travel in environment variables (--pin-env), never on a command line.
file(REMOVE_RECURSE "${WORK}")
set(ENV{CERTRENEW_TEST_PIN} "246813")
set(ENV{CERTRENEW_TEST_SO_PIN} "97531086")
execute_process(COMMAND ${TOKEN_TOOL} "${WORK}" "CertRenew Conformance"
  OUTPUT_VARIABLE serial ERROR_VARIABLE err RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "making the SoftHSM2 token failed (${rc}):\n${serial}${err}")
endif()
set(ENV{SOFTHSM2_CONF} "${WORK}/softhsm2.conf")

set(expect_pin_checks TRUE)
if(DEFINED FAULTS)
  file(WRITE "${WORK}/faults" "${FAULTS}\n")
  set(ENV{CERTRENEW_FAULTY_PKCS11_CONTROL} "${WORK}/faults")
  set(ENV{CERTRENEW_FAULTY_PKCS11_PAD_PIN} "$ENV{CERTRENEW_TEST_PIN}")
  if(FAULTS MATCHES "pin_pad")
    set(expect_pin_checks FALSE)  # the PIN is typed on the (emulated) device
  endif()
endif()

set(config "{\"modules\":[\"${MODULE}\"],\"tokens\":[\"pkcs11:serial=${serial}\"]}")
set(pin_args --pin-env CERTRENEW_TEST_PIN --test-wrong-pin)
if(NOT expect_pin_checks)
  set(pin_args --test-wrong-pin)
endif()
include(${CMAKE_CURRENT_LIST_DIR}/run_kit_on.cmake)
run_kit_on("the PKCS#11 bridge" CONFIG "${config}" ARGS ${pin_args}
  EXPECT "PASS +login" "PASS +sign:rsa" "PASS +sign:ecdsa" "PASS +certificate:ecdsa"
         "PASS +delete:rsa")
if(expect_pin_checks AND NOT kit_report MATCHES "PASS +wrong-pin")
  message(FATAL_ERROR "the wrong-PIN check did not run")
endif()
if(NOT expect_pin_checks AND NOT kit_report MATCHES "PIN pad")
  message(FATAL_ERROR "the kit did not see the PIN pad")
endif()
