// The tar dialect around the same entries: header format per entry (ustar, gnu, pax, v7),
// the spelling of stored names (`./etc/` vs `etc/`), and, when no entry difference at all
// explains why two tars differ, the stream itself (size, padding, data after the end marker).
import type { EntryRecord } from '../../model/types.js';
import { canon, groupDeltas, type Delta } from '../classify.js';
import type { Comparator, EntryPairing } from '../types.js';

function recordsEqual(x: Record<string, string>, y: Record<string, string>): boolean {
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  if (kx.length !== ky.length) return false;
  for (const k of kx) if (x[k] !== y[k]) return false;
  return true;
}

/** Every field the scanner records, compared exactly (the order is checked separately). */
function entriesEqual(x: EntryRecord, y: EntryRecord): boolean {
  return (
    x.rawPath === y.rawPath && x.type === y.type && x.linkTarget === y.linkTarget && x.mode === y.mode &&
    x.uid === y.uid && x.gid === y.gid && x.uname === y.uname && x.gname === y.gname && x.mtime === y.mtime &&
    x.size === y.size && x.format === y.format && x.sha256 === y.sha256 && recordsEqual(x.pax, y.pax) &&
    recordsEqual(x.xattrs, y.xattrs)
  );
}

function unexplained(p: EntryPairing): boolean {
  if (p.onlyA.length > 0 || p.onlyB.length > 0) return false;
  // Entries removed by --ignore-path may be what explains the difference.
  if (p.view.a?.scan?.entriesFiltered || p.view.b?.scan?.entriesFiltered) return false;
  for (let i = 0; i < p.ma.length; i++) {
    if (i > 0 && p.mb[i]!.index < p.mb[i - 1]!.index) return false;
    if (!entriesEqual(p.ma[i]!, p.mb[i]!)) return false;
  }
  return true;
}

export const comparator: Comparator = {
  id: 'tar-format',
  kinds: ['tar-format'],
  compare(ctx) {
    const deltas: Delta[] = [];
    for (const p of ctx.entryPairings()) {
      for (let i = 0; i < p.ma.length; i++) {
        const x = p.ma[i]!;
        const y = p.mb[i]!;
        if (x.format !== y.format)
          deltas.push({ kind: 'tar-format', shape: `${x.format}-vs-${y.format}`, field: 'format', layer: p.layer, path: x.path, order: x.index, a: x.format, b: y.format });
        if (x.rawPath !== y.rawPath)
          deltas.push({ kind: 'tar-format', shape: 'path-spelling', field: 'rawPath', layer: p.layer, path: x.path, order: x.index, a: x.rawPath, b: y.rawPath });
      }
      if (unexplained(p)) {
        const stream = (s: NonNullable<typeof p.view.a>['scan']) => ({
          tarSize: s?.tarSize ?? null,
          trailingBytes: s?.trailingBytes ?? null,
          missingEndMarker: s?.missingEndMarker ?? null,
        });
        const a = stream(p.view.a!.scan);
        const b = stream(p.view.b!.scan);
        const field = canon(a) === canon(b) ? null : 'stream';
        deltas.push({ kind: 'tar-format', shape: 'tar-stream', field, layer: p.layer, path: null, order: -1, a, b });
      }
    }
    return groupDeltas('tar-format', deltas);
  },
};
