FROM alpine:3.20
# Escaped and single-quoted references are literal text, not expansions.
# ok: env-self-reference
ENV A=1 B=\$A C='$A'
# expect: env-self-reference
ENV X=1 Y="$X-suffix"
# A default that refers to a variable of the same instruction counts too.
# expect: env-self-reference
env P=/opt Q=${UNSET:-$P}
# expect: env-self-reference, env-self-reference
ENV M=1 N=$M$M
# The legacy form sets one variable only.
# ok: env-self-reference
ENV HOME /home/$HOME
