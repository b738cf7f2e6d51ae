FROM fedora:41
# Not the final image's chain (the final stage builds FROM base): not checked.
# ok: package-cache-cleanup
RUN dnf install -y nginx
# ok: package-cache-cleanup
RUN dnf install -y git && dnf clean all
FROM centos:7 AS base
# expect: package-cache-cleanup
RUN yum install -y httpd
# ok: package-cache-cleanup
RUN yum install -y git && yum clean all
FROM base
# ok: package-cache-cleanup
RUN echo "FROM base ships base's layers, so base is checked"
