# Single-stage files: each FROM below is the final stage of its own build in spirit; the ones
# that are not the final stage here are copied from by it, so they all reach the build.
# expect: eol-base-image
FROM python:3.8-slim AS py38
# expect: eol-base-image
FROM node:14-alpine AS node14
# expect: eol-base-image
FROM debian:stretch AS stretch
# expect: eol-base-image
FROM ubuntu:18.04 AS bionic
# expect: eol-base-image
FROM centos:7 AS centos
# expect: eol-base-image
FROM postgres:11 AS pg
# Distro codename inside a runtime tag: Python 3.12 is supported, Debian 10 under it is not.
# expect: eol-base-image
FROM python:3.12-buster AS buster
# expect: eol-base-image
FROM docker.io/library/golang:1.20-alpine3.16 AS go
# expect: eol-base-image
FROM mcr.microsoft.com/dotnet/aspnet:6.0 AS dotnet
# A tag less specific than the release lines follows the newest: mongo:4 is 4.4, ended.
# expect: eol-base-image
FROM mongo:4 AS mongo
# ok: eol-base-image
FROM python:3 AS py3
# ok: eol-base-image
FROM debian:bookworm-slim AS bookworm
# Debian 12's security team support ended in 2026, but Debian LTS (which the image gets) runs to 2028.
# ok: eol-base-image
FROM debian:12 AS deb12
# ok: eol-base-image
FROM ubuntu:24.04 AS noble
# ok: eol-base-image
FROM node:lts-alpine AS lts
# ok: eol-base-image
FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS digest
# ok: eol-base-image
FROM ghcr.io/acme/python:3.6 AS unknown-publisher
# ok: eol-base-image
FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4 AS ubi
# ok: eol-base-image
FROM scratch
COPY --from=py38 / /a
COPY --from=node14 / /b
COPY --from=stretch / /c
COPY --from=bionic / /d
COPY --from=centos / /e
COPY --from=pg / /f
COPY --from=buster / /g
COPY --from=go / /h
COPY --from=dotnet / /i
COPY --from=mongo / /j
COPY --from=py3 / /k
COPY --from=bookworm / /l
COPY --from=deb12 / /m
COPY --from=noble / /n
COPY --from=lts / /o
COPY --from=digest / /p
COPY --from=unknown-publisher / /q
COPY --from=ubi / /r
