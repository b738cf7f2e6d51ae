FROM nginx:1.27
# expect: invalid-port
EXPOSE 65536
