// --ignore-path: entries whose canonical path matches a glob are dropped from both sides before
// comparison (so they cannot show up in any finding), and counted per glob.
import type { LayerScan } from '../model/types.js';
import { globToRegExp } from './glob.js';

export interface PathFilter {
  globs: string[];
  /** Entries dropped per glob (both sides together). */
  suppressed: Map<string, number>;
}

export function filterPaths(scans: (LayerScan | null)[], filter: PathFilter | null): (LayerScan | null)[] {
  if (!filter) return scans;
  const res = filter.globs.map((g) => [g, globToRegExp(g)] as const);
  return scans.map((s) => {
    if (!s || s.entries.length === 0) return s;
    const entries = s.entries.filter((e) => {
      const hit = res.find(([, re]) => re.test(e.path));
      if (hit) filter.suppressed.set(hit[0], (filter.suppressed.get(hit[0]) ?? 0) + 1);
      return !hit;
    });
    return entries.length === s.entries.length ? s : { ...s, entries, entriesFiltered: s.entries.length - entries.length };
  });
}
