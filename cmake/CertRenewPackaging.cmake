# The portable package: `cmake --install` (or `cpack -G TGZ`) lays out one folder that runs where
# it is unpacked, the same layout as bin/ in the build tree:
#   certrenew  certrenew-cli  certrenew-driver-check  certrenew-softtoken-tool
#   plugins/   the drivers we ship (a vendor's driver is dropped in here too)
#   certrenew.portable   marker: configuration, data and logs live beside the executables
#   README.txt           for the user (docs/portable-readme.txt)
# Executables find nothing through absolute paths: their RUNPATH is $ORIGIN only, the drivers are
# looked up in "<exe dir>/plugins", and everything else comes from the system's Debian packages.
include(GNUInstallDirs)

set(CMAKE_INSTALL_RPATH "$ORIGIN")
set(CERTRENEW_PACKAGE_PROGRAMS certrenew certrenew-cli certrenew-driver-check
                               certrenew-softtoken-tool)
set(CERTRENEW_PACKAGE_DRIVERS certrenew-softtoken certrenew-pkcs11)

function(certrenew_install_package)
  foreach(program IN LISTS CERTRENEW_PACKAGE_PROGRAMS)
    if(TARGET ${program})
      set_target_properties(${program} PROPERTIES INSTALL_RPATH "$ORIGIN")
      install(TARGETS ${program} RUNTIME DESTINATION . COMPONENT client)
    endif()
  endforeach()
  foreach(driver IN LISTS CERTRENEW_PACKAGE_DRIVERS)
    if(TARGET ${driver})
      set_target_properties(${driver} PROPERTIES INSTALL_RPATH "$ORIGIN")
      install(TARGETS ${driver} LIBRARY DESTINATION plugins COMPONENT client)
    endif()
  endforeach()
  install(FILES ${PROJECT_SOURCE_DIR}/docs/portable-readme.txt DESTINATION . RENAME README.txt
          COMPONENT client)
  # An empty marker file: its presence is what counts (client::kPortableMarker).
  file(WRITE ${PROJECT_BINARY_DIR}/package/certrenew.portable "")
  install(FILES ${PROJECT_BINARY_DIR}/package/certrenew.portable DESTINATION . COMPONENT client)
  if(EXISTS ${PROJECT_SOURCE_DIR}/assets/fonts)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/fonts DESTINATION assets COMPONENT client)
  endif()
  # The operators' console pages (issue 18), beside the agreement texts a server reads from assets/.
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/console ${PROJECT_SOURCE_DIR}/assets/agreement
          DESTINATION assets COMPONENT client)

  set(CPACK_PACKAGE_NAME certrenew)
  set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
  set(CPACK_PACKAGE_VENDOR "CertRenew")
  set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Renew the certificate on your USB token online")
  set(CPACK_GENERATOR TGZ)
  set(CPACK_PACKAGE_FILE_NAME
      "certrenew-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}-portable")
  set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)
  set(CPACK_STRIP_FILES ON)  # no debug info, so no build paths inside the binaries
  set(CPACK_COMPONENTS_ALL client)
  set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)
  include(CPack)
endfunction()
