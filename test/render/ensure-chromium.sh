#!/usr/bin/env bash
# Makes Debian's chromium available for test/render/html-browser.test.ts. Idempotent: does
# nothing when /usr/bin/chromium is there. Installs it with apt-get when missing and running as
# root; otherwise says why and exits 0, and the browser test skips with a message. Never fails
# the caller: the browser test is the judge of whether a browser is needed.
set -u
CHROMIUM=${REPCHECK_CHROMIUM:-/usr/bin/chromium}

if [ -x "$CHROMIUM" ]; then
  echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM") present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "ensure-chromium: $CHROMIUM missing and not root: the browser test will be skipped" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM missing and no apt-get: the browser test will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
echo "ensure-chromium: installing chromium (apt-get)"
# Try with the lists already there first; refresh them once if that fails.
if ! apt-get install -y -qq chromium >/tmp/ensure-chromium.log 2>&1; then
  apt-get update -qq >>/tmp/ensure-chromium.log 2>&1
  if ! apt-get install -y -qq chromium >>/tmp/ensure-chromium.log 2>&1; then
    echo "ensure-chromium: apt-get install chromium failed (see /tmp/ensure-chromium.log): the browser test will be skipped" >&2
    tail -5 /tmp/ensure-chromium.log >&2
    exit 0
  fi
fi
if [ -x "$CHROMIUM" ]; then
  echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null) installed"
else
  echo "ensure-chromium: installed, but $CHROMIUM is still missing: the browser test will be skipped" >&2
fi
exit 0
