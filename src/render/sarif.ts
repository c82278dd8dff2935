// SARIF 2.1.0 (OASIS), for code-scanning dashboards. One run; tool.driver.rules is the whole kind
// catalog (ruleIndex = position in KINDS, stable across reports); one result per finding, ruleId =
// kind. Findings have no source file: each result is located in the artifact (the image input,
// by the label the user typed) with logical locations for the layer and the path inside it.
// Validated against the official schema in test/render/sarif.test.ts.
import { isKind, KIND_INFO, KINDS } from '../model/kinds.js';
import type { Report, ReportFinding } from '../model/report.js';
import type { Severity } from '../model/types.js';
import { exampleText, grouped, kindTitle, shownExamples, valueLine, whereOf } from './describe.js';
import { safeText } from './escape.js';

export interface SarifOptions {
  verbose: boolean;
}

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * A label as a URI reference (RFC 3986): characters outside the unreserved/sub-delims/`:`/`@`/`/`
 * set are percent-encoded (UTF-8), and a first segment with a `:` gets `./` so it does not read
 * as a scheme (`img:v1.tar`).
 */
export function toUriReference(label: string): string {
  let out = '';
  for (const ch of label) {
    if (/[A-Za-z0-9\-._~!$&'()*+,;=:@/]/.test(ch)) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  const first = out.split('/')[0]!;
  return first.includes(':') ? `./${out}` : out;
}

function rule(kind: (typeof KINDS)[number], mode: Report['mode']) {
  const info = KIND_INFO[kind];
  return {
    id: kind,
    name: kind.replace(/(^|-)([a-z])/g, (_, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: kindTitle(kind, mode) ?? info.title },
    fullDescription: { text: info.cause },
    help: { text: info.fix, markdown: info.fix },
    defaultConfiguration: { level: LEVEL[info.severity] },
    properties: { tags: ['reproducibility'] },
  };
}

function messageText(f: ReportFinding): string {
  const lines = [`${f.title}${whereOf(f) ? ` (${whereOf(f)})` : ''}`];
  if (f.path !== null && f.count <= 1) lines.push(safeText(f.path));
  const value = valueLine(f);
  if (value) lines.push(value);
  const ex = shownExamples(f);
  for (const e of ex) lines.push(`e.g. ${exampleText(e, f.field)}`);
  if (ex.length > 0 && f.count > ex.length) lines.push(`… ${grouped(f.count - ex.length)} more`);
  lines.push(`fix: ${f.hint}`);
  return lines.join('\n');
}

export function renderSarif(report: Report, _opts: SarifOptions = { verbose: false }): string {
  const labels = report.inputs.map((i) => i.label);
  const artifacts = labels.map((l) => ({ location: { uri: toUriReference(l) }, roles: ['analysisTarget'] }));
  const artifactIndex = (label: string): number => labels.indexOf(label);

  const results = report.findings.map((f) => {
    // Lint findings name their input; a diff finding concerns both sides (a first).
    const sides = f.input !== undefined ? [f.input] : report.mode === 'lint' ? labels.slice(0, 1) : labels.slice(0, 2);
    const logical: { name: string; fullyQualifiedName?: string; kind: string }[] = [];
    const layer = f.layer !== null ? `layer ${f.layer}` : null;
    if (f.path !== null) logical.push({ name: safeText(f.path), fullyQualifiedName: `${layer ? `${layer}/` : ''}${safeText(f.path)}`, kind: 'resource' });
    else if (layer) logical.push({ name: layer, kind: 'module' });
    else if (f.field !== null) logical.push({ name: safeText(f.field), kind: 'property' });
    const locations = sides.map((label) => {
      const idx = artifactIndex(label);
      return {
        physicalLocation: { artifactLocation: { uri: toUriReference(label), ...(idx >= 0 ? { index: idx } : {}) } },
        ...(logical.length ? { logicalLocations: logical } : {}),
      };
    });
    const props: Record<string, unknown> = { count: f.count, origin: f.origin };
    for (const k of ['image', 'layer', 'path', 'field', 'shape', 'value', 'a', 'b'] as const) if (f[k] !== undefined && f[k] !== null) props[k] = f[k];
    if (f.examples.length) props.examples = f.examples;
    if (f.detail) props.detail = f.detail;
    const ruleIndex = isKind(f.kind) ? KINDS.indexOf(f.kind) : -1;
    return {
      ruleId: f.kind,
      ...(ruleIndex >= 0 ? { ruleIndex } : {}),
      level: LEVEL[f.severity],
      message: { text: messageText(f) },
      locations,
      partialFingerprints: {
        'repcheckFinding/v1': [f.kind, f.shape ?? '', f.input ?? '', f.image ?? '', f.layer ?? '', f.path ?? '', f.field ?? ''].join('|'),
      },
      properties: props,
    };
  });

  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version, rules: KINDS.map((k) => rule(k, report.mode)) } },
        artifacts,
        results,
        columnKind: 'unicodeCodePoints',
        properties: {
          mode: report.mode,
          ...(report.verdict ? { verdict: report.verdict } : {}),
          gate: report.gate,
          suppressed: report.suppressed,
          notes: report.notes,
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
