#!/bin/sh
set -e
# Fix ownership of the mounted volume, then run as the service user.
if [ "$(id -u)" = '0' ]; then
	chown -R worker /data
	exec gosu worker "$0" "$@"
fi
exec "$@"
