#!/bin/sh
# `npm run example`: build the example image carelessly and lint it (repcheck explains what is
# wrong and exits 1), then build it with the fixes and lint again (exits 0).
set -u
here=$(cd "$(dirname "$0")" && pwd)
repcheck="node $here/../bin/repcheck.js"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
export SOURCE_DATE_EPOCH=1700000000

echo "== careless build: sh examples/build-image.sh app.tar"
sh "$here/build-image.sh" "$work/app.tar" || exit 2
(cd "$work" && $repcheck lint app.tar); naive=$?

echo
echo "== fixed build: REPRODUCIBLE=1 sh examples/build-image.sh app-fixed.tar"
REPRODUCIBLE=1 sh "$here/build-image.sh" "$work/app-fixed.tar" || exit 2
(cd "$work" && $repcheck lint app-fixed.tar); fixed=$?

echo
echo "careless build: exit $naive (1 = findings); fixed build: exit $fixed (0 = clean)"
[ "$naive" = 1 ] && [ "$fixed" = 0 ]
