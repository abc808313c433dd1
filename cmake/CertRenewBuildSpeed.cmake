# Build time. CI builds a clean checkout on two cores with no compiler cache, so what a from-scratch
# build costs is what every change waits for. Measured with GCC 12 on this tree (CPU seconds):
#
# - Debug info: the default preset builds RelWithDebInfo with line tables only (-g1, set in
#   CMakePresets.json). Full debug info made a unit about a third dearer to compile (the driver
#   checker: 56.5 s with -g, 41.2 s with -g1) and the server library's archive 477 MB. Backtraces
#   keep their files and lines; full debug info is the asan preset's (Debug).
# - The linker: lld links certrenew-server in 0.6 s where GNU ld takes 2.4 s, and the tree links
#   about a hundred programs and drivers. Used when the compiler accepts -fuse-ld=lld.
# - Not used: a precompiled nlohmann/json. It saved 7% on the server library's units (their time
#   goes to instantiating templates, not to parsing), and GCC 12 then reported its -Warray-bounds
#   false positive on std::string's operator+ (GCC bug 105651) in units that were correct.

include(CheckLinkerFlag)
option(CERTRENEW_LLD "Link with lld when the compiler accepts -fuse-ld=lld" ON)
if(CERTRENEW_LLD)
  check_linker_flag(CXX "-fuse-ld=lld" CERTRENEW_HAVE_LLD)
  if(CERTRENEW_HAVE_LLD)
    add_link_options(-fuse-ld=lld)
  endif()
endif()
