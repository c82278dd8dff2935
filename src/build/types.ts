// The shapes build/ hands out: the options of a run, its progress events, and its result.
import type { BuildSummary, CauseEffect } from '../model/report.js';

export type { CauseEffect };
import type { Note } from '../model/types.js';
import type { Compare, CompareResult } from './compare-artifacts.js';
import type { HostFacts, VariationId } from './variations/index.js';

export interface BuildTwiceOptions {
  command: string[];
  /** The source tree (absolute). */
  src: string;
  /** Artifact path relative to the build dir; default: whatever the build writes to $REPCHECK_OUT. */
  artifact?: string;
  /** Variations to apply (default all); minus noVary. */
  vary?: VariationId[];
  noVary?: VariationId[];
  search: boolean;
  /** Most builds in all, A and B included (at least 2). */
  maxBuilds: number;
  timeoutMs?: number;
  keep: boolean;
  /** --env, resolved to values. */
  env: Record<string, string>;
  /** PATH the builds get. */
  path: string;
  /** Where the temp root is made. */
  tmpDir: string;
  compare: Compare;
  signal?: AbortSignal;
  onProgress?: (e: BuildProgress) => void;
  /** Names of variables set in repcheck's own environment (for the proxy note; never values). */
  hostEnvNames?: string[];
  /** Overrides of probed host facts (tests: "as if faketime were missing"). */
  host?: Partial<HostFacts>;
}

export type BuildProgress =
  | { type: 'build-start'; n: number; label: string; max: number }
  | { type: 'build-end'; n: number; label: string; ms: number }
  | { type: 'phase'; text: string };

/** BuildSummary with the cause effects and control always present (the model keeps them optional). */
export interface BuildDetails extends BuildSummary {
  effects: CauseEffect[];
  control: { kinds: string[]; paths: string[] } | null;
}

export interface BuildTwiceResult {
  summary: BuildDetails;
  /** A vs B: the pair the report shows. */
  first: CompareResult;
  notes: Note[];
  /** With --keep: the temp root and each build's dir (printed on stderr, never in the report). */
  kept: { root: string; builds: { label: string; dir: string }[] } | null;
}
