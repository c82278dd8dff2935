// Shared wording for the report formats (markdown, github, junit, sarif, html): the verdict line,
// where a finding is, what its values are. Escaping is the caller's: these return plain text in
// which untrusted names have already been through safeText (via shortText / formatValue).
import type { Example } from '../model/finding.js';
import { diffTitle } from '../model/kinds-diff.js';
import { isKind, KIND_INFO } from '../model/kinds.js';
import type { Report, ReportFinding } from '../model/report.js';
import type { Severity } from '../model/types.js';
import { safeText, shortText } from './escape.js';
import { formatValue } from './values.js';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export function severityCounts(r: Report): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of r.findings) counts[f.severity]++;
  return counts;
}

/** `1 error`, `1,234 entries`: grouped digits (fixed locale, so output does not depend on the machine). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${grouped(n)} ${n === 1 ? one : many}`;
}

/** 1234567 → `1,234,567` (no Intl: the same on every machine). */
export function grouped(n: number): string {
  return Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(n);
}

/** `3 findings (1 error, 2 warnings)` or `no findings`. */
export function findingsSummary(r: Report): string {
  const c = severityCounts(r);
  const n = r.findings.length;
  if (n === 0) return 'no findings';
  const parts = SEVERITIES.filter((s) => c[s] > 0).map((s) => plural(c[s], s));
  return `${plural(n, 'finding')} (${parts.join(', ')})`;
}

/** PASS/FAIL and why, as the text renderer says it. */
export function gateLine(r: Report): string {
  const n = r.findings.length;
  return r.gate.failed
    ? `FAIL: ${findingsSummary(r)}; failing at --fail-on ${r.gate.failOn}`
    : `PASS: ${findingsSummary(r)}${n ? `; none at or above --fail-on ${r.gate.failOn}` : ''}`;
}

/** What was compared or checked: `a.tar vs b.tar`, or the lint inputs. Escaped. */
export function subject(r: Report): string {
  const labels = r.inputs.map((i) => shortText(i.label, 80));
  return r.mode === 'lint' ? labels.join(', ') : labels.join(' vs ');
}

/** `images differ (content)`, for diff and build reports; null for lint. */
export function verdictPhrase(r: Report): string | null {
  if (!r.verdict) return null;
  const levels = [...new Set((r.pairs ?? []).map((p) => p.level))].filter((l) => l !== 'same');
  const how = levels.length ? ` (${levels.join(', ')})` : '';
  return r.verdict === 'identical'
    ? 'images are identical'
    : r.verdict === 'equivalent'
      ? `images are equivalent${how}`
      : `images differ${how}`;
}

/** Where a finding is: `input, image 1, layer 2, 1,234 entries` (`withInput: false` leaves the input out). */
export function whereOf(f: ReportFinding, withInput = true): string {
  const where: string[] = [];
  if (f.input !== undefined && withInput) where.push(shortText(f.input, 80));
  if (f.image !== undefined) where.push(`image ${safeText(f.image)}`);
  if (f.layer !== null) where.push(`layer ${f.layer}`);
  if (f.count > 1) where.push(plural(f.count, 'entry', 'entries'));
  return where.join(', ');
}

/** The finding's own value line(s): `mtime: 1 (…) → 2 (…)`, `value: …`, or null. */
export function valueLine(f: ReportFinding): string | null {
  const label = f.field ?? 'value';
  if (f.a !== undefined || f.b !== undefined) return `${label}: ${formatValue(f.field, f.a)} → ${formatValue(f.field, f.b)}`;
  if (f.value !== undefined) return `${label}: ${formatValue(f.field, f.value)}`;
  return null;
}

/**
 * The examples worth showing: none when a single occurrence is fully said by its own value(s)
 * (as the text renderer does), else the first `limit`.
 */
export function shownExamples(f: ReportFinding, limit = Infinity): Example[] {
  const single = f.count <= 1 && (f.value !== undefined || f.a !== undefined || f.b !== undefined);
  return single ? [] : f.examples.slice(0, limit);
}

/** One example as a line: `layer 2  usr/bin/x  mtime: 1 → 2`. */
export function exampleText(e: Example, field: string | null, max = 120): string {
  const parts: string[] = [];
  if (e.layer !== undefined) parts.push(`layer ${e.layer}`);
  if (e.path !== undefined) parts.push(shortText(e.path, max));
  const fld = e.field ?? field;
  if (e.value !== undefined) parts.push(`${e.field ? `${safeText(e.field)}: ` : ''}${formatValue(fld, e.value)}`);
  if (e.a !== undefined || e.b !== undefined)
    parts.push(`${e.field ? `${safeText(e.field)}: ` : ''}${formatValue(fld, e.a)} → ${formatValue(fld, e.b)}`);
  return parts.join('  ');
}

/** A check's title as the report's mode words it (diff titles speak of a difference), or null for an unknown kind. */
export function kindTitle(kind: string, mode: Report['mode']): string | null {
  if (!isKind(kind)) return null;
  return mode === 'lint' ? KIND_INFO[kind].title : diffTitle(kind, KIND_INFO[kind].title);
}

/** The catalog's root cause for a kind, or null for a kind this version does not know. */
export function causeOf(kind: string): string | null {
  return isKind(kind) ? KIND_INFO[kind].cause : null;
}

/** Findings grouped by kind (root cause), in the report's order of first appearance. */
export function byKind(findings: readonly ReportFinding[]): [string, ReportFinding[]][] {
  const groups = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    const g = groups.get(f.kind);
    if (g) g.push(f);
    else groups.set(f.kind, [f]);
  }
  return [...groups];
}

/** Suppressed counts worth showing (ignores and waivers that matched something, or all with `all`). */
export function suppressedList(r: Report, all = false): [string, number][] {
  return Object.entries(r.suppressed).filter(([, n]) => all || n > 0);
}
