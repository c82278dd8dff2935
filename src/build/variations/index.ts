// The registry: every variation, in the order reports list them and the search splits them.
import { buildPath } from './build-path.js';
import { cpus } from './cpus.js';
import { fileOrder } from './file-order.js';
import { home } from './home.js';
import { hostname } from './hostname.js';
import { locale } from './locale.js';
import { sourceDateEpoch } from './source-date-epoch.js';
import { time } from './time.js';
import { timezone } from './timezone.js';
import { umask } from './umask.js';
import { user } from './user.js';
import { VARIATION_IDS, type Variation, type VariationId } from './types.js';

export const VARIATIONS: readonly Variation[] = [
  buildPath, time, timezone, locale, umask, home, user, fileOrder, cpus, hostname, sourceDateEpoch,
];

export function variation(id: VariationId): Variation {
  return VARIATIONS.find((v) => v.id === id)!;
}

// The registry and the id list must agree (a variation file without an entry fails here).
if (VARIATIONS.map((v) => v.id).join() !== VARIATION_IDS.join()) throw new Error('variations registry out of sync with VARIATION_IDS');

export { VARIATION_IDS, isVariationId, pinnedReason } from './types.js';
export type { Availability, BuildSetup, CheckContext, HostFacts, Variation, VariationId } from './types.js';
export { faketimeArgv, FAKE_BASE, removeFaketimeShm } from './time.js';
export { pickLocales } from './locale.js';
