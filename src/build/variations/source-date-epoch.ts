// SOURCE_DATE_EPOCH: the same value in every build vs another one in build B. A build that
// honours it *should* change with it; finding it as a culprit means "pin it", not "bug".
import { pinnedReason, type Variation } from './types.js';

export const BASE_EPOCH = 1700000000;

export const sourceDateEpoch: Variation = {
  id: 'source-date-epoch',
  title: 'SOURCE_DATE_EPOCH',
  hint:
    'The output follows SOURCE_DATE_EPOCH, as it should: give every build the same value (e.g. ' +
    '`SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`; with repcheck, `--env SOURCE_DATE_EPOCH=…`).',
  check(ctx) {
    const p = pinnedReason(ctx, ['SOURCE_DATE_EPOCH']);
    return p ? { applied: false, reason: p } : { applied: true, detail: `SOURCE_DATE_EPOCH=${BASE_EPOCH} vs ${BASE_EPOCH + 86407}` };
  },
  apply(setup, varied) {
    setup.env.SOURCE_DATE_EPOCH = String(varied ? BASE_EPOCH + 86407 : BASE_EPOCH);
  },
};
