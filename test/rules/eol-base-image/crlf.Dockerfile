# expect: eol-base-image
FROM php:7.4-fpm-bullseye
# ok: eol-base-image
RUN echo "php:7.4 in a RUN line is not a base image"
