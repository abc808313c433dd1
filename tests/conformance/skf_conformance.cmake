# Runs the conformance kit on the SKF bridge (plugins/skf) over our SKF test double
# (tests/support/skf_test_module), every check enabled, wrong PIN and writes included.
#   -DKIT=<certrenew-driver-check> -DDRIVER=<libcertrenew-skf.so>
#   -DMODULE=<libcertrenew-skf-testdouble.so> -DWORK=<scratch directory, emptied first>
#   [-DFAULTS=<words for the test double's control file>]  e.g. left_aligned natural_align
# The PIN lives in a file inside WORK (never on a command line); the device file keeps only its
# SHA-256, as the test double expects.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/devices")
set(pin "246813")
file(WRITE "${WORK}/pin" "${pin}\n")
string(SHA256 user_hash "${pin}")
string(SHA256 admin_hash "admin-12345678")
file(WRITE "${WORK}/devices/SKF-CONF-0001.json" "{\"label\": \"SKF conformance\",
 \"applications\": [{\"name\": \"CERTRENEW\",
   \"user_pin_sha256\": \"${user_hash}\", \"user_retries_max\": 6, \"user_retries_left\": 6,
   \"admin_pin_sha256\": \"${admin_hash}\", \"admin_retries_max\": 10, \"admin_retries_left\": 10,
   \"containers\": []}]}")
file(WRITE "${WORK}/control" "${FAULTS}\n")
set(ENV{CERTRENEW_SKF_TESTDOUBLE_DIR} "${WORK}/devices")
set(ENV{CERTRENEW_SKF_TESTDOUBLE_CONTROL} "${WORK}/control")

include(${CMAKE_CURRENT_LIST_DIR}/run_kit_on.cmake)
run_kit_on("the SKF bridge" CONFIG "{\"library\":\"${MODULE}\"}"
  ARGS --pin-file "${WORK}/pin" --test-wrong-pin
  EXPECT "PASS +login" "PASS +wrong-pin" "PASS +sign:sm2-sm3" "PASS +certificate:sm2-sm3"
         "PASS +delete:sm2-sm3" "PASS +sign:rsa"
         # dual certificates (issue 21): ENVELOPEDKEYBLOB in the device's own layout, the
         # encryption pair kept (SKF removes it only with its container)
         "PASS +envelope:tampered" "PASS +envelope:import" "PASS +envelope:certificate"
         "PASS +envelope:open-sealed" "PASS +envelope:cleanup +the driver keeps")
