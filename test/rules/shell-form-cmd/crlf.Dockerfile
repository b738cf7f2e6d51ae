FROM node:22-slim
# expect: shell-form-cmd
CMD node server.js \
    --port 8080
# expect: shell-form-cmd
CMD echo "a \"quoted\" word" | cat
# ok: shell-form-cmd
CMD ["node", "server.js"]
