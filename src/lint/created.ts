// How a `created` value (config or history) relates to the expected epoch.
import { GO_ZERO_TIME, parseRfc3339 } from './time.js';

export type CreatedShape = 'after-epoch' | 'before-epoch' | 'wall-clock' | 'zero-time' | 'invalid';

/**
 * null when `created` is absent (fine: the field is optional) or equals the epoch; otherwise the
 * shape. Later than the epoch is the build clock (warning); earlier is usually inherited from a
 * base image (info); Go's zero time is a constant (info). With `clock`, a value with a sub-second
 * part is reported as `wall-clock` whichever side of the epoch it falls: an epoch is whole
 * seconds, so such a value was stamped by a clock (used for the image's own config.created; not
 * for history, whose base-image entries are clock readings made once, upstream).
 */
export function classifyCreated(raw: unknown, epoch: number, clock = false): CreatedShape | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') return 'invalid';
  const t = parseRfc3339(raw);
  if (t === null) return 'invalid';
  if (t === epoch) return null;
  if (t === GO_ZERO_TIME) return 'zero-time';
  if (clock && !Number.isInteger(t)) return 'wall-clock';
  return t > epoch ? 'after-epoch' : 'before-epoch';
}
