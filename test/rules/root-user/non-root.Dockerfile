FROM node:22-slim AS build
USER root
RUN npm ci
# ok: root-user
FROM node:22-slim
COPY --from=build /app /app
USER node
CMD ["node", "/app/server.js"]
