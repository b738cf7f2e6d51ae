# A language base image: no ENTRYPOINT, no EXPOSE, a REPL as its command. The images built FROM it
# choose the user: reported at info.
FROM buildpack-deps:bookworm AS ruby
ENV RUBY_VERSION=3.4.1
RUN set -eux; \
	curl -fsSLo ruby.tar.xz "https://cache.ruby-lang.org/pub/ruby/3.4/ruby-$RUBY_VERSION.tar.xz"; \
	tar -xJf ruby.tar.xz -C /usr/src; \
	rm ruby.tar.xz

# expect: root-user
FROM ruby
CMD ["irb"]
