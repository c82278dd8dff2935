// TZ as a POSIX TZ string, so it works without tzdata: UTC vs UTC+14 (the `<+14>-14` form names
// the zone "+14"; POSIX offsets are west-positive).
import { pinnedReason, type Variation } from './types.js';

export const timezone: Variation = {
  id: 'timezone',
  title: 'time zone (TZ)',
  hint: 'The output depends on the local time zone: format times in UTC (`date -u`, `TZ=UTC`), or export `TZ=UTC` in the build.',
  check(ctx) {
    const p = pinnedReason(ctx, ['TZ']);
    return p ? { applied: false, reason: p } : { applied: true, detail: 'TZ=UTC vs TZ=<+14>-14 (UTC+14)' };
  },
  apply(setup, varied) {
    setup.env.TZ = varied ? '<+14>-14' : 'UTC';
  },
};
