// GitHub Actions workflow commands: one annotation per finding cluster (`::error title=…::message`).
// Findings have no source file, so annotations carry no file/line and show on the run's summary.
// Escaping follows the runner's command parser (actions/toolkit core command.ts): in the message
// `%`, CR and LF are percent-encoded; in property values `:` and `,` are too. Untrusted names go
// through safeText first (no terminal controls or bidi overrides reach the log).
import type { Report, ReportFinding } from '../model/report.js';
import type { Severity } from '../model/types.js';
import { escapeWorkflowData, escapeWorkflowProperty, safeText, shortText } from './escape.js';
import { exampleText, shownExamples, gateLine, subject, valueLine, verdictPhrase, whereOf } from './describe.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export interface GithubOptions {
  verbose: boolean;
}

function message(r: Report, f: ReportFinding, verbose: boolean): string {
  const lines: string[] = [];
  // A lint finding names its input: that is the subject; a diff finding concerns both inputs.
  const where = whereOf(f, false);
  lines.push(`${f.input !== undefined ? shortText(f.input, 120) : subject(r)}${where ? ` [${where}]` : ''}`);
  if (f.path !== null && f.count <= 1) lines.push(safeText(f.path));
  const value = valueLine(f);
  if (value) lines.push(value);
  const ex = shownExamples(f, verbose ? Infinity : 3);
  for (const e of ex) lines.push(`e.g. ${exampleText(e, f.field)}`);
  if (ex.length > 0 && f.count > ex.length) lines.push(`… ${f.count - ex.length} more`);
  lines.push(`fix: ${f.hint}`);
  return lines.join('\n');
}

export function renderGithub(report: Report, opts: GithubOptions = { verbose: false }): string {
  const out: string[] = [];
  for (const f of report.findings) {
    const title = `repcheck ${f.kind}: ${f.title}`;
    out.push(`::${COMMAND[f.severity]} title=${escapeWorkflowProperty(title)}::${escapeWorkflowData(message(report, f, opts.verbose))}`);
  }
  // One closing line with the gate, so the log says why the step passed or failed.
  const verdict = verdictPhrase(report);
  const summary = `${verdict ? `${verdict}; ` : ''}${gateLine(report)}`;
  out.push(`::${report.gate.failed ? 'error' : 'notice'} title=${escapeWorkflowProperty('repcheck')}::${escapeWorkflowData(summary)}`);
  return out.join('\n') + '\n';
}
