// Waivers: findings accepted on purpose, with a reason, optionally only under a path glob and
// only until a date. Applied after the report is assembled; like ignores they are counted
// (report.suppressed, `waiver:<kind>[:<glob>]`), and an expired waiver stops applying and says so
// in a `waiver-expired` note. `today` comes from the CLI (the only clock read; the report holds
// no date otherwise).
import type { Example } from '../model/finding.js';
import type { Report, ReportFinding } from '../model/report.js';
import { SEVERITY_RANK, type Note, type Severity } from '../model/types.js';
// The same glob as --ignore-path, so a waiver's path means what an ignore's path means.
import { globToRegExp } from '../run/glob.js';
import { isDate, type Waiver } from './schema.js';

export function waiverKey(w: Waiver): string {
  return `waiver:${w.kind}${w.path !== undefined ? `:${w.path}` : ''}`;
}

interface Active {
  w: Waiver;
  key: string;
  re: RegExp | null;
}

/**
 * Is every occurrence of this aggregated finding under the glob? Only a diff report can tell: its
 * entry table lists every differing entry with its kinds. Entries of the finding's kind (in its
 * layer, when it has one) are a superset of its occurrences, so "all match" is proof.
 */
function allOccurrencesMatch(report: Report, f: ReportFinding, re: RegExp): boolean {
  let seen = 0;
  for (const p of report.pairs ?? [])
    for (const e of p.entries) {
      if (!e.kinds.includes(f.kind) || (f.layer !== null && e.layer !== f.layer)) continue;
      if (!re.test(e.path)) return false;
      seen++;
    }
  return seen >= f.count;
}

/** What is left of a finding under one waiver: null when fully waived; with the count it took. */
function waive(report: Report, f: ReportFinding, a: Active): { rest: ReportFinding | null; taken: number } {
  if (a.re === null) return { rest: null, taken: f.count };
  if (f.path !== null) return a.re.test(f.path) ? { rest: null, taken: f.count } : { rest: f, taken: 0 };
  const hit = (e: Example) => e.path !== undefined && a.re!.test(e.path);
  const matched = f.examples.filter(hit);
  if (matched.length === 0) return { rest: f, taken: 0 };
  if (f.count > f.examples.length && allOccurrencesMatch(report, f, a.re)) return { rest: null, taken: f.count };
  // Only the examples are known to match: waive those, keep the rest of the finding.
  const count = f.count - matched.length;
  if (count <= 0) return { rest: null, taken: f.count };
  return { rest: { ...f, count, examples: f.examples.filter((e) => !hit(e)) }, taken: matched.length };
}

/**
 * Apply waivers to a report: matching findings are removed (or, for a path glob over an
 * aggregated finding, the matching occurrences), counted under their key, and worst/gate are
 * recomputed. Waivers whose `expires` is before `today` (YYYY-MM-DD) do nothing but add a
 * `waiver-expired` note. Pure: returns a new report.
 */
export function applyWaivers(report: Report, waivers: readonly Waiver[], today: string): Report {
  if (!isDate(today)) throw new Error(`applyWaivers: today must be YYYY-MM-DD (got '${today}')`);
  const suppressed = { ...report.suppressed };
  const notes: Note[] = [...report.notes];
  const active: Active[] = [];
  for (const w of waivers) {
    const key = waiverKey(w);
    if (w.expires !== undefined && w.expires < today) {
      notes.push({
        code: 'waiver-expired',
        message: `waiver ${key} expired on ${w.expires} and no longer applies (its reason: ${w.reason}); renew it with a new date or fix the cause`,
      });
      continue;
    }
    suppressed[key] ??= 0;
    active.push({ w, key, re: w.path !== undefined ? globToRegExp(w.path) : null });
  }
  const findings: ReportFinding[] = [];
  for (const f0 of report.findings) {
    let f: ReportFinding | null = f0;
    for (const a of active) {
      if (f === null) break;
      if (a.w.kind !== f.kind) continue;
      const r = waive(report, f, a);
      suppressed[a.key] = suppressed[a.key]! + r.taken;
      f = r.rest;
    }
    if (f !== null) findings.push(f);
  }
  let worst: Severity | null = null;
  for (const f of findings) if (worst === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  const failed = findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[report.gate.failOn]);
  return { ...report, findings, suppressed, notes, worst, gate: { ...report.gate, failed } };
}
