# escape=`
FROM alpine:3.20
# expect: pipe-to-shell
RUN curl -fsSL https://get.example.com `
    | ash
