# php-fpm can run as www-data itself.
ARG PHP_VERSION=8.4
# expect: root-user
FROM php:${PHP_VERSION}-fpm-alpine
COPY src/ /var/www/html/
