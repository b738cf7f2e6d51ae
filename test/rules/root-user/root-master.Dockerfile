# nginx's master must start as root to bind port 80: the advice is an unprivileged variant or a
# high port, not "add USER 10001:10001".
# expect: root-user
FROM nginx:1.27-alpine
COPY site/ /usr/share/nginx/html/
