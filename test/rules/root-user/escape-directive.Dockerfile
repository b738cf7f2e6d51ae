# escape=`
FROM alpine:3.20
RUN echo one `
    && echo two
# expect: root-user
USER root
CMD ["sh"]
