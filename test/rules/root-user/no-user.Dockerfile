FROM node:22-slim
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
# expect: root-user
FROM node:22-slim
COPY --from=0 /app /app
RUN chown -R node /app
CMD ["node", "/app/server.js"]
