#!/bin/sh
# Builds a one-layer docker-archive from examples/src with nothing but sh, GNU tar, gzip and
# sha256sum. By default it builds the way a careless builder does; REPRODUCIBLE=1 applies the
# fixes repcheck suggests.
#
#   sh examples/build-image.sh OUT.tar                  # careless
#   REPRODUCIBLE=1 SOURCE_DATE_EPOCH=1700000000 sh examples/build-image.sh OUT.tar
#   IMAGE_NAME=Example/App:latest …                    # RepoTags entry (default example/app:latest)
#   repcheck build --src examples -- sh build-image.sh        # writes to $REPCHECK_OUT
set -eu
out=${1:-${REPCHECK_OUT:?usage: build-image.sh OUT.tar (or set REPCHECK_OUT)}}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

mkdir -p "$work/rootfs/app" "$work/image"
cp -R "$here/src/app/." "$work/rootfs/app/"
# Records when and where it was built: wall clock, local time zone, umask.
echo "built $(date '+%Y-%m-%d %H:%M:%S %Z') umask $(umask)" > "$work/rootfs/app/BUILD_INFO"

if [ "${REPRODUCIBLE:-}" = 1 ]; then
  : "${SOURCE_DATE_EPOCH:?REPRODUCIBLE=1 needs SOURCE_DATE_EPOCH}"
  echo "built $(TZ=UTC date -d "@$SOURCE_DATE_EPOCH" '+%Y-%m-%d %H:%M:%S %Z') umask 0022" > "$work/rootfs/app/BUILD_INFO"
  chmod -R u+rwX,go+rX,go-w "$work/rootfs"
  tar -C "$work/rootfs" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --clamp-mtime \
    --owner=0 --group=0 --numeric-owner --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -cf "$work/layer.tar" .
  gzip -n -9 -c "$work/layer.tar" > "$work/layer.tar.gz"
  created=$(TZ=UTC date -d "@$SOURCE_DATE_EPOCH" '+%Y-%m-%dT%H:%M:%SZ')
else
  tar -C "$work/rootfs" -cf "$work/layer.tar" .
  gzip -k "$work/layer.tar"              # stores the file name and its mtime in the gzip header
  created=$(date -u '+%Y-%m-%dT%H:%M:%SZ')
fi

diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
layer=$(sha256sum "$work/layer.tar.gz" | cut -d' ' -f1)
cp "$work/layer.tar.gz" "$work/image/$layer.tar.gz"
printf '{"architecture":"amd64","os":"linux","created":"%s","config":{"Cmd":["/app/server.sh"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"%s","created_by":"examples/build-image.sh"}]}' \
  "$created" "$diff_id" "$created" > "$work/config.json"
config=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mv "$work/config.json" "$work/image/$config.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s.tar.gz"]}]' "$config" "${IMAGE_NAME:-example/app:latest}" "$layer" > "$work/image/manifest.json"
if [ "${REPRODUCIBLE:-}" = 1 ]; then
  tar -C "$work/image" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner --mode=go-w -cf "$out" .
else
  tar -C "$work/image" -cf "$out" .
fi
