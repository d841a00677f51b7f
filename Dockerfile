# syntax=docker/dockerfile:1
# Inlet node image: docker build -t inlet:latest .   (README.md, "Deploy on Kubernetes")

# Stage 1: the runnable jar and its libraries, as bin/inlet builds them.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -q -B -DskipTests package

# Stage 2: a glibc-based JRE (the FFmpeg natives need glibc), running as user 10001.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 inlet \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin inlet \
 && mkdir -p /data \
 && chown 10001:10001 /data
WORKDIR /app
COPY --from=build /src/cluster-config/target/lib/ /app/lib/
COPY --from=build /src/cluster-config/target/inlet.jar /app/inlet.jar
# The key store (auth role); Kubernetes mounts a volume here.
ENV INLET_DATA_DIR=/data
# JavaCPP unpacks the FFmpeg natives into /tmp, writable even with a read-only root filesystem.
ENV JAVA_TOOL_OPTIONS="-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp"
USER 10001:10001
EXPOSE 1935 8080 5701
# The JVM flags are bin/inlet's (Hazelcast and JavaCPP on Java 17); options come as INLET_* variables or arguments.
ENTRYPOINT ["java", "-XX:+UseG1GC", "-Xms16m", "-XX:MaxNewSize=32m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:GCTimeRatio=4", "-XX:G1PeriodicGCInterval=60000", "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED", "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED", "-jar", "/app/inlet.jar"]
