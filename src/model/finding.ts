// Findings are the one currency between rules/comparators and renderers.
import type { Severity } from './types.js';
import type { Kind } from './kinds.js';

/** One concrete occurrence behind a finding, kept to a few per finding. */
export interface Example {
  layer?: number;
  path?: string;
  field?: string;
  value?: unknown;
  a?: unknown;
  b?: unknown;
}

export interface Finding {
  kind: Kind;
  severity: Severity;
  /** Image id within the input (`0`, `1`, …), when the input holds several. */
  image?: string;
  layer: number | null;
  path: string | null;
  /** Which field differs or is wrong (`mtime`, `uid`, `uname`, `FNAME`, `config.created` …). */
  field: string | null;
  /** Lint: the offending value (or a summary of it). */
  value?: unknown;
  /** Diff: the two sides. */
  a?: unknown;
  b?: unknown;
  /** How many raw occurrences this finding stands for. */
  count: number;
  /** A few occurrences (at most MAX_EXAMPLES), in a stable order. */
  examples: Example[];
  /** A short code naming the shape of the problem within its kind (e.g. `build-user`, `constant`). */
  shape?: string;
  /** Optional extra text such as a unified diff. */
  detail?: string;
  /** Which rule or comparator emitted it. */
  origin: string;
}

export const MAX_EXAMPLES = 5;
