FROM python:3.13-slim AS base
# Quotes are honoured when splitting; single-quoted $ is still sent to the shell (conservative).
# expect: shell-form-cmd
CMD python -c 'print("hi")' --name "two words"
# A comment line inside the continuation is dropped, as Docker does.
# expect: shell-form-cmd
entrypoint gunicorn \
    # bind everywhere
    --bind 0.0.0.0:8000 \
    app:app
# Redirects and globs need the shell.
# expect: shell-form-cmd
CMD python app.py > /var/log/app.log 2>&1
# expect: shell-form-cmd
CMD ls *.py
# A line break inside quotes keeps its spacing.
# expect: shell-form-cmd
CMD echo "a \
  b" && true
FROM base AS bashy
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# With a bash SHELL a plain command still splits into argv; one with shell features uses the SHELL.
# expect: shell-form-cmd
CMD uvicorn app:app
# expect: shell-form-cmd
CMD cat /etc/os-release | head -1
FROM bashy
# The SHELL is inherited through FROM <stage>.
# expect: shell-form-cmd
CMD echo $HOME
# ok: shell-form-cmd
ENTRYPOINT ["/docker-entrypoint.sh"]
