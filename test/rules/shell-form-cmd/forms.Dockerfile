FROM node:22-slim
# expect: shell-form-cmd
CMD node server.js --port 8080
# expect: shell-form-cmd
ENTRYPOINT "/usr/local/bin/entry point.sh" --verbose
# ok: shell-form-cmd
CMD ["node", "server.js"]
FROM python:3.13-slim
# Shell features keep the shell: sh -c with the original command.
# expect: shell-form-cmd
CMD gunicorn app:app --workers $WORKERS && echo done
# expect: shell-form-cmd
cmd python -m app \
    --host 0.0.0.0 \
    --port 8000
# Broken JSON is syntax-error's finding; rewriting it as sh -c would keep the mistake.
# ok: shell-form-cmd
CMD [python, /usr/src/app/app.py]
