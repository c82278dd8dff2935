import type { Compression, EntryType, Note, Severity, TarFormat } from './types.js';
import type { Kind } from './kinds.js';
import type { Finding } from './finding.js';

export const SCHEMA_VERSION = 1;

export interface InputSummary {
  label: string;
  flavour: string;
  wrapper: string;
  images: {
    id: string;
    refs: string[];
    platform: string | null;
    layers: number;
    configDigest: string | null;
    manifestDigest: string | null;
  }[];
}

/** A finding as reported: the catalog's title and hint attached. */
export interface ReportFinding extends Finding {
  /** Which input it concerns (label), for lint. */
  input?: string;
  title: string;
  hint: string;
}

/** One layer of one side in the alignment table. */
export interface LayerSideFacts {
  index: number;
  storedDigest: string | null;
  diffId: string | null;
  size: number | null;
  mediaType: string | null;
  compression: Compression | null;
  gzip: { mtime: number; xfl: number; os: number; flags: number; name: string | null; memberCount: number } | null;
  zstdFrames: number | null;
}

export interface LayerAlignmentRow {
  how: 'position' | 'diffid' | 'only-a' | 'only-b';
  /** `stored`: same bytes; `content`: same tar, other bytes; `differs`; null when one-sided. */
  same: 'stored' | 'content' | 'differs' | null;
  a: LayerSideFacts | null;
  b: LayerSideFacts | null;
}

/** The fields of one entry as the entry table shows them. */
export interface EntryFacts {
  index: number;
  type: EntryType;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  size: number;
  sha256: string | null;
  linkTarget: string | null;
  format: TarFormat;
}

/** One entry that differs between the two sides (every one: JSON and HTML carry all). */
export interface EntryDelta {
  /** a's layer index (b's when the layer exists only in b). */
  layer: number;
  path: string;
  kinds: Kind[];
  a: EntryFacts | null;
  b: EntryFacts | null;
}

/** The comparison of one image of A with one image of B. */
export interface DiffPair {
  a: { input: string; image: string; refs: string[]; platform: string | null };
  b: { input: string; image: string; refs: string[]; platform: string | null };
  verdict: 'identical' | 'equivalent' | 'differs';
  /** How far apart: nothing, only compression, only metadata (config/manifest/refs), content. */
  level: 'same' | 'compression' | 'metadata' | 'content';
  layers: LayerAlignmentRow[];
  entries: EntryDelta[];
}

/** `repcheck build`: what was varied and what the search found. */
export interface BuildSummary {
  /** The build command as given (argv). */
  command: string[];
  /** Every known variation: applied, or skipped with the reason. */
  variations: { id: string; applied: boolean; reason?: string; detail?: string }[];
  /** Variation ids of the minimal culprit sets, all causes together (empty when reproducible). */
  culprits: string[];
  /** Each independent cause found: a minimal set of variation ids that alone makes a difference. */
  causes: string[][];
  /** The control pair (no variation) already differs: nondeterminism intrinsic to the build. */
  intrinsic: boolean | null;
  /** Builds run in all. */
  builds: number;
  /** Why the search stopped early, when it did (`--max-builds`, `--no-search`). */
  searchStopped?: string;
  /** What each cause (same order as `causes`) changes, and how to fix it. */
  effects?: CauseEffect[];
  /** What the control pair (nothing varied) already showed, when it differed. */
  control?: { kinds: string[]; paths: string[] } | null;
}

export interface CauseEffect {
  /** The variation ids of the cause. */
  variations: string[];
  /** Finding kinds this cause produces. */
  kinds: string[];
  /** A few of the paths it changes. */
  paths: string[];
  /** One fix hint per variation of the cause. */
  hints: string[];
  /** False when the search stopped before this set was minimal. */
  minimal: boolean;
}

export interface Report {
  schemaVersion: number;
  tool: { name: string; version: string };
  mode: 'lint' | 'diff' | 'build';
  inputs: InputSummary[];
  /** Epoch used for lint, and where it came from. */
  epoch?: { value: number | null; source: 'flag' | 'env' | 'inferred' | 'none' };
  /** diff/build: the overall verdict (the worst over all pairs). */
  verdict?: 'identical' | 'equivalent' | 'differs';
  /** diff/build: one per compared image pair. */
  pairs?: DiffPair[];
  /** build: the variations, culprits and build count. */
  build?: BuildSummary;
  findings: ReportFinding[];
  /** Findings suppressed by each ignore, keyed by the ignore (`kind:entry-mtime`). */
  suppressed: Record<string, number>;
  notes: Note[];
  /** Highest severity present, or null. */
  worst: Severity | null;
  /** The CI gate: the threshold applied and whether the report fails it. */
  gate: { failOn: Severity; failed: boolean };
}
