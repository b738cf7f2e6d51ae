FROM alpine:3.20
# expect: shell-form-cmd
CMD echo "a \"quoted\" word" | cat
