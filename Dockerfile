# CostInsights web app and command line in one image.
#   docker build -t costinsights .
#   docker run -p 8080:8080 -v costinsights-data:/data -e Demo__Enabled=true costinsights
# Without demo mode, create the first admin first:
#   docker run -it --entrypoint costinsights -v costinsights-data:/data costinsights users add --email you@example.com --role Admin

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props CostInsights.sln ./
COPY wwwroot-assets/package.json wwwroot-assets/package-lock.json wwwroot-assets/
COPY src/ src/
COPY migrations/ migrations/
RUN dotnet publish src/CostInsights.Web -c Release -o /app/web \
    && dotnet publish src/CostInsights.Cli -c Release -o /app/cli

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# LightGBM (the global forecasting model) needs the GNU OpenMP runtime.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/web ./
COPY --from=build /app/cli ./cli/
RUN printf '#!/bin/sh\nexec dotnet /app/cli/costinsights.dll "$@"\n' > /usr/local/bin/costinsights \
    && chmod +x /usr/local/bin/costinsights \
    && mkdir -p /data && chown app /data
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    Database__DataFolder=/data
VOLUME /data
EXPOSE 8080
# /healthz reports database and scheduler health for the orchestrator to probe.
ENTRYPOINT ["dotnet", "CostInsights.Web.dll"]
