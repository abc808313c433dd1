# The platform's folder conventions (executable, per-user data and configuration).
certrenew_area_sources(certrenew-core folders)
