// Lint one image: settle the expected epoch, run every rule, return findings in a stable order.
// A rule that throws becomes a note and the run goes on (design habit 9).
import type { Finding } from '../model/finding.js';
import type { Note } from '../model/types.js';
import { inferEpoch } from './epoch.js';
import type { EpochSource, LintContext, LintRule } from './rule.js';
import { RULES } from './rules/index.js';

export type { EpochSource, LintContext, LintRule } from './rule.js';
export { RULES } from './rules/index.js';
export { inferEpoch } from './epoch.js';

export type LintInput = Omit<LintContext, 'epoch' | 'epochSource'> & {
  /** Expected SOURCE_DATE_EPOCH; undefined = infer it from the image; null = unknown, do not infer. */
  epoch?: number | null;
  epochSource?: EpochSource;
};

export interface LintResult {
  findings: Finding[];
  notes: Note[];
  epoch: { value: number | null; source: EpochSource };
}

export function lintImage(input: LintInput, rules: readonly LintRule[] = RULES): LintResult {
  const notes: Note[] = [];
  let epoch: number | null;
  let source: EpochSource;
  if (input.epoch !== undefined) {
    epoch = input.epoch;
    source = epoch === null ? 'none' : (input.epochSource ?? 'flag');
    if (epoch === null)
      notes.push({
        code: 'epoch-unknown',
        message: 'no SOURCE_DATE_EPOCH: entry-mtime, config-created and history-created were not checked',
      });
  } else {
    const inf = inferEpoch(input.image, input.scans);
    epoch = inf.value;
    source = epoch === null ? 'none' : 'inferred';
    notes.push(inf.note);
  }
  const ctx: LintContext = {
    image: input.image,
    scans: input.scans,
    epoch,
    epochSource: source,
    owner: input.owner,
    input: input.input,
  };
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      findings.push(...rule.check(ctx));
    } catch (err) {
      notes.push({
        code: 'lint-rule-failed',
        message: `lint rule ${rule.id} failed and was skipped: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
  findings.sort(compareFindings);
  return { findings, notes, epoch: { value: epoch, source } };
}

function cmp<T extends string | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable order: kind, layer (image-level first), path, shape, field, origin. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.kind, b.kind) ||
    cmp(a.layer ?? -1, b.layer ?? -1) ||
    Buffer.compare(Buffer.from(a.path ?? ''), Buffer.from(b.path ?? '')) ||
    cmp(a.shape ?? '', b.shape ?? '') ||
    cmp(a.field ?? '', b.field ?? '') ||
    cmp(a.origin, b.origin)
  );
}
