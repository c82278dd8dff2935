// The build Report: the diff report of the first pair (A vs B, everything varied), mode
// `build`, and what was varied and found. Pure.
import type { Report } from '../model/report.js';
import type { Note, Severity } from '../model/types.js';
import { assembleReport } from '../run/report.js';
import type { BuildTwiceResult } from './run-twice.js';

function cmp(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

export function buildReport(res: BuildTwiceResult, failOn: Severity): Report {
  const base =
    res.first.report ??
    assembleReport({
      mode: 'build',
      inputs: [],
      findings: [],
      notes: [],
      ignore: { kinds: [] },
      failOn,
      verdict: res.first.differs ? 'differs' : 'identical',
    });
  const notes: Note[] = [...base.notes, ...res.notes].sort(
    (a, b) => cmp(a.input, b.input) || cmp(a.image, b.image) || (a.layer ?? -1) - (b.layer ?? -1) || cmp(a.code, b.code) || cmp(a.message, b.message),
  );
  return {
    ...base,
    mode: 'build',
    build: res.summary,
    notes,
    // Without a report (a comparator that only says yes/no) the gate follows the verdict.
    gate: res.first.report ? base.gate : { failOn, failed: res.first.differs },
  };
}
