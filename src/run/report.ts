// Turns raw findings into a Report: applies ignores (counting what each suppressed), attaches
// the catalog's title and hint, and sorts into a stable order. Pure.
import type { Finding } from '../model/finding.js';
import { hintFor, titleFor, type Kind } from '../model/kinds.js';
import type { InputSummary, Report, ReportFinding } from '../model/report.js';
import { SCHEMA_VERSION } from '../model/report.js';
import { diffFix, diffTitle } from '../model/kinds-diff.js';
import { SEVERITY_RANK, type Note, type Severity } from '../model/types.js';
import { TOOL } from './tool.js';

export interface IgnoreOptions {
  kinds: Kind[];
}

export interface AssembleArgs {
  mode: Report['mode'];
  inputs: InputSummary[];
  findings: (Finding & { input?: string })[];
  notes: Note[];
  ignore: IgnoreOptions;
  epoch?: Report['epoch'];
  verdict?: Report['verdict'];
  pairs?: Report['pairs'];
  failOn: Severity;
}

export function assembleReport(args: AssembleArgs): Report {
  const suppressed: Record<string, number> = {};
  const kept: ReportFinding[] = [];
  const ignored = new Set<string>(args.ignore.kinds);
  for (const k of [...ignored].sort()) suppressed[`kind:${k}`] = 0;
  for (const f of args.findings) {
    if (ignored.has(f.kind)) {
      suppressed[`kind:${f.kind}`] += f.count;
      continue;
    }
    const lint = args.mode === 'lint';
    kept.push({
      ...f,
      title: lint ? titleFor(f.kind, f.shape) : diffTitle(f.kind, titleFor(f.kind, f.shape), f.shape),
      hint: (lint ? undefined : diffFix(f.kind, f.shape)) ?? hintFor(f.kind, f.shape),
    });
  }
  kept.sort(compareFindings);
  let worst: Severity | null = null;
  for (const f of kept) if (worst === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: TOOL,
    mode: args.mode,
    inputs: args.inputs,
    ...(args.epoch ? { epoch: args.epoch } : {}),
    ...(args.verdict ? { verdict: args.verdict } : {}),
    ...(args.pairs ? { pairs: args.pairs } : {}),
    findings: kept,
    suppressed,
    notes: [...args.notes].sort(compareNotes),
    worst,
    gate: { failOn: args.failOn, failed: kept.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[args.failOn]) },
  };
  return report;
}

function cmp(a: string | number | null | undefined, b: string | number | null | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const sx = String(x);
  const sy = String(y);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

/** Most severe first, then input, image, kind, layer, path, shape: stable across runs. */
export function compareFindings(a: ReportFinding, b: ReportFinding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    cmp(a.input, b.input) ||
    cmp(a.image, b.image) ||
    cmp(a.kind, b.kind) ||
    cmp(a.layer ?? -1, b.layer ?? -1) ||
    cmp(a.path, b.path) ||
    cmp(a.shape, b.shape) ||
    cmp(a.field, b.field)
  );
}

function compareNotes(a: Note, b: Note): number {
  return cmp(a.input, b.input) || cmp(a.image, b.image) || cmp(a.layer ?? -1, b.layer ?? -1) || cmp(a.code, b.code) || cmp(a.message, b.message);
}

