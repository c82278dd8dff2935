// `repcheck diff A B`: open both inputs, pair their images, scan each layer once (digest only
// where both sides claim the same blob), run the diff core, assemble a Report.
import { diffImages, type DiffSide } from '../diff/index.js';
import type { Finding } from '../model/finding.js';
import type { Kind } from '../model/kinds.js';
import type { Limits } from '../model/limits.js';
import type { DiffPair, Report } from '../model/report.js';
import type { Image, LayerScan, Note, OpenedInput, Severity } from '../model/types.js';
import { openInput, selectImages } from '../sources/index.js';
import { sameBytes } from './same-bytes.js';
import type { ProgressTracker } from './progress.js';
import { assembleReport } from './report.js';
import { entryDeltas } from './entry-deltas.js';
import { pairImages } from './pair-images.js';
import { filterPaths, type PathFilter } from './path-filter.js';
import { scanForDiff } from './scan-pair.js';
import { summarizeInput } from './scan-image.js';
import { attachTextDiffs, type FileCollector } from './text-pass.js';

/** What `--semantic` ignores: differences that do not change what runs. */
export const SEMANTIC_KINDS: readonly Kind[] = [
  'entry-mtime', 'entry-pax', 'gzip-mtime', 'config-created', 'history-created', // timestamps
  'entry-order', 'layer-order', // ordering
  'gzip-name', 'gzip-os', 'gzip-header', 'compression-level', 'compressor', 'layer-compression', // compression
  'tar-format', // tar dialect
  'image-ref', // image name
];

export interface DiffOptions {
  limits: Limits;
  ignore: Kind[];
  ignorePaths?: string[];
  semantic?: boolean;
  failOn: Severity;
  /** Shown instead of the paths (e.g. `build A` for temp dirs). */
  labels?: [string, string];
  image?: string;
  platform?: string;
  /** Largest file (bytes) given a unified text diff; 0 disables the second pass. */
  textDiffBytes?: number;
  /** Most files given a text diff. */
  textDiffFiles?: number;
  /** Receives both versions of changed files (for --report-dir). */
  collect?: FileCollector;
  /** Counts bytes read per input (for a progress bar). */
  progress?: ProgressTracker;
}

export async function diffPaths(aPath: string, bPath: string, opts: DiffOptions): Promise<Report> {
  const [aLabel, bLabel] = opts.labels ?? [aPath, bPath];
  const ignore = [...new Set([...opts.ignore, ...(opts.semantic ? SEMANTIC_KINDS : [])])];
  const notes: Note[] = [];

  // Level 1: the same bytes. Nothing else to say, nothing to decompress.
  const identical = await sameBytes(aPath, bPath);

  // Both at once: opening a compressed input walks it, and the two walks overlap on two cores.
  const [a, b] = await Promise.all([
    openInput(aPath, { limits: opts.limits, label: aLabel }),
    openInput(bPath, { limits: opts.limits, label: bLabel }),
  ]);
  for (const input of [a, b]) notes.push(...input.notes.map((n) => ({ ...n, input: n.input ?? input.label })));
  const sel = { image: opts.image, platform: opts.platform };
  const track = (input: OpenedInput, images: Image[]) => (opts.progress ? opts.progress.track(input.label, images) : images);
  const aImages = track(a, selectImages(a, sel));
  const bImages = track(b, selectImages(b, sel));
  const inputs = [summarizeInput(a, aImages), summarizeInput(b, bImages)];
  if (identical) {
    return assembleReport({ mode: 'diff', inputs, findings: [], notes, ignore: { kinds: ignore }, failOn: opts.failOn, verdict: 'identical', pairs: [] });
  }

  const { pairs: imagePairs, notes: pairNotes } = pairImages(a, aImages, b, bImages);
  notes.push(...pairNotes);
  const filter: PathFilter | null = opts.ignorePaths?.length ? { globs: opts.ignorePaths, suppressed: new Map() } : null;
  const findings: Finding[] = [];
  const pairs: DiffPair[] = [];
  const cacheA = new Map<string, Promise<LayerScan>>();
  const cacheB = new Map<string, Promise<LayerScan>>();
  for (const [ia, ib] of imagePairs) {
    const scans = await scanForDiff(a, ia, b, ib, opts.limits, cacheA, cacheB);
    notes.push(...scans.notes);
    const sideA: DiffSide = { label: a.label, input: a, image: ia, scans: filterPaths(scans.a, filter) };
    const sideB: DiffSide = { label: b.label, input: b, image: ib, scans: filterPaths(scans.b, filter) };
    const res = diffImages(sideA, sideB);
    const tag = imagePairs.length > 1 ? ia.id : undefined;
    notes.push(...res.notes.map((n) => (tag !== undefined ? { ...n, image: tag } : n)));
    if ((opts.textDiffBytes ?? 256 * 1024) > 0 || opts.collect) {
      notes.push(...(await attachTextDiffs(res, sideA, sideB, {
        limits: opts.limits,
        maxBytes: opts.textDiffBytes ?? 256 * 1024,
        maxFiles: opts.textDiffFiles ?? 20,
        ...(opts.collect ? { collect: opts.collect } : {}),
      })));
    }
    for (const f of res.findings) findings.push(tag !== undefined ? { ...f, image: tag } : f);
    // An image's name is not part of the image: names alone do not make two builds differ.
    const kept = res.findings.filter((f) => !ignore.includes(f.kind) && f.kind !== 'image-ref');
    pairs.push(lazyEntryTable({
      a: side(a, ia),
      b: side(b, ib),
      verdict: kept.length === 0 ? 'equivalent' : 'differs',
      level: res.level,
      layers: res.alignment,
      entries: [],
    }, () => entryDeltas(sideA, sideB, res)));
  }
  const suppressedPaths: Record<string, number> = {};
  if (filter) for (const g of filter.globs) suppressedPaths[`path:${g}`] = filter.suppressed.get(g) ?? 0;
  const verdict = pairs.some((p) => p.verdict === 'differs') ? 'differs' : 'equivalent';
  const report = assembleReport({ mode: 'diff', inputs, findings, notes, ignore: { kinds: ignore }, failOn: opts.failOn, verdict, pairs });
  Object.assign(report.suppressed, suppressedPaths);
  return report;
}

/**
 * The per-entry table is built when first read: JSON, HTML and --report-dir read it, the text
 * report never does (20,000 rows of a mtime-only diff are ~30 ms and 40,000 objects).
 */
function lazyEntryTable(pair: DiffPair, build: () => DiffPair['entries']): DiffPair {
  let value: DiffPair['entries'] | null = null;
  Object.defineProperty(pair, 'entries', {
    get: () => (value ??= build()),
    set: (v: DiffPair['entries']) => { value = v; },
    enumerable: true,
    configurable: true,
  });
  return pair;
}

function side(input: OpenedInput, im: Image): DiffPair['a'] {
  return {
    input: input.label,
    image: im.id,
    refs: im.refs,
    platform: im.platform ? [im.platform.os, im.platform.architecture, im.platform.variant].filter(Boolean).join('/') : null,
  };
}
