// The project config file's shape and its validation. Every key is checked; an unknown key or a
// wrong type is a ConfigError naming the key path, so a typo never silently does nothing.
import { isKind, KINDS, type Kind } from '../model/kinds.js';
import { DEFAULT_LIMITS, type Limits } from '../model/limits.js';
import type { Severity } from '../model/types.js';
import { FORMATS, type Format } from '../render/formats.js';
import { ConfigError } from './errors.js';

/** A finding kind (optionally only under a path glob) accepted on purpose, with the reason why. */
export interface Waiver {
  kind: Kind;
  /** Glob over archive paths (`*`, `**`, `?`); without it the waiver covers the whole kind. */
  path?: string;
  /** Why this is acceptable: mandatory, shown nowhere else, kept for reviewers. */
  reason: string;
  /** `YYYY-MM-DD`: from the day after, the waiver stops applying and the report says so. */
  expires?: string;
}

/** `repcheck.config.json` / `.repcheckrc.json`. Every key is optional; flags override them. */
export interface RepcheckConfig {
  /** Editor support only (`"$schema": "…"`); ignored. */
  $schema?: string;
  format?: Format;
  /** Extra outputs, like `--output FORMAT=FILE` (paths resolved against the config's directory). */
  output?: Partial<Record<Format, string>>;
  /** Like `--report-dir` (resolved against the config's directory). */
  reportDir?: string;
  failOn?: Severity;
  /** Kinds to ignore, like `--ignore`; combined with the flag's. */
  ignore?: Kind[];
  sourceDateEpoch?: number;
  /** `UID:GID`, like `--owner`. */
  owner?: string;
  image?: string;
  platform?: string;
  verbose?: boolean;
  color?: boolean;
  quiet?: boolean;
  limits?: Partial<Limits>;
  waivers?: Waiver[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const TOP_KEYS = [
  '$schema', 'format', 'output', 'reportDir', 'failOn', 'ignore', 'sourceDateEpoch', 'owner', 'image', 'platform',
  'verbose', 'color', 'quiet', 'limits', 'waivers',
] as const;
const WAIVER_KEYS = ['kind', 'path', 'reason', 'expires'] as const;
const SEVERITIES = ['error', 'warning', 'info'] as const;

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length]!;
}

function unknownKey(file: string, path: string, key: string, known: readonly string[]): ConfigError {
  const best = [...known].sort((x, y) => distance(key, x) - distance(key, y))[0];
  const hint = best !== undefined && distance(key, best) <= 2 ? ` (did you mean '${best}'?)` : ` (known keys: ${known.join(', ')})`;
  return new ConfigError(file, path, `unknown key${hint}`);
}

/** `YYYY-MM-DD` naming a real day. */
export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Check a parsed config document; `file` names it in errors. Returns it typed. */
export function validateConfig(doc: unknown, file: string): RepcheckConfig {
  const fail = (path: string, detail: string) => new ConfigError(file, path, detail);
  if (!isObj(doc)) throw fail('', 'the config must be a JSON object');
  const str = (v: unknown, path: string): string => {
    if (typeof v !== 'string') throw fail(path, `must be a string (got ${JSON.stringify(v)})`);
    return v;
  };
  const nonEmpty = (v: unknown, path: string): string => {
    const s = str(v, path);
    if (s.trim() === '') throw fail(path, 'must not be empty');
    return s;
  };
  const bool = (v: unknown, path: string): boolean => {
    if (typeof v !== 'boolean') throw fail(path, `must be true or false (got ${JSON.stringify(v)})`);
    return v;
  };
  const count = (v: unknown, path: string): number => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw fail(path, `must be a non-negative integer (got ${JSON.stringify(v)})`);
    return v;
  };
  const kind = (v: unknown, path: string): Kind => {
    const s = str(v, path);
    if (!isKind(s)) throw fail(path, `unknown kind '${s}' (known: ${KINDS.join(', ')})`);
    return s;
  };
  const out: RepcheckConfig = {};
  for (const [key, v] of Object.entries(doc)) {
    switch (key) {
      case '$schema': out.$schema = str(v, key); break;
      case 'format': {
        const s = str(v, key);
        if (!(FORMATS as readonly string[]).includes(s)) throw fail(key, `must be one of ${FORMATS.join(', ')} (got '${s}')`);
        out.format = s as Format;
        break;
      }
      case 'output': {
        if (!isObj(v)) throw fail(key, 'must be an object mapping a format to a file, e.g. {"html": "report.html"}');
        const o: Partial<Record<Format, string>> = {};
        for (const [f, p] of Object.entries(v)) {
          if (!(FORMATS as readonly string[]).includes(f)) throw fail(`${key}.${f}`, `not a format (known: ${FORMATS.join(', ')})`);
          o[f as Format] = nonEmpty(p, `${key}.${f}`);
        }
        out.output = o;
        break;
      }
      case 'reportDir': out.reportDir = nonEmpty(v, key); break;
      case 'failOn': {
        const s = str(v, key);
        if (!(SEVERITIES as readonly string[]).includes(s)) throw fail(key, `must be error, warning or info (got '${s}')`);
        out.failOn = s as Severity;
        break;
      }
      case 'ignore':
        if (!Array.isArray(v)) throw fail(key, 'must be an array of kinds');
        out.ignore = v.map((k, i) => kind(k, `${key}[${i}]`));
        break;
      case 'sourceDateEpoch': out.sourceDateEpoch = count(v, key); break;
      case 'owner': {
        const s = str(v, key);
        if (!/^\d{1,10}:\d{1,10}$/.test(s)) throw fail(key, `must be "UID:GID" (got '${s}')`);
        out.owner = s;
        break;
      }
      case 'image': out.image = nonEmpty(v, key); break;
      case 'platform': out.platform = nonEmpty(v, key); break;
      case 'verbose': out.verbose = bool(v, key); break;
      case 'color': out.color = bool(v, key); break;
      case 'quiet': out.quiet = bool(v, key); break;
      case 'limits': {
        if (!isObj(v)) throw fail(key, 'must be an object');
        const l: Partial<Limits> = {};
        for (const [k, n] of Object.entries(v)) {
          if (!(k in DEFAULT_LIMITS)) throw unknownKey(file, `${key}.${k}`, k, Object.keys(DEFAULT_LIMITS));
          l[k as keyof Limits] = count(n, `${key}.${k}`);
        }
        out.limits = l;
        break;
      }
      case 'waivers':
        if (!Array.isArray(v)) throw fail(key, 'must be an array of {kind, path?, reason, expires?}');
        out.waivers = v.map((w, i) => {
          const p = `${key}[${i}]`;
          if (!isObj(w)) throw fail(p, 'must be an object {kind, path?, reason, expires?}');
          for (const k of Object.keys(w)) if (!(WAIVER_KEYS as readonly string[]).includes(k)) throw unknownKey(file, `${p}.${k}`, k, WAIVER_KEYS);
          if (w.kind === undefined) throw fail(`${p}.kind`, 'is required');
          if (w.reason === undefined) throw fail(`${p}.reason`, 'is required: say why this is acceptable');
          const waiver: Waiver = { kind: kind(w.kind, `${p}.kind`), reason: nonEmpty(w.reason, `${p}.reason`) };
          if (w.path !== undefined) waiver.path = nonEmpty(w.path, `${p}.path`);
          if (w.expires !== undefined) {
            const e = str(w.expires, `${p}.expires`);
            if (!isDate(e)) throw fail(`${p}.expires`, `must be a date YYYY-MM-DD (got '${e}')`);
            waiver.expires = e;
          }
          return waiver;
        });
        break;
      default:
        throw unknownKey(file, key, key, TOP_KEYS);
    }
  }
  return out;
}
