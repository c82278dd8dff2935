// Case builders shared by the image parts of the bad-input corpus (docker.test.ts, oci.test.ts):
// a case is an image assembled member by member, with members replaced, omitted or planted.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import assert from 'node:assert/strict';
import {
  configFor, dockerArchive, json, ociArchive, ociManifest, ociMembers, sha256hex, validLayer,
  type DockerParts, type OciParts,
} from './build.js';
import type { BadCase, CliResult } from './harness.js';

export const IMG = 'img.tar';

export function dockerCase(c: Omit<BadCase, 'build'> & { parts: () => DockerParts; args?: string[] }): BadCase {
  return {
    ...c,
    build: ({ dir }) => {
      writeFileSync(join(dir, IMG), dockerArchive(c.parts()));
      return [...(c.args ?? []), IMG];
    },
  };
}

export function ociCase(c: Omit<BadCase, 'build'> & { parts: () => OciParts; args?: string[] }): BadCase {
  return {
    ...c,
    build: ({ dir }) => {
      writeFileSync(join(dir, IMG), ociArchive(c.parts()));
      return [...(c.args ?? []), IMG];
    },
  };
}

/** An OCI layout directory from the same members; `fix` then plants symlinks, FIFOs, dirs. */
export function ociDirCase(c: Omit<BadCase, 'build'> & { parts: () => OciParts; fix?: (root: string) => void }): BadCase {
  return {
    ...c,
    build: ({ dir }) => {
      const root = join(dir, 'layout');
      for (const m of ociMembers(c.parts())) {
        const p = join(root, m.name);
        if (m.type === 'dir') mkdirSync(p, { recursive: true });
        else {
          mkdirSync(dirname(p), { recursive: true });
          writeFileSync(p, m.content ?? '');
        }
      }
      c.fix?.(root);
      return ['layout'];
    },
  };
}

/** A finding, reported as one: exit 1 and the kind in the JSON report. */
export function hasFinding(kind: string): (r: CliResult) => void {
  return (r) => {
    const report = JSON.parse(r.stdout) as { findings: { kind: string }[] };
    assert.ok(report.findings.some((f) => f.kind === kind), `expected a ${kind} finding, got ${report.findings.map((f) => f.kind).join(', ')}`);
  };
}

export const layer = validLayer();
export const config = configFor([layer]);
export const manifestBlob = json(ociManifest(config, [layer]));
export const BAD_DIGESTS: [string, string][] = [
  ['path traversal', 'sha256:../../../../etc/passwd'],
  ['upper-case hex', `sha256:${sha256hex('x').toUpperCase()}`],
  ['wrong length', `sha256:${sha256hex('x').slice(0, 63)}`],
  ['unknown algorithm', `md5:${'0'.repeat(32)}`],
  ['an Object.prototype key as algorithm', `constructor:${'0'.repeat(64)}`],
  ['not a string', '12345'],
];

