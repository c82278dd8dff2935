// The per-entry table of a diff (JSON and HTML carry every differing entry): which fields of
// each paired entry differ, plus entries present on one side only.
import type { DiffResult, DiffSide, EntryPairing } from '../diff/index.js';
import { comparable, isRoleSwap } from '../diff/pair-entries.js';
import { lisMembers } from '../diff/lis.js';
import type { Kind } from '../model/kinds.js';
import type { EntryDelta, EntryFacts } from '../model/report.js';
import type { EntryRecord } from '../model/types.js';

function facts(e: EntryRecord): EntryFacts {
  return {
    index: e.index, type: e.type, mode: e.mode, uid: e.uid, gid: e.gid, uname: e.uname, gname: e.gname,
    mtime: e.mtime, size: e.size, sha256: e.sha256, linkTarget: e.linkTarget, format: e.format,
  };
}

function sameRecord(x: Record<string, string>, y: Record<string, string>): boolean {
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  return kx.every((k) => x[k] === y[k]);
}

function kindsOf(p: EntryPairing, x: EntryRecord, y: EntryRecord, moved: boolean): Kind[] {
  const k: Kind[] = [];
  const swap = isRoleSwap(p.effA, p.effB, x, y);
  if (x.type !== y.type && !swap) k.push('entry-type');
  if (comparable(p.effA, p.effB, x, y)) {
    if (x.mtime !== y.mtime) k.push('entry-mtime');
    if (x.uid !== y.uid || x.gid !== y.gid || x.uname !== y.uname || x.gname !== y.gname) k.push('entry-owner');
    if (x.mode !== y.mode) k.push('entry-mode');
    if (x.type === y.type && (x.type === 'file' || x.type === 'contiguous') && x.sha256 !== y.sha256) k.push('entry-content');
    if (!swap && x.type === y.type && x.linkTarget !== y.linkTarget) k.push('entry-link');
  }
  if (!sameRecord(x.pax, y.pax)) k.push('entry-pax');
  if (!sameRecord(x.xattrs, y.xattrs)) k.push('entry-xattrs');
  if (x.format !== y.format) k.push('tar-format');
  if (moved || swap) k.push('entry-order');
  return k;
}

export function entryDeltas(a: DiffSide, b: DiffSide, res: DiffResult): EntryDelta[] {
  const rows: EntryDelta[] = [];
  for (const p of res.pairings) {
    // Moved entries: those outside a longest increasing run of b positions in a's order.
    const inOrder = lisMembers(p.mb.map((e) => e.index));
    for (let i = 0; i < p.ma.length; i++) {
      const x = p.ma[i]!;
      const y = p.mb[i]!;
      const kinds = kindsOf(p, x, y, !inOrder[i]);
      if (kinds.length) rows.push({ layer: p.layer, path: x.path, kinds, a: facts(x), b: facts(y) });
    }
    for (const x of p.onlyA) rows.push({ layer: p.layer, path: x.path, kinds: ['entry-set'], a: facts(x), b: null });
    for (const y of p.onlyB) rows.push({ layer: p.layer, path: y.path, kinds: ['entry-set'], a: null, b: facts(y) });
  }
  // Layers present on one side only: every entry is part of that layer-set difference.
  for (const v of res.pairs) {
    const only = v.a && !v.b ? { s: a, l: v.a, side: 'a' as const } : v.b && !v.a ? { s: b, l: v.b, side: 'b' as const } : null;
    if (!only || !only.l.scan) continue;
    for (const e of only.l.scan.entries)
      rows.push({ layer: only.l.index, path: e.path, kinds: ['layer-set'], a: only.side === 'a' ? facts(e) : null, b: only.side === 'b' ? facts(e) : null });
  }
  rows.sort((r, s) => r.layer - s.layer || (r.a?.index ?? r.b!.index) - (s.a?.index ?? s.b!.index) || (r.a ? 0 : 1) - (s.a ? 0 : 1));
  return rows;
}
