// What differs between two builds, as a set of comparable strings: one per differing entry and
// kind (`entry-mode app/x`), one per non-entry finding (`gzip-mtime layer 0 MTIME`). Values are
// left out on purpose: two pairs "differ the same way" when the same things differ, whatever
// the values. The search uses this to mask intrinsic nondeterminism: when the control pair
// (no variation) already differs, a variation counts only for what it changes beyond that.
import type { Report } from '../model/report.js';

/** Kinds that describe one entry: taken from the pairs' complete entry lists, not the findings' few examples. */
const ENTRY_KINDS = new Set([
  'entry-mtime', 'entry-owner', 'entry-order', 'entry-mode', 'entry-content', 'entry-type', 'entry-link', 'entry-set',
  'entry-pax', 'entry-xattrs', 'tar-format',
]);

export function differenceSignatures(r: Report): Set<string> {
  const out = new Set<string>();
  const entryLevel = (r.pairs ?? []).some((p) => p.entries.length > 0);
  for (const p of r.pairs ?? []) for (const e of p.entries) for (const k of e.kinds) out.add(`${k} ${e.path}`);
  for (const f of r.findings) {
    if (entryLevel && ENTRY_KINDS.has(f.kind)) continue;
    if (ENTRY_KINDS.has(f.kind) && f.path !== null) out.add(`${f.kind} ${f.path}`);
    else out.add([f.kind, f.layer !== null ? `layer ${f.layer}` : '', f.field ?? '', f.path ?? ''].filter(Boolean).join(' '));
  }
  return out;
}

/** The signatures of `r` not in `noise`. */
export function beyond(r: Report, noise: ReadonlySet<string>): string[] {
  return [...differenceSignatures(r)].filter((s) => !noise.has(s)).sort();
}

/** Kinds and a few paths from a list of signatures, for the report. */
export function summarizeSignatures(sigs: readonly string[], maxPaths = 5): { kinds: string[]; paths: string[] } {
  const kinds = new Set<string>();
  const paths = new Set<string>();
  for (const s of sigs) {
    const sp = s.indexOf(' ');
    const kind = sp < 0 ? s : s.slice(0, sp);
    kinds.add(kind);
    if (ENTRY_KINDS.has(kind) && sp >= 0) paths.add(s.slice(sp + 1));
  }
  return { kinds: [...kinds].sort(), paths: [...paths].sort().slice(0, maxPaths) };
}
