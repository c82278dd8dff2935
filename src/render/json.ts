// JSON is the canonical report: keys in a fixed order, byte-identical across runs.
import type { Report, ReportFinding } from '../model/report.js';

const FINDING_KEYS: (keyof ReportFinding)[] = [
  'kind', 'severity', 'title', 'input', 'image', 'layer', 'path', 'field', 'shape',
  'value', 'a', 'b', 'count', 'examples', 'hint', 'detail', 'origin',
];

function ordered<T extends object>(obj: T, keys: (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

export function renderJson(report: Report): string {
  const canonical = {
    schemaVersion: report.schemaVersion,
    tool: report.tool,
    mode: report.mode,
    ...(report.verdict ? { verdict: report.verdict } : {}),
    inputs: report.inputs,
    ...(report.epoch ? { epoch: report.epoch } : {}),
    ...(report.build ? { build: report.build } : {}),
    gate: report.gate,
    worst: report.worst,
    findings: report.findings.map((f) => ordered(f, FINDING_KEYS)),
    suppressed: report.suppressed,
    notes: report.notes,
    ...(report.pairs ? { pairs: report.pairs } : {}),
  };
  return JSON.stringify(canonical, null, 2) + '\n';
}
