# escape=`
FROM debian:12-slim
RUN make -C /src && ( `
# ok: cd-in-run
    cd /src/docs && make html ) `
# expect: cd-in-run
    && cd /
