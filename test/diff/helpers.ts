// Small assertions over DiffResults.
import type { Finding } from '../../src/model/finding.js';
import type { DiffResult } from '../../src/diff/index.js';
import { diffImages } from '../../src/diff/index.js';
import { side, type EntrySpec, type LayerSpec } from './build.js';

export function kindsOf(r: DiffResult): string[] {
  return [...new Set(r.findings.map((f) => f.kind))].sort();
}

export function only(r: DiffResult, kind: string): Finding[] {
  return r.findings.filter((f) => f.kind === kind);
}

export function one(r: DiffResult, kind: string): Finding {
  const fs = only(r, kind);
  if (fs.length !== 1) throw new Error(`expected one ${kind} finding, got ${fs.length}: ${JSON.stringify(r.findings, null, 1)}`);
  return fs[0]!;
}

/** Diff two one-layer images made of these entries. */
export function diffEntries(a: EntrySpec[], b: EntrySpec[], la: Partial<LayerSpec> = {}, lb: Partial<LayerSpec> = {}): DiffResult {
  return diffImages(side('a', [{ entries: a, ...la }]), side('b', [{ entries: b, ...lb }]));
}
