#pragma once
// TEST DOUBLE: faults that are not device states, read from the file named by
// $CERTRENEW_SKF_TESTDOUBLE_CONTROL on every call (a test changes them between two calls):
// whitespace-separated words, none (or no file) meaning no faults.
//   removed            every device is unplugged: SKF_EnumDev lists none, calls on open handles
//                      answer SAR_DEVICE_REMOVED (so "removed mid-operation" is: open, then write
//                      this word, then call)
//   removed:<serial>   only that device is unplugged
//   write_fail         every write of objects (containers, keys, certificates) fails with
//                      SAR_WRITEFILEERR and changes nothing; PIN counters still work
//   left_aligned       ECC values come back left-aligned in their 64-byte fields, as some vendors'
//                      libraries do (the standard right-aligns them)
//   natural_align      SKF_GetDevInfo writes DEVINFO as a library built without #pragma pack(1)
//                      would (2 bytes of padding before AlgSymCap)
#include <set>
#include <string>

namespace certrenew::skf_testdouble {

struct Faults {
  bool removed_all = false;
  std::set<std::string> removed_serials;
  bool write_fail = false;
  bool left_aligned = false;
  bool natural_align = false;

  bool removed(const std::string& serial) const {
    return removed_all || removed_serials.count(serial) != 0;
  }
};

Faults current_faults();

}  // namespace certrenew::skf_testdouble
