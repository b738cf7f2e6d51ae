FROM alpine:3.20 AS base
# A value with its own quotes keeps them; only the unquoted spaces are escaped.
# expect: legacy-env-format
ENV GREETING "hello world" and more
# $VAR expands the same inside double quotes.
# expect: legacy-env-format
ENV PATH /app/bin:$PATH extra
# A quoted key stays quoted.
# expect: legacy-env-format
LABEL "com.example.vendor" ACME Inc
# A multi-line value without quotes is quoted as a whole; the continuation stays inside.
# expect: legacy-env-format
ENV JAVA_OPTS -Xmx512m \
    -Xms256m
FROM base
# ok: legacy-env-format
ENV A=1 \
    B="two words"
# ok: legacy-env-format
LABEL version="1.0" description="x y"
