#!/bin/sh
# `npm run example`: the README's first command. repcheck builds the example image twice in
# fresh temp dirs under varied conditions (clock, time zone, umask, build path, locale, …),
# diffs the two images and searches for the culprit variations: the careless build is not
# reproducible (exit 1) and repcheck names what it depends on. Then the same script with the
# fixes applied (REPRODUCIBLE=1, a pinned SOURCE_DATE_EPOCH) builds identically (exit 0).
#
# REPCHECK overrides the command used to run repcheck (default: this checkout's bin/repcheck.js).
set -u
here=$(cd "$(dirname "$0")" && pwd)
repcheck=${REPCHECK:-node $here/../bin/repcheck.js}

echo "== careless build: repcheck build --src examples -- sh build-image.sh"
echo
$repcheck build --src "$here" -- sh build-image.sh
careless=$?

echo
echo "== fixed build: repcheck build --src examples --env REPRODUCIBLE=1 --env SOURCE_DATE_EPOCH=1700000000 -- sh build-image.sh"
echo
$repcheck build --src "$here" --env REPRODUCIBLE=1 --env SOURCE_DATE_EPOCH=1700000000 -- sh build-image.sh
fixed=$?

echo
echo "careless build: exit $careless (1 = not reproducible); fixed build: exit $fixed (0 = reproducible)"
[ "$careless" = 1 ] && [ "$fixed" = 0 ]
