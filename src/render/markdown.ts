// Markdown for $GITHUB_STEP_SUMMARY and pull-request comments: a verdict line, one table row per
// root cause, the fixes, and the rest (every finding's examples, diffs, notes, ignores) folded
// into <details>. Untrusted names are code spans (mdCode): nothing in them is interpreted.
import type { Report, ReportFinding } from '../model/report.js';
import type { Severity } from '../model/types.js';
import { mdCode, mdText, safeBlockText } from './escape.js';
import { byKind, exampleText, shownExamples, findingsSummary, grouped, plural, suppressedList, valueLine, verdictPhrase, whereOf } from './describe.js';
import { formatValue } from './values.js';

export interface MarkdownOptions {
  verbose: boolean;
}

const ICON: Record<Severity, string> = { error: '🛑 error', warning: '⚠️ warning', info: 'ℹ️ info' };
/** A step summary is capped at 1 MiB; a diff longer than this many lines is cut (the HTML has it all). */
const MAX_DIFF_LINES = 80;

/** Catalog prose already uses Markdown code spans; inside a table cell only `|` needs escaping. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function worst(fs: ReportFinding[]): Severity {
  return fs.some((f) => f.severity === 'error') ? 'error' : fs.some((f) => f.severity === 'warning') ? 'warning' : 'info';
}

function firstExample(fs: ReportFinding[]): string {
  for (const f of fs) {
    if (f.path !== null) return mdCode(f.path, true);
    const e = f.examples.find((x) => x.path !== undefined || x.field !== undefined);
    if (e) return mdCode(e.path ?? e.field ?? '', true);
    if (f.field !== null) return mdCode(f.field, true);
  }
  return '';
}

function fence(text: string): string {
  const runs = text.match(/`{3,}/g) ?? [];
  return '`'.repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
}

function diffBlock(detail: string, verbose: boolean): string[] {
  const lines = safeBlockText(detail).replace(/\n$/, '').split('\n');
  const shown = verbose ? lines : lines.slice(0, MAX_DIFF_LINES);
  const body = shown.join('\n');
  const f = fence(body);
  const out = [`${f}diff`, body, f];
  if (shown.length < lines.length) out.push(`_… ${grouped(lines.length - shown.length)} more lines (see the HTML report)_`);
  return out;
}

function findingDetails(f: ReportFinding, verbose: boolean): string[] {
  const out: string[] = [];
  const where = whereOf(f);
  out.push(`- **${mdText(f.kind)}** ${mdText(f.title)}${where ? ` — ${mdText(where)}` : ''}`);
  if (f.path !== null && f.count <= 1) out.push(`  - path: ${mdCode(f.path)}`);
  const value = valueLine(f);
  if (value) out.push(`  - ${mdCode(value)}`);
  const ex = shownExamples(f);
  for (const e of ex) out.push(`  - e.g. ${mdCode(exampleText(e, f.field))}`);
  if (ex.length > 0 && f.count > ex.length) out.push(`  - … ${grouped(f.count - ex.length)} more`);
  // Inside a list item every line of the fenced block is indented to the item's content column.
  if (f.detail) out.push('', ...diffBlock(f.detail, verbose).flatMap((b) => b.split('\n')).map((l) => (l === '' ? '' : `  ${l}`)), '');
  return out;
}

export function renderMarkdown(report: Report, opts: MarkdownOptions = { verbose: false }): string {
  const out: string[] = [];
  const failed = report.gate.failed;
  const what = report.mode === 'lint' ? 'lint' : report.mode === 'build' ? 'build' : 'diff';
  out.push(`### repcheck ${what}: ${failed ? '❌ FAIL' : '✅ PASS'}`, '');
  const subject = report.inputs.map((i) => mdCode(i.label)).join(report.mode === 'lint' ? ', ' : ' vs ');
  const verdict = verdictPhrase(report);
  out.push(
    `${subject}${verdict ? ` — **${verdict}**` : ''}`,
    '',
    `${findingsSummary(report)}; ${failed ? 'failing' : 'passing'} at \`--fail-on ${report.gate.failOn}\``,
    '',
  );
  if (report.epoch)
    out.push(`SOURCE_DATE_EPOCH: ${report.epoch.value === null ? 'unknown' : mdCode(formatValue('mtime', report.epoch.value))} (${report.epoch.source})`, '');
  if (report.build) {
    const b = report.build;
    const causes = b.causes.map((c) => c.map((v) => mdCode(v)).join(' + ')).join('; ');
    out.push(
      `Build: ${plural(b.builds, 'build')}${b.intrinsic ? '; the control pair already differs (nondeterminism within the build)' : ''}` +
        `${causes ? `; causes: ${causes}` : ''}${b.searchStopped ? `; search stopped: ${mdText(b.searchStopped)}` : ''}`,
      '',
    );
  }

  const groups = byKind(report.findings);
  if (groups.length) {
    out.push('| Severity | Cause | Kind | Count | Example |', '| --- | --- | --- | ---: | --- |');
    for (const [kind, fs] of groups) {
      const count = fs.reduce((n, f) => n + f.count, 0);
      out.push(`| ${ICON[worst(fs)]} | ${cell(mdText(fs[0]!.title))} | ${mdCode(kind, true)} | ${grouped(count)} | ${firstExample(fs)} |`);
    }
    out.push('', '**How to fix**', '');
    for (const [kind, fs] of groups) {
      const hints = [...new Set(fs.map((f) => f.hint))];
      for (const h of hints) out.push(`- ${mdCode(kind)}: ${h}`);
    }
    out.push('');
  }

  const suppressed = suppressedList(report);
  if (suppressed.length) out.push(`Ignored or waived: ${suppressed.map(([k, n]) => `${mdCode(k)} (${grouped(n)})`).join(', ')}`, '');

  const details: string[] = [];
  for (const f of report.findings) details.push(...findingDetails(f, opts.verbose));
  if (report.notes.length) {
    if (details.length) details.push('');
    details.push('**Notes**', '');
    const shown = opts.verbose ? report.notes : report.notes.slice(0, 20);
    for (const n of shown) {
      const where = [n.input !== undefined ? mdCode(n.input) : '', n.image !== undefined ? `image ${mdText(n.image)}` : '', n.layer !== undefined ? `layer ${n.layer}` : '']
        .filter(Boolean)
        .join(' ');
      details.push(`- ${mdCode(n.code)}${where ? ` (${where})` : ''}: ${mdText(n.message)}`);
    }
    if (shown.length < report.notes.length) details.push(`- … ${grouped(report.notes.length - shown.length)} more`);
  }
  if (details.length) out.push('<details><summary>Details: every finding, example and diff</summary>', '', ...details, '', '</details>', '');
  out.push(`<sub>${mdText(report.tool.name)} ${mdText(report.tool.version)}</sub>`);
  return out.join('\n') + '\n';
}

