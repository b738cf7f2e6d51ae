FROM node:22-slim
# root is root-user's finding, not this rule's.
# ok: numeric-user
USER root
