from ubuntu:24.04
# expect: sudo
run sudo apt-get update
