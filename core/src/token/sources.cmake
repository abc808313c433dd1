# The token plugin host: loads driver libraries (Boost.DLL) and wraps the C ABI in a C++ facade.
certrenew_area_sources(certrenew-core driver driver_call plugin_host plugin_loader plugin_paths
  session session_encryption_keys signature_encoding token_context token_conversions token_error token_signer token_types)
