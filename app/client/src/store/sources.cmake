# Local state of the client: pending applications and the configuration file.
certrenew_area_sources(certrenew-client atomic_file application_record application_store
  client_config remembered_contacts)
