// Which checks a run performs, per mode: the JUnit renderer lists one test case per check, passed
// or failed. render/ imports model only, so this is a table; test/render/checks.test.ts keeps it
// equal to the lint rule registry and the diff comparator registry.
import { KINDS, type Kind } from '../model/kinds.js';
import type { Report } from '../model/report.js';

const LINT: readonly Kind[] = [
  'config-created', 'digest-mismatch', 'duplicate-entry', 'entry-mtime', 'entry-order', 'entry-owner',
  'gzip-mtime', 'gzip-name', 'history-created', 'history-mismatch', 'invalid-reference', 'shadowed-path',
];

const DIFF: readonly Kind[] = [
  'layer-set', 'layer-order', 'layer-compression', 'gzip-mtime', 'gzip-name', 'gzip-os', 'gzip-header',
  'compression-level', 'compressor', 'entry-set', 'entry-order', 'entry-type', 'entry-link', 'entry-content',
  'entry-mode', 'entry-owner', 'entry-mtime', 'entry-pax', 'entry-xattrs', 'tar-format', 'config-created',
  'config-other', 'history-created', 'history-other', 'manifest-other', 'image-ref',
];

export const CHECKS: Readonly<Record<Report['mode'], readonly Kind[]>> = { lint: LINT, diff: DIFF, build: DIFF };

/**
 * Checks a note says were not run (lint without an epoch cannot judge times). Kept next to the
 * table because it is the same kind of knowledge: which check ran.
 */
export const UNCHECKED_BY_NOTE: Readonly<Record<string, readonly Kind[]>> = {
  'epoch-unknown': ['entry-mtime', 'config-created', 'history-created'],
};

/**
 * The checks of a report in catalog order: the mode's checks plus any kind that appears in a
 * finding or an ignore (a report from a newer repcheck may carry kinds this one does not know:
 * they are listed after the known ones, sorted).
 */
export function checksOf(report: Report): string[] {
  const set = new Set<string>(CHECKS[report.mode] ?? []);
  for (const f of report.findings) set.add(f.kind);
  for (const key of Object.keys(report.suppressed)) {
    const m = /^(?:kind|waiver):([a-z0-9-]+)/.exec(key);
    if (m) set.add(m[1]!);
  }
  const known = (KINDS as readonly string[]).filter((k) => set.has(k));
  const unknown = [...set].filter((k) => !(KINDS as readonly string[]).includes(k)).sort();
  return [...known, ...unknown];
}
