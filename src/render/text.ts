// Human report: grouped by cause, counts and a few examples, short by design. Pure.
import { Chalk, type ChalkInstance } from 'chalk';
import type { Example } from '../model/finding.js';
import type { Report, ReportFinding } from '../model/report.js';
import type { Severity } from '../model/types.js';
import { renderBuildSection } from './build-section.js';
import { safeText, shortText } from './escape.js';
import { formatValue } from './values.js';

export interface TextOptions {
  color: boolean;
  verbose: boolean;
}

const MARK: Record<Severity, string> = { error: 'error  ', warning: 'warning', info: 'info   ' };

export function renderText(report: Report, opts: TextOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [];
  if (report.build) out.push(renderBuildSection(report, { color: opts.color }).trimEnd(), '');
  for (const input of report.inputs) {
    const many = input.images.length > 1;
    const imgs = input.images
      .map((im) => [im.refs.length ? im.refs.join(', ') : many ? `image ${im.id}` : '', im.platform].filter(Boolean).join(' '))
      .filter(Boolean)
      .join('; ');
    const wrap = input.wrapper !== 'none' ? `, ${input.wrapper}-compressed` : '';
    const layers = input.images.reduce((n, im) => n + im.layers, 0);
    out.push(`${c.bold('input')}  ${shortText(input.label)}  (${[`${input.flavour}${wrap}`, imgs, `${layers} layer${layers === 1 ? '' : 's'}`].filter(Boolean).join('; ')})`);
  }
  if (report.epoch) {
    const e = report.epoch;
    out.push(
      `${c.bold('epoch')}  ${e.value === null ? 'unknown' : formatValue('mtime', e.value)}  ${
        { flag: 'from --source-date-epoch', env: 'from SOURCE_DATE_EPOCH', inferred: 'inferred from the image', none: '' }[e.source]
      }`.trimEnd(),
    );
  }
  if (report.verdict) out.push(`${c.bold('verdict')}  ${report.verdict}`);
  out.push('');
  for (const f of report.findings) out.push(...finding(f, c, opts.verbose), '');
  const suppressed = Object.entries(report.suppressed).filter(([, n]) => n > 0);
  if (suppressed.length) out.push(`ignored: ${suppressed.map(([k, n]) => `${k} (${n})`).join(', ')}`);
  if (report.notes.length) {
    out.push(c.bold('notes'));
    const shown = opts.verbose ? report.notes : report.notes.slice(0, 10);
    for (const n of shown) {
      const where = [n.image !== undefined ? `image ${n.image}` : '', n.layer !== undefined ? `layer ${n.layer}` : ''].filter(Boolean).join(' ');
      out.push(`  ${n.code}${where ? ` (${where})` : ''}: ${safeText(n.message)}`);
    }
    if (shown.length < report.notes.length) out.push(`  … ${report.notes.length - shown.length} more (--verbose)`);
  }
  out.push(summary(report, c));
  return out.join('\n') + '\n';
}

function finding(f: ReportFinding, c: ChalkInstance, verbose: boolean): string[] {
  const colour = f.severity === 'error' ? c.red : f.severity === 'warning' ? c.yellow : c.cyan;
  const where: string[] = [];
  if (f.input !== undefined && f.image !== undefined) where.push(`image ${f.image}`);
  if (f.layer !== null) where.push(`layer ${f.layer}`);
  if (f.count > 1) where.push(`${f.count} entries`);
  const lines = [`${colour(MARK[f.severity])} ${c.bold(f.kind)}  ${f.title}${where.length ? c.dim(`  [${where.join(', ')}]`) : ''}`];
  const ind = '         ';
  if (f.path !== null && f.count <= 1) lines.push(`${ind}${shortText(f.path)}`);
  if (f.value !== undefined) lines.push(`${ind}${safeText(f.field ?? 'value')}: ${formatValue(f.field, f.value)}`);
  if (f.a !== undefined || f.b !== undefined)
    lines.push(`${ind}${safeText(f.field ?? 'value')}: ${formatValue(f.field, f.a)} → ${formatValue(f.field, f.b)}`);
  // A single occurrence is fully said by its value; examples are for aggregated findings.
  const single = f.count <= 1 && (f.value !== undefined || f.a !== undefined || f.b !== undefined);
  const ex = single ? [] : verbose ? f.examples : f.examples.slice(0, 3);
  for (const e of ex) lines.push(`${ind}${c.dim('e.g.')} ${example(e, f.field)}`);
  if (ex.length > 0 && f.count > ex.length) lines.push(`${ind}${c.dim(`… ${f.count - ex.length} more`)}`);
  if (f.detail && verbose) lines.push(...f.detail.split('\n').map((l) => ind + l));
  lines.push(`${ind}${c.green('fix:')} ${f.hint}`);
  return lines;
}

function example(e: Example, field: string | null): string {
  const parts: string[] = [];
  if (e.layer !== undefined) parts.push(`layer ${e.layer}`);
  if (e.path !== undefined) parts.push(shortText(e.path));
  const fld = e.field ?? field;
  if (e.value !== undefined) parts.push(`${e.field ? `${safeText(e.field)}: ` : ''}${formatValue(fld, e.value)}`);
  if (e.a !== undefined || e.b !== undefined) parts.push(`${e.field ? `${safeText(e.field)}: ` : ''}${formatValue(fld, e.a)} → ${formatValue(fld, e.b)}`);
  return parts.join('  ');
}

function summary(r: Report, c: ChalkInstance): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of r.findings) counts[f.severity]++;
  const parts = (['error', 'warning', 'info'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}${counts[s] === 1 ? '' : 's'}`);
  const n = r.findings.length;
  const what = n === 0 ? 'no findings' : `${n} finding${n === 1 ? '' : 's'} (${parts.join(', ')})`;
  return r.gate.failed
    ? c.red.bold(`FAIL  ${what}; failing at --fail-on ${r.gate.failOn}`)
    : c.green.bold(`PASS  ${what}${n ? `; none at or above --fail-on ${r.gate.failOn}` : ''}`);
}
