// Entry to the diff core: `repcheck diff A B` minus the I/O. The lead opens both inputs,
// scans the layers (alignLayers says which pairs need no decompression), and hands both
// sides here; every comparator runs, a throwing one becomes a note, and the findings come
// back grouped into root causes.
import type { Kind } from '../model/kinds.js';
import type { Note } from '../model/types.js';
import { alignmentRows } from './alignment.js';
import { COMPARATORS } from './comparators/index.js';
import { buildContext } from './context.js';
import { contentDiffers } from './pair-entries.js';
import type { ContentChange, DiffContext, DiffLevel, DiffResult, DiffSide } from './types.js';
import type { Finding } from '../model/finding.js';

export { alignLayers } from './align.js';
export { textDiff, mentionsTimeOrTempPath } from './text-diff.js';
export { COMPARATORS } from './comparators/index.js';
export type {
  Comparator, ContentChange, DiffContext, DiffLevel, DiffResult, DiffSide, EntryPairing, LayerAlignmentRow,
  LayerPair, LayerSideFacts, LayerView, PairView,
} from './types.js';

const COMPRESSION_KINDS: ReadonlySet<Kind> = new Set<Kind>([
  'gzip-mtime', 'gzip-name', 'gzip-os', 'gzip-header', 'compression-level', 'compressor', 'layer-compression',
]);
const CONTENT_KINDS: ReadonlySet<Kind> = new Set<Kind>([
  'entry-mtime', 'entry-owner', 'entry-order', 'entry-mode', 'entry-content', 'entry-type', 'entry-link',
  'entry-set', 'entry-pax', 'entry-xattrs', 'tar-format', 'layer-order', 'layer-set',
]);

function levelOf(findings: readonly Finding[]): DiffLevel {
  if (findings.length === 0) return 'same';
  if (findings.some((f) => CONTENT_KINDS.has(f.kind))) return 'content';
  if (findings.every((f) => COMPRESSION_KINDS.has(f.kind))) return 'compression';
  return 'metadata';
}

function contentChanges(ctx: DiffContext): ContentChange[] {
  const out: ContentChange[] = [];
  for (const p of ctx.entryPairings())
    for (let i = 0; i < p.ma.length; i++) {
      const x = p.ma[i]!;
      const y = p.mb[i]!;
      if (contentDiffers(x, y))
        out.push({ path: x.path, aLayer: p.layer, bLayer: p.view.b!.index, aIndex: x.index, bIndex: y.index, aSize: x.size, bSize: y.size });
    }
  return out;
}

function missingDocNotes(a: DiffSide, b: DiffSide): Note[] {
  const notes: Note[] = [];
  for (const [what, get] of [
    ['config', (s: DiffSide) => s.image.config],
    ['manifest', (s: DiffSide) => s.image.manifest],
  ] as const) {
    const ha = get(a) !== null;
    const hb = get(b) !== null;
    if (ha === hb) continue;
    const side = ha ? b : a;
    notes.push({
      code: `diff-no-${what}`,
      input: side.label,
      image: side.image.id,
      message: `${side.label} has no image ${what}; the ${what}s were not compared`,
    });
  }
  return notes;
}

export function diffImages(a: DiffSide, b: DiffSide): DiffResult {
  const { ctx, notes } = buildContext(a, b);
  notes.push(...missingDocNotes(a, b));
  const findings: Finding[] = [];
  for (const c of COMPARATORS) {
    try {
      findings.push(...c.compare(ctx));
    } catch (err) {
      notes.push({
        code: 'diff-comparator-failed',
        message: `comparator ${c.id} failed and was skipped: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
  let changes: ContentChange[] = [];
  try {
    changes = contentChanges(ctx);
  } catch {
    // entryPairings already failed inside a comparator and left a note.
  }
  let pairings: DiffResult['pairings'] = [];
  try {
    pairings = ctx.entryPairings();
  } catch {
    // Already noted above.
  }
  return { findings, notes, alignment: alignmentRows(ctx.pairs), level: levelOf(findings), contentChanges: changes, pairings, pairs: ctx.pairs };
}
