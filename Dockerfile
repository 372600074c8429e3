# Multi-stage build: Maven builds the fast-jar, a slim Debian JRE image runs it.
# Debian (glibc) rather than Alpine: the embedded PostgreSQL binaries need glibc. In containers, run with an
# external PostgreSQL (QUARKUS_DATASOURCE_JDBC_URL etc., docs/operations.md); the embedded one is for laptops and CI.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline || true
COPY src src
# No tests in the image build, so no Keycloak to unpack for them.
RUN ./mvnw -B package -DskipTests -Dmdep.skip=true

FROM debian:bookworm-slim
# ffmpeg: the video pipeline probes and transcodes uploads with it (docs/videos.md).
RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless ca-certificates ffmpeg \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 1001 --home /app dailydoco
WORKDIR /app
COPY --from=build --chown=1001 /build/target/quarkus-app/lib/ ./lib/
COPY --from=build --chown=1001 /build/target/quarkus-app/*.jar ./
COPY --from=build --chown=1001 /build/target/quarkus-app/app/ ./app/
COPY --from=build --chown=1001 /build/target/quarkus-app/quarkus/ ./quarkus/
COPY --chown=1001 tenants/ ./tenants/
COPY --chown=1001 bin/dailydoco ./bin/dailydoco
USER 1001
# 8080: the public app. 9000: health and metrics for the load balancer and monitoring only (docs/operations.md).
EXPOSE 8080 9000
# JVM defaults (docs/decisions/0180-jvm-memory-and-gc-defaults.md). bin/dailydoco starts java with G1 named explicitly
# (below 2 CPUs or 1,792 MB the JVM would pick Serial GC, whose full-heap pauses stop every request) and
# ExitOnOutOfMemoryError (the orchestrator restarts a node that ran out of heap; nodes keep no state). JAVA_OPTS, read
# after those defaults, bounds the heap at 70 % of the container's memory limit (the JVM reads the cgroup limit): the
# container holds the app alone, and the other 30 % is for what is not heap (metaspace, code cache, threads, buffers:
# about 280 MiB for this app under load, bench/RESULTS.md), so give the container at least 1 GiB. The initial heap is left to
# the JVM: a larger one only raises the resident memory of an idle node. Override with docker run -e JAVA_OPTS=...
ENV DAILYDOCO_LOG_JSON=true \
    JAVA_OPTS="-XX:MaxRAMPercentage=70 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
ENTRYPOINT ["/app/bin/dailydoco"]
