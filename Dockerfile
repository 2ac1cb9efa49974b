# healthbot for Docker users: `docker build -t healthbot .` then see docs/DEPLOY.md.
# Without a Docker daemon, `mvn -B -Pimage package -DskipTests` builds the same image with Jib.

# Build stage: the runnable jar (tests are run by CI, not here).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY db db
COPY src src
RUN mvn -B -q package -DskipTests

# Run stage: a JRE, the jar, a non-root user and the database on a volume.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 healthbot \
    && useradd --system --uid 10001 --gid healthbot --home-dir /data --shell /usr/sbin/nologin healthbot \
    && mkdir /data && chown healthbot:healthbot /data
COPY --from=build /src/target/healthbot.jar /app/healthbot.jar
USER healthbot
WORKDIR /data
ENV HEALTHBOT_DB=/data/healthbot.db
VOLUME /data
# /healthz on HEALTHBOT_HTTP_ADDR (127.0.0.1:8080 by default), bash only, no curl needed:
HEALTHCHECK --interval=30s --timeout=5s CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 \
  && printf "GET /healthz HTTP/1.0\r\n\r\n" >&3 && head -1 <&3 | grep -q " 200 "'
ENTRYPOINT ["java", "-Xmx256m", "-jar", "/app/healthbot.jar"]
