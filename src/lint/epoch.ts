// Inferring the expected SOURCE_DATE_EPOCH when the user gave none.
//
// Two witnesses exist: the config's `created` (C) and the newest entry mtime (M, shared by K
// entries). Three facts make them readable:
//   - a SOURCE_DATE_EPOCH is whole seconds, and so is every `created` derived from one (BuildKit,
//     buildah --timestamp, Nix, kaniko --reproducible); a wall clock writes nanoseconds. A C with
//     a sub-second part is a clock reading, never the epoch;
//   - a wall clock cannot produce files newer than the commit that contains them;
//   - a clamp (`--clamp-mtime`, BuildKit rewrite-timestamp, buildah --timestamp) leaves the newest
//     files exactly at the epoch.
// Hence, for a whole-second C:
//   M > C + 1s            C was set on purpose (files outlive their own "created"): epoch = C.
//                         The classic half-done setup, SOURCE_DATE_EPOCH pinned in the config but
//                         files not clamped; entry-mtime then reports the files.
//   |C - M| < 1s          the clamp signature: epoch = C.
//   C in the first day    a 1970 constant (Nix writes 1970-01-01T00:00:01Z, bazel and kaniko
//   of 1970               --reproducible write 0): epoch = C.
//   0 < C - M <= 1h       C looks like the build clock, stamped just after the last step wrote its
//                         files (files checked out after the commit would have been clamped to C):
//                         epoch = M, and config-created/history-created report C.
//   C - M > 1h            a pinned C over old files, or a build that only copied old files:
//                         epoch = C, erring towards silence rather than crying wolf.
// A C that is a clock reading gives way to M. With no usable C at all (absent, unparseable,
// before 1970 such as Go's zero time), M is taken only when at least two entries share it.
//
// Inference never makes entry-mtime fire on its own evidence except in the first case, where the
// image contradicts itself. The note says what was inferred and from what, and recommends the flag.
import type { Image, LayerScan, Note } from '../model/types.js';
import { configCreated } from './config.js';
import { isoDate, parseRfc3339 } from './time.js';

/** How close (seconds) a wall-clock `created` is to the newest file for C to read as "build time". */
export const BUILD_CLOCK_WINDOW = 3600;
/** `created` values within the first day of 1970 are constants, not clocks. */
export const CONSTANT_EPOCH_MAX = 86400;

export interface InferredEpoch {
  value: number | null;
  note: Note;
}

const ADVICE = 'pass --source-date-epoch (or set SOURCE_DATE_EPOCH) for a definite check';

export function inferEpoch(image: Image, scans: LayerScan[]): InferredEpoch {
  const raw = configCreated(image);
  const parsed = typeof raw === 'string' ? parseRfc3339(raw) : null;
  const c = parsed !== null && parsed >= 0 ? parsed : null;

  let m: number | null = null;
  let k = 0;
  for (const s of scans)
    for (const e of s.entries) {
      if (m === null || e.mtime > m) {
        m = e.mtime;
        k = 1;
      } else if (e.mtime === m) k++;
    }

  const inferred = (value: number, why: string): InferredEpoch => ({
    value,
    note: { code: 'epoch-inferred', message: `SOURCE_DATE_EPOCH inferred as ${value} (${isoDate(value)}) ${why}; ${ADVICE}` },
  });
  const newest = `the newest entry mtime, shared by ${k} entr${k === 1 ? 'y' : 'ies'}`;

  /** Why C was not taken although present; null when C is absent or unusable. */
  let clock: string | null = null;
  if (c !== null && Number.isInteger(c)) {
    if (m === null) return inferred(c, 'from config.created (no entries to compare with)');
    if (m > c + 1) return inferred(c, `from config.created, which entries newer than it (up to ${isoDate(m)}) show was set on purpose`);
    if (Math.abs(c - m) < 1) return inferred(c, `from config.created, which equals ${newest}`);
    if (c <= CONSTANT_EPOCH_MAX) return inferred(c, 'from config.created, a 1970 constant');
    if (c - m > BUILD_CLOCK_WINDOW) return inferred(c, 'from config.created, assumed pinned (it is later than every entry)');
    clock = `config.created (${isoDate(c)}) is ${Math.round(c - m)} s later and looks like the build clock`;
  } else if (c !== null) {
    clock = `config.created ${String(raw)} has sub-second precision: a clock reading, not an epoch`;
  }
  if (m !== null && (clock !== null || k >= 2)) return inferred(m, `from ${newest}${clock ? `: ${clock}` : ''}`);
  const why = !image.config
    ? 'no config'
    : raw === undefined
      ? 'the config has no created'
      : c === null
        ? `config.created ${JSON.stringify(raw)} is not a usable epoch`
        : 'no entries';
  return {
    value: null,
    note: {
      code: 'epoch-unknown',
      message: `no SOURCE_DATE_EPOCH given and none could be inferred (${why}, no mtime shared by several entries): entry-mtime, config-created and history-created were not checked; ${ADVICE}`,
    },
  };
}
