// The host name, set inside a new UTS namespace (root only): the same name in every build vs
// another one in build B.
import type { Variation } from './types.js';

export const hostname: Variation = {
  id: 'hostname',
  title: 'host name',
  hint: 'The host name ends up in the output (`hostname`, `uname -n`, `$HOSTNAME`): do not record it, or record a constant.',
  check({ host }) {
    return host.uts.ok
      ? { applied: true, detail: 'a UTS namespace per build: hostname repcheck vs other-host-b' }
      : { applied: false, reason: host.uts.reason };
  },
  apply(setup, varied, { host }) {
    if (!host.uts.ok) return;
    setup.wrappers.push({ rank: 2, argv: ['unshare', '--uts'] });
    setup.prelude.unshift(`printf %s ${varied ? 'other-host-b' : 'repcheck'} > /proc/sys/kernel/hostname`);
  },
};
