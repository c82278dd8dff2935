// JUnit XML, the report every CI understands: one test suite per run, one test case per check
// (a kind the run checks: its rules or comparators, plus any kind that turned up). A check fails
// when it has findings at or above --fail-on (the same gate as the exit code); findings below it
// are listed in <system-out>; a check whose findings were all ignored or waived, or that a note
// says did not run, is <skipped>. No timestamps or durations: output is reproducible.
import { SEVERITY_RANK } from '../model/types.js';
import type { Report, ReportFinding } from '../model/report.js';
import { checksOf, UNCHECKED_BY_NOTE } from './checks.js';
import { escapeXml } from './escape.js';
import { exampleText, grouped, kindTitle, shownExamples, subject, valueLine, verdictPhrase, whereOf } from './describe.js';

export interface JunitOptions {
  verbose: boolean;
}

function findingText(f: ReportFinding): string {
  const lines = [`[${f.severity}] ${f.kind}: ${f.title}${whereOf(f) ? ` (${whereOf(f)})` : ''}`];
  if (f.path !== null && f.count <= 1) lines.push(`  path: ${exampleText({ path: f.path }, null, 400)}`);
  const value = valueLine(f);
  if (value) lines.push(`  ${value}`);
  const ex = shownExamples(f);
  for (const e of ex) lines.push(`  e.g. ${exampleText(e, f.field, 400)}`);
  if (ex.length > 0 && f.count > ex.length) lines.push(`  … ${grouped(f.count - ex.length)} more`);
  lines.push(`  fix: ${f.hint}`);
  if (f.detail) lines.push(...f.detail.replace(/\n$/, '').split('\n').map((l) => `  ${l}`));
  return lines.join('\n');
}

function suppressedFor(r: Report, kind: string): [string, number][] {
  return Object.entries(r.suppressed).filter(([k, n]) => n > 0 && (k === `kind:${kind}` || k === `waiver:${kind}` || k.startsWith(`waiver:${kind}:`)));
}

export function renderJunit(report: Report, _opts: JunitOptions = { verbose: false }): string {
  const failRank = SEVERITY_RANK[report.gate.failOn];
  const unchecked = new Map<string, string>();
  for (const n of report.notes) for (const k of UNCHECKED_BY_NOTE[n.code] ?? []) unchecked.set(k, n.message);
  const classname = `repcheck.${report.mode}`;
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const kind of checksOf(report)) {
    const fs = report.findings.filter((f) => f.kind === kind);
    const failing = fs.filter((f) => SEVERITY_RANK[f.severity] >= failRank);
    const title = kindTitle(kind, report.mode) ?? fs[0]?.title ?? kind;
    const open = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(`${kind}: ${title}`)}"`;
    const sup = suppressedFor(report, kind);
    if (failing.length) {
      failures++;
      const count = failing.reduce((n, f) => n + f.count, 0);
      const worst = failing[0]!.severity; // findings come most severe first
      const message = `${failing.length === 1 ? failing[0]!.title : `${failing.length} findings`}: ${grouped(count)} occurrence${count === 1 ? '' : 's'} at or above ${report.gate.failOn}`;
      const body = fs.map(findingText).join('\n\n');
      cases.push(`${open}>`, `      <failure type="${escapeXml(worst)}" message="${escapeXml(message)}">${escapeXml(body, true)}</failure>`, '    </testcase>');
    } else if (fs.length) {
      cases.push(`${open}>`, `      <system-out>${escapeXml(`below --fail-on ${report.gate.failOn}:\n\n${fs.map(findingText).join('\n\n')}`, true)}</system-out>`, '    </testcase>');
    } else if (unchecked.has(kind)) {
      skipped++;
      cases.push(`${open}>`, `      <skipped message="${escapeXml(`not checked: ${unchecked.get(kind)!}`)}"/>`, '    </testcase>');
    } else if (sup.length) {
      skipped++;
      const what = sup.map(([k, n]) => `${k} (${grouped(n)})`).join(', ');
      cases.push(`${open}>`, `      <skipped message="${escapeXml(`suppressed by ${what}`)}"/>`, '    </testcase>');
    } else {
      cases.push(`${open}/>`);
    }
  }
  const tests = checksOf(report).length;
  const verdict = verdictPhrase(report);
  const name = `repcheck ${report.mode} ${subject(report)}`;
  const props = [
    ['repcheck.version', report.tool.version],
    ['gate.failOn', report.gate.failOn],
    ['gate.failed', String(report.gate.failed)],
    ...(verdict ? [['verdict', report.verdict ?? '']] : []),
  ];
  const notes = report.notes.map((n) => `${n.code}${n.layer !== undefined ? ` (layer ${n.layer})` : ''}: ${n.message}`);
  const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="repcheck" ${counts}>`,
    `  <testsuite name="${escapeXml(name)}" ${counts}>`,
    '    <properties>',
    ...props.map(([k, v]) => `      <property name="${escapeXml(k!)}" value="${escapeXml(v!)}"/>`),
    '    </properties>',
    ...cases,
    ...(notes.length ? [`    <system-out>${escapeXml(`notes:\n${notes.join('\n')}`, true)}</system-out>`] : []),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
