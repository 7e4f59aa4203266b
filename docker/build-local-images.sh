#!/usr/bin/env bash
# Builds local stand-ins for the public images that docker-compose.yml and the container tests
# use, for machines that reach Debian's packages and Maven Central but no image registry:
#
#   apache/kafka:4.1.1      Debian's OpenJDK 17 + the kafka_2.13 4.1.1 jars from Maven Central,
#                           started by a script that reads KAFKA_* variables like the official one
#   postgres:15             Debian's PostgreSQL 15, with an entrypoint that honours POSTGRES_USER,
#                           POSTGRES_PASSWORD, POSTGRES_DB and the data volume like the official one
#   eclipse-temurin:17-jre  Debian's OpenJDK 17 JRE, the services' base image
#
# Each is built only when no image of that name and tag is present, so a machine that can pull the
# real ones (docker pull, or docker-compose pull) never runs any of this. The base file systems
# come from debootstrap with the Debian mirror apt uses here (DEBIAN_MIRROR overrides it).
# Needs: a running Docker engine, debootstrap, root. About two minutes on a new machine.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGES=$ROOT/docker/images
SUITE=bookworm
KAFKA_IMAGE=apache/kafka:4.1.1
POSTGRES_IMAGE=postgres:15
JRE_IMAGE=eclipse-temurin:17-jre
JRE_BASE=recon-local/debian-jre:$SUITE
POSTGRES_BASE=recon-local/debian-postgres:$SUITE

log() { echo "build-local-images: $*" >&2; }

present() { docker image inspect "$1" >/dev/null 2>&1; }

# The first Debian mirror in apt's sources (deb822 .sources files or the one-line format).
debian_mirror() {
  if [[ -n ${DEBIAN_MIRROR:-} ]]; then
    echo "$DEBIAN_MIRROR"
    return
  fi
  local mirror
  mirror=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  if [[ -z $mirror ]]; then
    mirror=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' \
      /etc/apt/sources.list 2>/dev/null || true)
  fi
  echo "${mirror:-http://deb.debian.org/debian}"
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/recon-images.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# A minimal Debian with the given packages, imported as an image.
debian_base() {
  local image=$1 packages=$2 rootfs
  present "$image" && return
  rootfs=$WORK/rootfs-${image//[\/:]/-}
  log "debootstrap $SUITE with $packages -> $image"
  debootstrap --variant=minbase --include="$packages" "$SUITE" "$rootfs" "$(debian_mirror)" \
    >"$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log" >&2; return 1; }
  # No package caches, no cluster made by the postgresql package's install script.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/var/lib/postgresql/* "$rootfs"/etc/postgresql/*
  tar -C "$rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' - "$image" >/dev/null
  rm -rf "$rootfs"
}

if ! present "$JRE_IMAGE" || ! present "$KAFKA_IMAGE"; then
  debian_base "$JRE_BASE" openjdk-17-jre-headless
fi

if ! present "$JRE_IMAGE"; then
  log "$JRE_IMAGE"
  docker tag "$JRE_BASE" "$JRE_IMAGE"
fi

if ! present "$KAFKA_IMAGE"; then
  log "$KAFKA_IMAGE"
  context=$WORK/kafka
  cp -r "$IMAGES/kafka" "$context"
  "$ROOT/mvnw" -q -B -ntp -f "$context/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$context/libs"
  docker build -q -t "$KAFKA_IMAGE" "$context" >/dev/null
fi

if ! present "$POSTGRES_IMAGE"; then
  debian_base "$POSTGRES_BASE" postgresql-15
  log "$POSTGRES_IMAGE"
  docker build -q -t "$POSTGRES_IMAGE" "$IMAGES/postgres" >/dev/null
fi

log "ready: $KAFKA_IMAGE, $POSTGRES_IMAGE, $JRE_IMAGE"
