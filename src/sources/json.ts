// Reading the small JSON documents of an image (manifest.json, index.json, manifests, configs)
// with errors that name the member and never leak a stack or the parser's internals.
import { InputError } from '../errors.js';
import type { JsonDoc } from '../model/types.js';
import { memberLabel, type Container } from './container.js';
import { sha256 } from './digest.js';

/** JSON.parse with an InputError (`invalid JSON (…)`) naming `file`. */
export function parseJson(raw: Buffer, file: string): unknown {
  let text = raw.toString('utf8');
  // A UTF-8 BOM is not JSON, but some Windows tools write one; tolerate it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new InputError(file, 'empty file, expected JSON');
  // JSON.parse copes with any depth, but what reads the value later (JSON.stringify, the diff's
  // recursive walk) overflows the stack on a few thousand levels: an exit 3 from a 20 KB file.
  if (tooDeep(text)) throw new InputError(file, `invalid JSON (nested deeper than ${MAX_JSON_DEPTH} levels)`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(file, `invalid JSON (${cleanMessage(err)})`);
  }
}

/** Deepest nesting of arrays and objects accepted in an image's JSON (real ones nest < 10). */
export const MAX_JSON_DEPTH = 512;

/** True when brackets outside strings nest deeper than MAX_JSON_DEPTH. */
function tooDeep(text: string): boolean {
  if (text.length <= MAX_JSON_DEPTH) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \\ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}

/** The first line of a parser message, printable ASCII only, at most 100 characters. */
function cleanMessage(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const line = msg.split('\n')[0]!.replace(/[^\x20-\x7e]/g, '?');
  return line.length > 100 ? `${line.slice(0, 97)}...` : line;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Reads `name` (links followed, bounded by maxJsonBytes) as a JSON object. */
export async function readJsonObject(c: Container, name: string): Promise<JsonDoc<Record<string, unknown>>> {
  const raw = await c.readSmall(name);
  return jsonObjectDoc(raw, memberLabel(c, name));
}

export function jsonObjectDoc(raw: Buffer, file: string): JsonDoc<Record<string, unknown>> {
  const parsed = parseJson(raw, file);
  if (!isObject(parsed)) throw new InputError(file, `expected a JSON object, got ${describeJson(parsed)}`);
  return { raw, parsed, digest: sha256(raw) };
}
