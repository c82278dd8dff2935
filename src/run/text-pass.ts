// The bounded second pass of a diff: for a few changed files small enough to read, fetch both
// versions (re-streaming just the layers that hold them) and attach a unified diff to the
// entry-content finding, noting when the changed lines carry dates, times or temp paths.
import { mentionsTimeOrTempPath, textDiff, type DiffResult, type DiffSide } from '../diff/index.js';
import type { Limits } from '../model/limits.js';
import type { Note } from '../model/types.js';
import { scanLayer } from '../scan/index.js';

export interface TextPassOptions {
  limits: Limits;
  maxBytes: number;
  maxFiles: number;
  /** Also hand both versions of each changed file (within these limits) to a sink (--report-dir). */
  collect?: FileCollector;
}

export interface CollectedFile {
  /** a's layer index (the entry table's numbering), on both sides. */
  layer: number;
  index: number;
  side: 'a' | 'b';
  path: string;
  content: Buffer;
}

export interface FileCollector {
  maxBytes: number;
  maxFiles: number;
  sink(file: CollectedFile): void;
}

async function fetch(side: DiffSide, layer: number, indexes: Set<number>, opts: TextPassOptions): Promise<Map<number, Buffer>> {
  const got = new Map<number, Buffer>();
  const l = side.image.layers[layer]!;
  await scanLayer(() => l.open(), {
    limits: opts.limits,
    capture: { indexes, maxBytes: opts.maxBytes, onContent: (i, buf) => got.set(i, buf) },
  });
  return got;
}

export async function attachTextDiffs(res: DiffResult, a: DiffSide, b: DiffSide, opts: TextPassOptions): Promise<Note[]> {
  const maxBytes = Math.max(opts.maxBytes, opts.collect?.maxBytes ?? 0);
  const maxFiles = Math.max(opts.maxFiles, opts.collect?.maxFiles ?? 0);
  const chosen = res.contentChanges.filter((c) => c.aSize <= maxBytes && c.bSize <= maxBytes).slice(0, maxFiles);
  if (chosen.length === 0) return [];
  const want = (side: 'a' | 'b') => {
    const m = new Map<number, Set<number>>();
    for (const c of chosen) {
      const layer = side === 'a' ? c.aLayer : c.bLayer;
      const idx = side === 'a' ? c.aIndex : c.bIndex;
      if (!m.has(layer)) m.set(layer, new Set());
      m.get(layer)!.add(idx);
    }
    return m;
  };
  const contents = { a: new Map<string, Buffer>(), b: new Map<string, Buffer>() };
  // The two sides are re-read at the same time (their layers one after another), like the
  // scans: inflating runs on the thread pool, so the second side costs little extra time.
  // Every read is settled before this returns, whether the other side failed or not.
  const sides = await Promise.allSettled((['a', 'b'] as const).map(async (side) => {
    for (const [layer, idxs] of want(side)) {
      const got = await fetch(side === 'a' ? a : b, layer, idxs, { ...opts, maxBytes });
      for (const [i, buf] of got) contents[side].set(`${layer}:${i}`, buf);
    }
  }));
  const failed = sides.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    const e: unknown = failed.reason;
    return [{ code: 'diff-text-pass-failed', message: `could not re-read layers for text diffs: ${e instanceof Error ? e.message : String(e)}` }];
  }
  const patches: string[] = [];
  const hints = new Set<string>();
  let diffed = 0;
  for (const [n, c] of chosen.entries()) {
    const x = contents.a.get(`${c.aLayer}:${c.aIndex}`);
    const y = contents.b.get(`${c.bLayer}:${c.bIndex}`);
    if (!x || !y) continue;
    if (opts.collect && n < opts.collect.maxFiles && x.length <= opts.collect.maxBytes && y.length <= opts.collect.maxBytes) {
      opts.collect.sink({ layer: c.aLayer, index: c.aIndex, side: 'a', path: c.path, content: x });
      opts.collect.sink({ layer: c.aLayer, index: c.bIndex, side: 'b', path: c.path, content: y });
    }
    if (diffed >= opts.maxFiles || x.length > opts.maxBytes || y.length > opts.maxBytes) continue;
    diffed++;
    const patch = textDiff(c.path, x, y, opts.maxBytes);
    if (!patch) continue;
    patches.push(patch.trimEnd());
    for (const h of mentionsTimeOrTempPath(patch)) hints.add(h);
  }
  if (patches.length === 0) return [];
  const finding = res.findings.find((f) => f.kind === 'entry-content');
  if (finding) {
    finding.detail = patches.join('\n');
    if (hints.size) finding.detail = `changed lines contain ${[...hints].sort().join(' and ')}\n` + finding.detail;
  }
  const notes: Note[] = [];
  if (res.contentChanges.length > diffed)
    notes.push({ code: 'diff-text-limited', message: `unified diffs for ${diffed} of ${res.contentChanges.length} changed files (size, count and text limits)` });
  return notes;
}
