"""Running the kennisbank in production: health endpoints, security headers, outages, background tasks."""
