// The umask the build starts with: 022 vs 002 (group-writable files and directories).
import type { Variation } from './types.js';

export const umask: Variation = {
  id: 'umask',
  title: 'umask',
  hint:
    'File modes follow the umask: run the build with `umask 022`, or normalise modes when archiving ' +
    '(GNU tar `--mode=go-w`, `chmod -R u+rwX,go+rX,go-w` before archiving).',
  check: () => ({ applied: true, detail: 'umask 022 vs 002' }),
  apply(setup, varied) {
    setup.prelude.push(`umask ${varied ? '002' : '022'}`);
  },
};
