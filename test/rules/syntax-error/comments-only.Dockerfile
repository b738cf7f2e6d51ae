# Only comments: an empty Dockerfile has nothing to report yet.
