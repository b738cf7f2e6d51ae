FROM debian:12-slim
# expect: insecure-transport
RUN curl -k https://internal.example/tool -o /usr/local/bin/tool
# expect: insecure-transport
RUN curl -fsSLk https://internal.example/a.tgz | tar -xz
# expect: insecure-transport
RUN curl --insecure -o /tmp/x https://internal.example/x
# expect: insecure-transport
RUN wget --no-check-certificate https://internal.example/x
# expect: insecure-transport
RUN apt-get update && apt-get install -y --allow-unauthenticated curl
# expect: insecure-transport
RUN pip install --trusted-host pypi.internal --index-url https://pypi.internal/simple flask
# expect: insecure-transport
RUN git -c http.sslVerify=false clone https://git.internal/repo.git /src
# expect: insecure-transport
RUN npm config set strict-ssl false
# expect: insecure-transport
RUN git config --global http.sslVerify false
# ok: insecure-transport
RUN curl -fsSL https://example.com/x -o /tmp/x
# ok: insecure-transport
RUN echo "curl -k is bad" > /tmp/note
