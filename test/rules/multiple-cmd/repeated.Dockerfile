FROM node:22-slim AS build
CMD ["npm", "test"]
FROM node:22-slim
# expect: multiple-cmd
CMD ["node", "server.js"]
# expect: multiple-cmd
ENTRYPOINT ["/entrypoint.sh", \
    "--verbose"]
# expect: multiple-cmd
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
# ok: multiple-cmd
HEALTHCHECK --interval=30s CMD curl -f http://localhost/health || exit 1
# ok: multiple-cmd
ENTRYPOINT ["/entrypoint.sh"]
# ok: multiple-cmd
CMD ["node", "worker.js"]
