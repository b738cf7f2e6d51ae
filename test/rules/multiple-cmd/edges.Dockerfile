# escape=`
FROM node:22-slim AS base
# expect: multiple-cmd
cmd node `
    server.js
# ok: multiple-cmd
CMD ["node", "server.js"]
# expect: multiple-cmd
HEALTHCHECK NONE
# ok: multiple-cmd
HEALTHCHECK --interval=30s `
    CMD curl -f http://localhost/ || exit 1
FROM base
# A stage's own CMD overrides the inherited one: not a repeat.
# ok: multiple-cmd
CMD ["node", "worker.js"]
# ok: multiple-cmd
ONBUILD CMD ["node", "onbuild.js"]
