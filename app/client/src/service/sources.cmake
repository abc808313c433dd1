target_sources(certrenew-client PRIVATE ${CMAKE_CURRENT_LIST_DIR}/service_client.cpp
                                        ${CMAKE_CURRENT_LIST_DIR}/curl_transfer.cpp)
