# Dear ImGui's GLFW and OpenGL3 backends, compiled from the sources Debian ships with
# libimgui-dev (the static libimgui.a has the core only as far as we rely on it). Third-party
# code: no -Werror here, and its headers come in as SYSTEM includes so our warnings stay ours.
set(CERTRENEW_IMGUI_BACKENDS_DIR /usr/share/doc/libimgui-dev/examples/backends
    CACHE PATH "Dear ImGui backend sources (Debian libimgui-dev)")
if(NOT EXISTS ${CERTRENEW_IMGUI_BACKENDS_DIR}/imgui_impl_glfw.cpp)
  message(FATAL_ERROR "Dear ImGui backends not found in ${CERTRENEW_IMGUI_BACKENDS_DIR}: "
                      "install libimgui-dev (scripts/setup)")
endif()
if(TARGET certrenew-imgui-backends)
  return()
endif()
add_library(certrenew-imgui-backends STATIC
  ${CERTRENEW_IMGUI_BACKENDS_DIR}/imgui_impl_glfw.cpp
  ${CERTRENEW_IMGUI_BACKENDS_DIR}/imgui_impl_opengl3.cpp)
target_include_directories(certrenew-imgui-backends SYSTEM PUBLIC
  ${IMGUI_INCLUDE_DIRS} /usr/include/imgui/backends)
target_link_libraries(certrenew-imgui-backends PUBLIC PkgConfig::IMGUI PkgConfig::GLFW
                                                      OpenGL::GL ${CMAKE_DL_LIBS})
# Never compiled as one unity file: the GLFW backend's GL headers and the OpenGL3 backend's own
# loader both declare the GL function types.
set_target_properties(certrenew-imgui-backends PROPERTIES CXX_VISIBILITY_PRESET hidden UNITY_BUILD OFF)
# ImGui 1.86's GL loader fills `ptr[53]` of a union from a 54-name table (the union's struct
# view has room; upstream fixed the count later). UBSan's bounds check stops the sanitizer build
# there, so it is off for this third-party target only.
target_compile_options(certrenew-imgui-backends PRIVATE -fno-sanitize=bounds)
