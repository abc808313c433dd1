# Message catalogues are translators' data: JSON files in catalogues/ folders (docs/architecture.md,
# "Text and languages").
# certrenew_embed_catalogues compiles them into a target: for each file it generates, at build
# time and again whenever the file changes, a .cpp in the build tree that holds the file's bytes
# and defines the catalogue's accessor. The accessor parses the bytes once, with the one strict
# loader (certrenew/core/text/catalogue_loader.hpp); no file is looked up at run time.
#
#   certrenew_embed_catalogues(<target> NAMESPACE <ns> HEADERS <header>...
#                              CATALOGUES [<function>=]<file.json>...)
#
# <function> (the accessor, `const Catalogue& <function>()` in <ns>, declared in one of HEADERS)
# defaults to the file's stem; a relative file is taken from the calling list file's folder.
set(CERTRENEW_EMBED_CATALOGUE_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/EmbedCatalogue.cmake)

function(certrenew_embed_catalogues target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "NAMESPACE" "HEADERS;CATALOGUES")
  if(NOT arg_NAMESPACE OR NOT arg_HEADERS OR NOT arg_CATALOGUES OR arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "certrenew_embed_catalogues(${target}): NAMESPACE, HEADERS and "
                        "CATALOGUES are required (got ${ARGN})")
  endif()
  foreach(item IN LISTS arg_CATALOGUES)
    if(item MATCHES "^([A-Za-z_][A-Za-z0-9_]*)=(.+)$")
      set(function ${CMAKE_MATCH_1})
      set(file ${CMAKE_MATCH_2})
    else()
      get_filename_component(function ${item} NAME_WE)
      set(file ${item})
    endif()
    get_filename_component(file ${file} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_LIST_DIR})
    file(RELATIVE_PATH source ${PROJECT_SOURCE_DIR} ${file})
    string(REPLACE ";" "|" headers "${arg_HEADERS}")
    set(out ${CMAKE_CURRENT_BINARY_DIR}/catalogues/${target}/${function}.cpp)
    add_custom_command(OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -DINPUT=${file} -DOUTPUT=${out} -DSOURCE=${source}
              -DNAMESPACE=${arg_NAMESPACE} -DFUNCTION=${function} -DHEADERS=${headers}
              -P ${CERTRENEW_EMBED_CATALOGUE_SCRIPT}
      DEPENDS ${file} ${CERTRENEW_EMBED_CATALOGUE_SCRIPT}
      COMMENT "Embedding catalogue ${source}"
      VERBATIM)
    target_sources(${target} PRIVATE ${out})
  endforeach()
endfunction()
