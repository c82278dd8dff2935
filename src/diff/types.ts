// The contract of the diff core: what the lead hands in (two sides, each with its scans), what
// comes back (findings, notes, a layer alignment table), and the interface every comparator
// implements. Pure data; no I/O anywhere under src/diff/.
import type { Finding } from '../model/finding.js';
import type { Kind } from '../model/kinds.js';
import type { Compression, EntryRecord, Image, Layer, LayerScan, Note, OpenedInput } from '../model/types.js';

export interface DiffSide {
  /** What the user typed for this side (used in notes). */
  label: string;
  input: OpenedInput;
  image: Image;
  /**
   * One per image.layers, same order. A digest-only scan has entries=[] and diffId=null;
   * null means the layer was not scanned at all.
   */
  scans: (LayerScan | null)[];
}

/**
 * One row of the layer alignment. `diffid`: the two layers are the same tar (equal diffID, or
 * equal verified stored digest), wherever they sit. `position`: different tars paired because
 * they sit in the same slot between two same-tar anchors (the same build step, rebuilt).
 */
export interface LayerPair {
  a: number | null;
  b: number | null;
  how: 'position' | 'diffid' | 'only-a' | 'only-b';
}

export interface LayerSideFacts {
  index: number;
  /** Verified sha256 of the stored blob (from the scan, or the source's check), else null. */
  storedDigest: string | null;
  /** diffID: the scan's when it decompressed the layer, else the config's claim. */
  diffId: string | null;
  size: number | null;
  mediaType: string | null;
  compression: Compression | null;
  gzip: {
    mtime: number;
    xfl: number;
    os: number;
    flags: number;
    name: string | null;
    memberCount: number;
  } | null;
  zstdFrames: number | null;
}

export interface LayerAlignmentRow {
  how: LayerPair['how'];
  /**
   * `stored`: same stored bytes (nothing to decompress); `content`: same tar, other bytes;
   * `differs`: different tars; null for rows with one side only.
   */
  same: 'stored' | 'content' | 'differs' | null;
  a: LayerSideFacts | null;
  b: LayerSideFacts | null;
}

/** A file whose content differs, for the lead's second (text diff) pass. */
export interface ContentChange {
  path: string;
  aLayer: number;
  bLayer: number;
  /** Tar index of the entry in each layer. */
  aIndex: number;
  bIndex: number;
  aSize: number;
  bSize: number;
}

/**
 * How far the two images are apart, from the findings: `same` (no findings), `compression`
 * (only compression kinds: same content, other bytes), `metadata` (config, manifest, history or
 * references differ, layer content does not), `content` (layers or entries differ).
 */
export type DiffLevel = 'same' | 'compression' | 'metadata' | 'content';

export interface DiffResult {
  findings: Finding[];
  notes: Note[];
  alignment: LayerAlignmentRow[];
  level: DiffLevel;
  /** Every paired regular file whose sha256 differs, in (a layer, a tar index) order. */
  contentChanges: ContentChange[];
  /** The entry pairing of every walked, differing layer pair (for the per-entry table). */
  pairings: EntryPairing[];
  /** The layer pairs, as aligned. */
  pairs: PairView[];
}

/** One layer of one side as the comparators see it. */
export interface LayerView {
  index: number;
  layer: Layer;
  scan: LayerScan | null;
  /** Verified stored digest, or null. */
  stored: string | null;
  /** Effective diffID: the scan's when decompressed, else the config's claim. */
  diffId: string | null;
  /** The scan decompressed the layer and walked its entries. */
  walked: boolean;
}

export interface PairView {
  pair: LayerPair;
  a: LayerView | null;
  b: LayerView | null;
  /** Both sides present and their verified stored digests are equal. */
  storedSame: boolean;
  /** Both sides present and they are the same tar (equal diffID or storedSame). */
  contentSame: boolean;
  /** The layer index findings use: a's index when present, else b's. */
  layer: number;
}

/** Entries of one layer pair, paired by canonical path (k-th occurrence with k-th). */
export interface EntryPairing {
  view: PairView;
  /** a's layer index (findings and examples use it). */
  layer: number;
  aEntries: EntryRecord[];
  bEntries: EntryRecord[];
  /** Paired entries, in a's tar order: ma[i] pairs with mb[i]. */
  ma: EntryRecord[];
  mb: EntryRecord[];
  onlyA: EntryRecord[];
  onlyB: EntryRecord[];
  /**
   * Content sha256 each entry stands for, by tar index: a file's own, a hardlink's target's
   * (resolved through earlier entries on the same side), null otherwise. Empty when neither
   * side has a hardlink (nothing to resolve).
   */
  effA: (string | null)[];
  effB: (string | null)[];
}

export interface DiffContext {
  a: DiffSide;
  b: DiffSide;
  pairs: PairView[];
  /** Layer pairs whose entries must be compared (both walked, different tars), computed once. */
  entryPairings(): EntryPairing[];
}

export interface Comparator {
  /** Stable id; equals the comparator's file name under src/diff/comparators/. */
  id: string;
  /** The kinds this comparator may emit. */
  kinds: readonly Kind[];
  /** Pure: reads the context, returns aggregated findings (never one per entry). */
  compare(ctx: DiffContext): Finding[];
}
