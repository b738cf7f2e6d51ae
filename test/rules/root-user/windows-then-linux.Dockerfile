# A Windows build stage does not make the final Linux stage Windows.
FROM mcr.microsoft.com/dotnet/framework/sdk:4.8 AS tools
RUN echo built
# expect: root-user
FROM debian:12-slim
COPY --from=tools /out /opt/tools
CMD ["/opt/tools/run"]
