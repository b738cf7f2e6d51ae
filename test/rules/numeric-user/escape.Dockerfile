# escape=`
FROM debian:12-slim
USER `
    # expect: numeric-user
    app
