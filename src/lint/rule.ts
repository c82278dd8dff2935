// The contract between lintImage and the rules: one hazard per rule file, each pure.
import type { Finding } from '../model/finding.js';
import type { Kind } from '../model/kinds.js';
import type { Image, LayerScan, OpenedInput } from '../model/types.js';

/** Where the expected SOURCE_DATE_EPOCH came from. */
export type EpochSource = 'flag' | 'env' | 'inferred' | 'none';

export interface LintContext {
  image: Image;
  /** One scan per layer, in the same order as image.layers. */
  scans: LayerScan[];
  /** Expected SOURCE_DATE_EPOCH in seconds, or null when unknown. */
  epoch: number | null;
  epochSource: EpochSource;
  /** Expected owner of every entry (default 0:0). */
  owner: { uid: number; gid: number };
  input: OpenedInput;
}

export interface LintRule {
  /** Stable id; equals the rule's file name under src/lint/rules/. */
  id: string;
  /** The kinds this rule may emit. */
  kinds: readonly Kind[];
  /** Pure: reads the context, returns aggregated findings (never one per entry). */
  check(ctx: LintContext): Finding[];
}
