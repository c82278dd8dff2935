// Option values from strings (the command line or the config file) to typed settings.
// Every bad value is a UsageError naming the option: exit 2.
import { UsageError } from '../errors.js';
import { isKind, KINDS, type Kind } from '../model/kinds.js';
import { DEFAULT_LIMITS, LIMIT_FLAGS, type Limits } from '../model/limits.js';
import type { Severity } from '../model/types.js';
import { FORMATS, isFormat, type Format } from '../render/formats.js';

export type Opts = Record<string, unknown>;

export function severity(s: string): Severity {
  if (s === 'error' || s === 'warning' || s === 'info') return s;
  throw new UsageError(`--fail-on must be error, warning or info (got '${s}')`);
}

export function format(s: string, flag = '--format'): Format {
  if (!isFormat(s)) throw new UsageError(`${flag} must be one of ${FORMATS.join(', ')} (got '${s}')`);
  return s;
}

/** A repeatable, comma-separated list option. */
export function list(v: unknown): string[] {
  return ((v as string[] | undefined) ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}

export function ignores(v: unknown): Kind[] {
  const l = list(v);
  for (const k of l) if (!isKind(k)) throw new UsageError(`--ignore: unknown kind '${k}' (known: ${KINDS.join(', ')})`);
  return [...new Set(l)] as Kind[];
}

export function nonNegInt(s: string, what: string): number {
  if (!/^\d{1,15}$/.test(s)) throw new UsageError(`${what} must be a non-negative integer (got '${s}')`);
  return Number(s);
}

export function epoch(opts: Opts, env: Record<string, string | undefined>): { value: number; source: 'flag' | 'env' } | null {
  if (opts.sourceDateEpoch !== undefined) return { value: nonNegInt(String(opts.sourceDateEpoch), '--source-date-epoch'), source: 'flag' };
  const e = env.SOURCE_DATE_EPOCH;
  if (e !== undefined && e !== '') return { value: nonNegInt(e, 'SOURCE_DATE_EPOCH'), source: 'env' };
  return null;
}

export function owner(s: string): { uid: number; gid: number } {
  const m = /^(\d{1,10}):(\d{1,10})$/.exec(s);
  if (!m) throw new UsageError(`--owner must be UID:GID (got '${s}')`);
  return { uid: Number(m[1]), gid: Number(m[2]) };
}

export function limits(opts: Opts): Limits {
  const out = { ...DEFAULT_LIMITS };
  for (const k of Object.keys(LIMIT_FLAGS) as (keyof Limits)[]) {
    const key = LIMIT_FLAGS[k].flag.slice(2).replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
    const v = opts[key];
    if (v !== undefined) out[k] = nonNegInt(String(v), LIMIT_FLAGS[k].flag);
  }
  return out;
}

/** `--output FORMAT=FILE` (repeatable). */
export function outputs(v: unknown): { format: Format; file: string }[] {
  return ((v as string[] | undefined) ?? []).map((s) => {
    const i = s.indexOf('=');
    if (i <= 0 || i === s.length - 1) throw new UsageError(`--output must be FORMAT=FILE (got '${s}')`);
    return { format: format(s.slice(0, i), '--output'), file: s.slice(i + 1) };
  });
}

/** The selection options shared by lint and diff. */
export function selection(opts: Opts): { image?: string; platform?: string } {
  return {
    ...(opts.image !== undefined ? { image: String(opts.image) } : {}),
    ...(opts.platform !== undefined ? { platform: String(opts.platform) } : {}),
  };
}
