#!/usr/bin/env bash
# The container image's base, built from Debian packages without a Docker daemon or a registry (ADR 0045):
# Debian 12 with OpenJDK 17 (headless JRE), espeak-ng, DejaVu fonts with fontconfig, curl for the health check
# and CA certificates; a user troupe (uid 1000, group 0) and a /data folder group 0 may write. The result is a
# `docker save` style tarball that Jib reads as `tar://...` (./troupe image builds it when it is missing).
#
#   deploy/image/base.sh server/target/image-base/troupe-base.tar
#
# Needs mmdebstrap (apt-get install mmdebstrap) and root, or unprivileged user namespaces (mmdebstrap picks
# the mode). Packages come from the machine's own apt sources; MMDEBSTRAP_SOURCES names another sources file.
set -euo pipefail

out=${1:?usage: base.sh OUT.tar}
suite=bookworm
packages=openjdk-17-jre-headless,espeak-ng,fonts-dejavu-core,fontconfig,curl,ca-certificates
sources=${MMDEBSTRAP_SOURCES:-}
if [ -z "$sources" ]; then
  for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
    if [ -s "$f" ]; then sources=$f; break; fi
  done
fi
command -v mmdebstrap >/dev/null || { echo "base.sh needs mmdebstrap (apt-get install mmdebstrap)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The man folder stays: openjdk's post-install script links a man page into it.
mmdebstrap --quiet --variant=apt --include="$packages" \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
  --customize-hook='echo "troupe:x:1000:0:Troupe:/home/troupe:/usr/sbin/nologin" >> "$1/etc/passwd"' \
  --customize-hook='echo "troupe:!:19000::::::" >> "$1/etc/shadow"' \
  --customize-hook='install -d -m 0755 -o 1000 -g 0 "$1/home/troupe"' \
  --customize-hook='install -d -m 0775 -o 1000 -g 0 "$1/data"' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*.log' \
  "$suite" "$work/layer.tar" ${sources:+"$sources"}

diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
arch=$(dpkg --print-architecture)
# Jib cannot declare a HEALTHCHECK, but keeps the base's: healthy means ready to serve (durations in ns).
cat > "$work/config.json" <<JSON
{"architecture":"$arch","os":"linux","created":"$created",
 "config":{
  "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8",
         "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$arch"],
  "User":"1000:0",
  "WorkingDir":"/data",
  "Volumes":{"/data":{}},
  "Healthcheck":{"Test":["CMD-SHELL","curl -fsS -o /dev/null http://localhost:\${TROUPE_PORT:-8080}/actuator/health/readiness || exit 1"],
                 "Interval":15000000000,"Timeout":5000000000,"StartPeriod":180000000000,"Retries":3},
  "Labels":{"org.opencontainers.image.base.name":"debian:$suite (mmdebstrap: $packages)"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"$created","created_by":"deploy/image/base.sh: mmdebstrap $suite $packages"}]}
JSON
config_id=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mv "$work/config.json" "$work/$config_id.json"
mv "$work/layer.tar" "$work/$diff_id.tar"
printf '[{"Config":"%s.json","RepoTags":["troupe-base:%s"],"Layers":["%s.tar"]}]\n' \
  "$config_id" "$suite" "$diff_id" > "$work/manifest.json"

mkdir -p "$(dirname "$out")"
tar -C "$work" -cf "$out.tmp" manifest.json "$config_id.json" "$diff_id.tar"
mv "$out.tmp" "$out"
echo "base image: $out ($(du -h "$out" | cut -f1))"
