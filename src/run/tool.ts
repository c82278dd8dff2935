// The tool's name and version, read once from package.json (never a clock or a path). This
// module runs from dist/src/run/ and, bundled, from dist/: the nearest package.json above it
// that names repcheck is the one.
import { readFileSync } from 'node:fs';

function ownPackage(): { name: string; version: string } {
  for (const up of ['../package.json', '../../package.json', '../../../package.json']) {
    let text: string;
    try {
      text = readFileSync(new URL(up, import.meta.url), 'utf8');
    } catch {
      continue;
    }
    const pkg = JSON.parse(text) as { name?: unknown; version?: unknown };
    if (pkg.name === 'repcheck' && typeof pkg.version === 'string') return { name: pkg.name, version: pkg.version };
  }
  throw new Error('package.json of repcheck not found above the built code');
}

const pkg = ownPackage();

export const TOOL = { name: pkg.name, version: pkg.version } as const;
