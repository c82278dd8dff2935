// Reading a saved JSON report back (`repcheck render report.json --format html`). JSON is the
// canonical report: every other format is rendered from what this returns. The check is
// structural — enough that a renderer never meets a wrong type — and names the first bad path.
import { SCHEMA_VERSION, type Report } from '../model/report.js';

type Obj = Record<string, unknown>;

class Bad extends Error {}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function need(cond: boolean, path: string, what: string): void {
  if (!cond) throw new Bad(`${path} must be ${what}`);
}

function obj(v: unknown, path: string): Obj {
  need(isObj(v), path, 'an object');
  return v as Obj;
}

function arr(v: unknown, path: string): unknown[] {
  need(Array.isArray(v), path, 'an array');
  return v as unknown[];
}

function str(v: unknown, path: string): void {
  need(typeof v === 'string', path, 'a string');
}

function num(v: unknown, path: string): void {
  need(typeof v === 'number' && Number.isFinite(v), path, 'a number');
}

function oneOf(v: unknown, path: string, values: readonly string[]): void {
  need(typeof v === 'string' && values.includes(v), path, `one of ${values.join(', ')}`);
}

function optional(o: Obj, key: string, path: string, check: (v: unknown, p: string) => void): void {
  if (o[key] !== undefined && o[key] !== null) check(o[key], `${path}.${key}`);
}

const SEVERITY = ['error', 'warning', 'info'] as const;
const VERDICT = ['identical', 'equivalent', 'differs'] as const;

function checkFinding(v: unknown, p: string): void {
  const f = obj(v, p);
  str(f.kind, `${p}.kind`);
  oneOf(f.severity, `${p}.severity`, SEVERITY);
  str(f.title, `${p}.title`);
  str(f.hint, `${p}.hint`);
  need(f.layer === null || typeof f.layer === 'number', `${p}.layer`, 'a number or null');
  need(f.path === null || typeof f.path === 'string', `${p}.path`, 'a string or null');
  need(f.field === null || typeof f.field === 'string', `${p}.field`, 'a string or null');
  num(f.count, `${p}.count`);
  arr(f.examples, `${p}.examples`).forEach((e, i) => {
    const ex = obj(e, `${p}.examples[${i}]`);
    optional(ex, 'layer', `${p}.examples[${i}]`, num);
    optional(ex, 'path', `${p}.examples[${i}]`, str);
    optional(ex, 'field', `${p}.examples[${i}]`, str);
  });
  str(f.origin, `${p}.origin`);
  optional(f, 'input', p, str);
  optional(f, 'image', p, str);
  optional(f, 'shape', p, str);
  optional(f, 'detail', p, str);
}

function checkFacts(v: unknown, p: string): void {
  if (v === null) return;
  const e = obj(v, p);
  for (const k of ['index', 'mode', 'uid', 'gid', 'mtime', 'size']) num(e[k], `${p}.${k}`);
  for (const k of ['type', 'uname', 'gname', 'format']) str(e[k], `${p}.${k}`);
  need(e.sha256 === null || typeof e.sha256 === 'string', `${p}.sha256`, 'a string or null');
  need(e.linkTarget === null || typeof e.linkTarget === 'string', `${p}.linkTarget`, 'a string or null');
}

function checkLayerSide(v: unknown, p: string): void {
  if (v === null) return;
  const l = obj(v, p);
  num(l.index, `${p}.index`);
  for (const k of ['storedDigest', 'diffId', 'mediaType', 'compression']) optional(l, k, p, str);
  for (const k of ['size', 'zstdFrames']) optional(l, k, p, num);
  if (l.gzip !== null && l.gzip !== undefined) {
    const g = obj(l.gzip, `${p}.gzip`);
    for (const k of ['mtime', 'xfl', 'os', 'flags', 'memberCount']) num(g[k], `${p}.gzip.${k}`);
    optional(g, 'name', `${p}.gzip`, str);
  }
}

function checkPair(v: unknown, p: string): void {
  const pair = obj(v, p);
  for (const side of ['a', 'b']) {
    const s = obj(pair[side], `${p}.${side}`);
    str(s.input, `${p}.${side}.input`);
    str(s.image, `${p}.${side}.image`);
    arr(s.refs, `${p}.${side}.refs`);
  }
  oneOf(pair.verdict, `${p}.verdict`, VERDICT);
  oneOf(pair.level, `${p}.level`, ['same', 'compression', 'metadata', 'content']);
  arr(pair.layers, `${p}.layers`).forEach((r, i) => {
    const row = obj(r, `${p}.layers[${i}]`);
    oneOf(row.how, `${p}.layers[${i}].how`, ['position', 'diffid', 'only-a', 'only-b']);
    checkLayerSide(row.a, `${p}.layers[${i}].a`);
    checkLayerSide(row.b, `${p}.layers[${i}].b`);
  });
  arr(pair.entries, `${p}.entries`).forEach((e, i) => {
    const d = obj(e, `${p}.entries[${i}]`);
    num(d.layer, `${p}.entries[${i}].layer`);
    str(d.path, `${p}.entries[${i}].path`);
    arr(d.kinds, `${p}.entries[${i}].kinds`).forEach((k, j) => str(k, `${p}.entries[${i}].kinds[${j}]`));
    checkFacts(d.a, `${p}.entries[${i}].a`);
    checkFacts(d.b, `${p}.entries[${i}].b`);
  });
}

function checkReport(v: unknown): Report {
  const r = obj(v, 'report');
  if (r.schemaVersion === undefined) throw new Bad('not a repcheck report (no schemaVersion)');
  need(Number.isInteger(r.schemaVersion), 'schemaVersion', 'an integer');
  if (r.schemaVersion !== SCHEMA_VERSION)
    throw new Bad(
      `schemaVersion ${String(r.schemaVersion)} is not supported by this repcheck (it reads ${SCHEMA_VERSION})` +
        ((r.schemaVersion as number) > SCHEMA_VERSION ? ': upgrade repcheck' : ''),
    );
  const tool = obj(r.tool, 'tool');
  str(tool.name, 'tool.name');
  str(tool.version, 'tool.version');
  oneOf(r.mode, 'mode', ['lint', 'diff', 'build']);
  arr(r.inputs, 'inputs').forEach((x, i) => {
    const inp = obj(x, `inputs[${i}]`);
    str(inp.label, `inputs[${i}].label`);
    str(inp.flavour, `inputs[${i}].flavour`);
    arr(inp.images, `inputs[${i}].images`).forEach((im, j) => obj(im, `inputs[${i}].images[${j}]`));
  });
  if (r.epoch !== undefined) {
    const e = obj(r.epoch, 'epoch');
    need(e.value === null || typeof e.value === 'number', 'epoch.value', 'a number or null');
  }
  optional(r, 'verdict', 'report', (x, p) => oneOf(x, p, VERDICT));
  if (r.pairs !== undefined) arr(r.pairs, 'pairs').forEach((x, i) => checkPair(x, `pairs[${i}]`));
  if (r.build !== undefined) {
    const b = obj(r.build, 'build');
    arr(b.command, 'build.command');
    arr(b.variations, 'build.variations');
    arr(b.culprits, 'build.culprits');
    arr(b.causes, 'build.causes');
    num(b.builds, 'build.builds');
  }
  arr(r.findings, 'findings').forEach((f, i) => checkFinding(f, `findings[${i}]`));
  const sup = obj(r.suppressed, 'suppressed');
  for (const [k, n] of Object.entries(sup)) num(n, `suppressed[${JSON.stringify(k)}]`);
  arr(r.notes, 'notes').forEach((x, i) => {
    const n = obj(x, `notes[${i}]`);
    str(n.code, `notes[${i}].code`);
    str(n.message, `notes[${i}].message`);
  });
  need(r.worst === null || (typeof r.worst === 'string' && (SEVERITY as readonly string[]).includes(r.worst)), 'worst', 'a severity or null');
  const gate = obj(r.gate, 'gate');
  oneOf(gate.failOn, 'gate.failOn', SEVERITY);
  need(typeof gate.failed === 'boolean', 'gate.failed', 'a boolean');
  return r as unknown as Report;
}

/**
 * Parse and check a saved JSON report. Throws an Error whose message says what is wrong
 * (`not JSON`, `not a repcheck report`, an unsupported schemaVersion, or the first bad field).
 */
export function parseReportJson(text: string): Report {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new Error(`not a repcheck JSON report: not JSON (${(err as Error).message})`);
  }
  try {
    return checkReport(v);
  } catch (err) {
    if (err instanceof Bad) throw new Error(`not a valid repcheck JSON report: ${err.message}`);
    throw err;
  }
}
