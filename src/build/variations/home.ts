// HOME: a fresh empty directory in every build (never the user's own), at two different paths.
import { pinnedReason, type Variation } from './types.js';

export const home: Variation = {
  id: 'home',
  title: 'home directory (HOME)',
  hint:
    'The build reads or records $HOME (dotfiles, caches, paths): do not embed `$HOME` in outputs, and keep tools from ' +
    'reading per-user configuration during the build.',
  check(ctx) {
    const p = pinnedReason(ctx, ['HOME']);
    return p ? { applied: false, reason: p } : { applied: true, detail: 'a fresh empty HOME at …/home vs …/home-for-b' };
  },
  apply(setup, varied) {
    setup.home = varied ? 'home-for-b' : 'home';
  },
};
