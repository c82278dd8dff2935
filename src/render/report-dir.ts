// `--report-dir DIR`: where each file goes. The CLI writes; this only plans, purely. An archive
// path is never used as a filesystem path: each file is named by its layer and tar index plus a
// sanitized basename, under a/ and b/ with the same relative name on both sides, so
// `diff -r DIR/a DIR/b` and `diffoscope DIR/a DIR/b` pair the two versions of each file.
//
//   DIR/report.json   DIR/report.html   DIR/files.json (relPath → layer, index, archive path)
//   DIR/a/layer-<n>/<index>-<basename>  DIR/b/layer-<n>/<index>-<basename>
import type { Report } from '../model/report.js';

export interface ReportDirFile {
  /** The layer as the entry table numbers it (EntryDelta.layer: a's layer, b's when only in b). */
  layer: number;
  /** The entry's tar index on this side. */
  index: number;
  side: 'a' | 'b';
  /** The canonical archive path (untrusted). */
  path: string;
}

export interface PlannedFile extends ReportDirFile {
  /** Relative to the report dir, `/`-separated: `a/layer-2/17-app.conf`. Safe to join. */
  relPath: string;
}

export const REPORT_DIR_FILES = { json: 'report.json', html: 'report.html', index: 'files.json' } as const;

/** Longest sanitized basename kept (bytes = characters: the result is ASCII). */
const MAX_BASENAME = 64;

/**
 * An archive basename as a portable file name: ASCII letters, digits, `.`, `_`, `-` only (others
 * become `_`), no leading dots (so never `.`, `..` or hidden), at most MAX_BASENAME characters
 * keeping the extension, never empty, never a Windows device name.
 */
export function sanitizeBasename(path: string): string {
  const base = path.split('/').filter(Boolean).pop() ?? '';
  let s = base.replace(/[^A-Za-z0-9._-]/g, '_').replace(/_+/g, '_').replace(/^\.+/, '');
  if (s.length > MAX_BASENAME) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 12 ? s.slice(dot) : '';
    s = s.slice(0, MAX_BASENAME - ext.length - 1) + '_' + ext;
  }
  if (s === '' || /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(s)) s = `file${s ? `_${s}` : ''}`;
  return s;
}

/**
 * Plan the files of a report dir. Both versions of one file (same layer and path) get the same
 * name: the a-side tar index when there is one, else b's. Names that would still collide get
 * `~2`, `~3`… Deterministic: sorted by layer, path, side, index. `report` is accepted so the plan
 * may depend on it (it does not yet).
 */
export function planReportDir(_report: Report, files: readonly ReportDirFile[]): PlannedFile[] {
  const sorted = [...files].sort((x, y) => x.layer - y.layer || (x.path < y.path ? -1 : x.path > y.path ? 1 : 0) || (x.side < y.side ? -1 : x.side > y.side ? 1 : 0) || x.index - y.index);
  const aIndex = new Map<string, number>();
  for (const f of sorted) {
    if (!Number.isSafeInteger(f.layer) || f.layer < 0 || !Number.isSafeInteger(f.index) || f.index < 0)
      throw new Error(`report dir: bad layer/index ${f.layer}/${f.index}`);
    const key = `${f.layer}\0${f.path}`;
    if (f.side === 'a' && !aIndex.has(key)) aIndex.set(key, f.index);
  }
  const stem = new Map<string, string>();
  const used = new Set<string>();
  const rels = new Set<string>();
  const out: PlannedFile[] = [];
  for (const f of sorted) {
    const key = `${f.layer}\0${f.path}`;
    let name = stem.get(key);
    if (name === undefined) {
      const base = `layer-${f.layer}/${aIndex.get(key) ?? f.index}-${sanitizeBasename(f.path)}`;
      name = base;
      for (let n = 2; used.has(name); n++) name = `${base}~${n}`;
      used.add(name);
      stem.set(key, name);
    }
    let rel = `${f.side}/${name}`;
    // The same (layer, path, side) twice (a duplicate entry): keep both, numbered.
    for (let n = 2; rels.has(rel); n++) rel = `${f.side}/${name}~dup${n}`;
    rels.add(rel);
    out.push({ ...f, relPath: rel });
  }
  return out;
}

/** `files.json`: what each planned file is (the archive path in full fidelity, as JSON). */
export function reportDirIndex(planned: readonly PlannedFile[]): string {
  return JSON.stringify(planned.map((p) => ({ relPath: p.relPath, side: p.side, layer: p.layer, index: p.index, path: p.path })), null, 2) + '\n';
}
