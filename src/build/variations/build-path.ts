// The source copy lives at two paths that differ in name and length (…/a/NAME vs
// …/build-b/NAME), so a build path written into the output shows up as a difference.
import type { Variation } from './types.js';

export const buildPath: Variation = {
  id: 'build-path',
  title: 'build directory path',
  hint:
    'The build writes its own directory into the output: use relative paths, never embed `$PWD`/`pwd`; ' +
    'GCC/Clang `-ffile-prefix-map=$PWD=.`, Go `-trimpath`, rustc `--remap-path-prefix=$PWD=.`.',
  check: () => ({ applied: true, detail: 'the source copy at …/a/NAME vs …/build-b/NAME (other name, other length)' }),
  apply(setup, varied) {
    setup.slot = varied ? 'build-b' : 'a';
  },
};
