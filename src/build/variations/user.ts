// USER and LOGNAME. The uid stays the same: changing it needs a second account, which repcheck
// does not create.
import { pinnedReason, type Variation } from './types.js';

export const user: Variation = {
  id: 'user',
  title: 'user name (USER, LOGNAME)',
  hint:
    'The user name ends up in the output: do not record `$USER`/`whoami`; archive with GNU tar ' +
    '`--owner=0 --group=0 --numeric-owner`.',
  check(ctx) {
    const p = pinnedReason(ctx, ['USER', 'LOGNAME']);
    return p
      ? { applied: false, reason: p }
      : { applied: true, detail: 'USER/LOGNAME=repcheck vs other-user (the uid is the same: changing it needs a second account)' };
  },
  apply(setup, varied) {
    setup.env.USER = setup.env.LOGNAME = varied ? 'other-user' : 'repcheck';
  },
};
