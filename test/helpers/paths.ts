// Where things are, from the compiled test file (dist/test/...) back to the repo.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('repo root not found');
    dir = up;
  }
}

export const repoRoot = findRoot();

/** test/fixtures/<rel> inside the repo. */
export function fixture(rel: string): string {
  return join(repoRoot, 'test', 'fixtures', rel);
}

/**
 * The read-only third-party fixtures beside the checkout (`../shared/fixtures`), or null when
 * this machine does not have them; tests that need them skip with a message.
 */
export const sharedFixtures: string | null = (() => {
  const p = resolve(repoRoot, '..', 'shared', 'fixtures');
  return existsSync(p) ? p : null;
})();

export const SKIP_SHARED = sharedFixtures ? false : '../shared/fixtures is not present on this machine';
