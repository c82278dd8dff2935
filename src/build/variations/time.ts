// The clock. With libfaketime's `faketime`, every build starts at the same fake time (base) or
// at another one (varied), so "not varied" really means the same clock in both builds.
//
// The fake time is given as a relative offset (`faketime -f -91796388`), computed when the build
// starts, and every build starts right after a real second boundary (build-once), so the fake
// clock starts within milliseconds of the chosen second. Not the `@DATE` form: libfaketime
// parses it with strptime() and mktime(), i.e. in the build's TZ, and a program that changes its
// own TZ (`date -u` sets TZ=UTC0) then sees a clock shifted by the zone's offset — in the
// varied time zone only, which would blame `timezone` for what the clock did. Offsets involve
// no time zone at all.
//
// Without faketime the clock cannot be held equal: each build starts at its own real time (in a
// later second than the previous one ended), so whatever the clock changes shows up even in the
// control pair and is reported as intrinsic.
import { lstatSync, unlinkSync } from 'node:fs';
import type { Variation } from './types.js';

export const FAKE_BASE = 1704067200; // 2024-01-01 00:00:00 UTC
const FAKE_VARIED = FAKE_BASE + 86400 + 7; // a day and 7 s later: moves the date, the time and the seconds

/** The faketime wrapper for a build whose fake clock starts at `fakeStart`, started at real second `nowSec`. */
export function faketimeArgv(fakeStart: number, nowSec: number): string[] {
  const offset = fakeStart - nowSec;
  return ['faketime', '-f', offset >= 0 ? `+${offset}` : String(offset)];
}

function iso(s: number): string {
  return new Date(s * 1000).toISOString().replace('T', ' ').replace('.000Z', ' UTC');
}

/** The faketime wrapper keeps a semaphore and a shm segment named after its pid; a killed build leaves them. */
export function removeFaketimeShm(pid: number): void {
  for (const name of [`/dev/shm/faketime_shm_${pid}`, `/dev/shm/sem.faketime_sem_${pid}`]) {
    try {
      if (lstatSync(name).isFile()) unlinkSync(name);
    } catch {
      // gone already: faketime removes them itself when it exits normally
    }
  }
}

export const time: Variation = {
  id: 'time',
  title: 'clock (wall-clock time)',
  hint:
    'The build reads the clock: take dates from SOURCE_DATE_EPOCH (`date -u -d @$SOURCE_DATE_EPOCH`), clamp file times ' +
    '(GNU tar `--mtime=@$SOURCE_DATE_EPOCH --clamp-mtime`), and do not store time stamps (`gzip -n`).',
  check({ host }) {
    if (host.faketime.ok) {
      return {
        applied: true,
        detail: `faketime: the clock starts at ${iso(FAKE_BASE)} vs ${iso(FAKE_VARIED)}`,
        note:
          'faketime holds the clock, not file times: the kernel stamps files from the real clock, and libfaketime rewrites ' +
          'the times of files written during the build only for programs whose stat calls it intercepts (GNU tar, `date -r`: yes; ' +
          'coreutils `stat`, `ls`, Python: no); ' +
          'static binaries (Go) see the real clock. Each build starts in a later real second, so such leaks show in the control pair.',
        noteIfIntrinsic: true,
      };
    }
    return {
      applied: true,
      uncontrolled: true,
      detail: `not held equal: ${host.faketime.reason}; each build runs at its own real time`,
      note:
        `${host.faketime.reason}, so the clock cannot be held equal: every build runs at its own real time (each starts after ` +
        'a second boundary). What the clock changes already shows in the control pair (reported as intrinsic), time cannot be ' +
        "named as a culprit, and other variations that change the same files cannot be told apart from it. Install Debian's faketime.",
    };
  },
  hold({ host }) {
    return host.faketime.ok ? `the clock is held equal in both builds (faketime, starting at ${iso(FAKE_BASE)})` : null;
  },
  apply(setup, varied, { host }) {
    if (!host.faketime.ok) return;
    setup.fakeClock = varied ? FAKE_VARIED : FAKE_BASE;
    setup.afterExit.push(removeFaketimeShm);
  },
};
