# Build time. CI builds a clean checkout on two cores with no compiler cache, so what a from-scratch
# build costs is what every change waits for. Measured with GCC 12 on this tree (CPU seconds):
#
# - Debug info: the default preset builds RelWithDebInfo with line tables only (-g1, set in
#   CMakePresets.json). Full debug info made a unit about a third dearer to compile (the driver
#   checker: 56.5 s with -g, 41.2 s with -g1) and the server library's archive 477 MB. Backtraces
#   keep their files and lines; full debug info is the asan preset's (Debug).
# - The linker: lld links certrenew-server in 0.6 s where GNU ld takes 2.4 s, and the tree links
#   about a hundred programs and drivers. Used when the compiler accepts -fuse-ld=lld.
# - Unity builds: the default preset sets CMAKE_UNITY_BUILD (CMakePresets.json), so CMake compiles
#   each target's sources in batches of eight, one compiler run per batch. Most of a unit's time
#   was parsing the same headers (nlohmann/json alone: 1.9 s of parsing in each of 299 units) and
#   instantiating the same templates. A clean build of the whole tree, fuzzers included, with no
#   compiler cache: 2,493 s of CPU and 22.6 min on two cores before, 1,347 s and 12.2 min after.
#   What it asks of the code: names in a file's anonymous namespace must differ from those of the
#   other files of the same target (they share a unit now), so a helper two files need lives once
#   in a header. The asan preset still compiles each file on its own, which is what checks that
#   every file includes what it uses. Targets whose objects must stay separate (an archive that
#   programs link member by member, third-party sources) set UNITY_BUILD OFF.
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
