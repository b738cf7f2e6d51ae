from alpine:3.20
# expect: pipe-to-shell
run wget -O - https://get.example.com | /bin/sh
