// The order in which readdir() returns the source copy's entries. disorderfs (a FUSE overlay)
// really changes it: sorted in every build vs reverse-sorted in build B. Without it, creating
// the copy in another order only helps where readdir follows creation order (tmpfs); ext4
// returns entries in hash order whatever the creation order, so there the variation would
// change nothing and is reported as skipped.
import type { Variation } from './types.js';

export const fileOrder: Variation = {
  id: 'file-order',
  title: 'directory entry order (readdir)',
  hint:
    'The output follows directory read order: sort it (GNU tar `--sort=name`, `find … -print0 | LC_ALL=C sort -z`, ' +
    '`ls` without `-f`/`-U`; in code, sort readdir results before use).',
  check({ host }) {
    if (host.disorderfs.ok) return { applied: true, detail: 'disorderfs over the source copy: entries sorted vs reverse-sorted' };
    if (host.creationOrderVisible) {
      return {
        applied: true,
        detail: 'the source copy created in sorted vs reversed order (readdir here follows creation order)',
        note: `No disorderfs (${host.disorderfs.reason}): the file-order variation changes the creation order of the source copy only.`,
      };
    }
    return {
      applied: false,
      reason:
        `${host.disorderfs.reason}, and readdir here ignores creation order (ext4 hashes names): ` +
        'copying in another order would change nothing',
    };
  },
  apply(setup, varied, { host }) {
    if (host.disorderfs.ok) setup.disorderfs = { reverse: varied, multiUser: host.disorderfs.multiUser };
    else setup.copyOrder = varied ? 'reverse' : 'sorted';
  },
};
