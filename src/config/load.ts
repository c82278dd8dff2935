// Finding and reading the project config: `repcheck.config.json` or `.repcheckrc.json`, in the
// start directory or the nearest parent that has one; or the file named by `--config`. Relative
// paths in it (output files, reportDir) are resolved against the file's own directory, so a
// config means the same wherever repcheck is run from below it.
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Format } from '../render/formats.js';
import { ConfigError } from './errors.js';
import { validateConfig, type RepcheckConfig } from './schema.js';

export const CONFIG_FILE_NAMES = ['repcheck.config.json', '.repcheckrc.json'] as const;

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** The config file that applies to `startDir`, or null: the nearest one walking up to the root. */
export async function findConfig(startDir: string): Promise<string | null> {
  let dir = resolve(startDir);
  for (;;) {
    const found: string[] = [];
    for (const name of CONFIG_FILE_NAMES) if (await isFile(join(dir, name))) found.push(join(dir, name));
    if (found.length > 1) throw new ConfigError(found[0]!, '', `both ${CONFIG_FILE_NAMES.join(' and ')} exist in ${dir}: keep one`);
    if (found.length === 1) return found[0]!;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** Parse and validate one config file's text (exported for tests and `repcheck render`). */
export function parseConfig(text: string, file: string): RepcheckConfig {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ConfigError(file, '', `not valid JSON: ${(err as Error).message}`);
  }
  return validateConfig(doc, file);
}

/**
 * Load the config: `explicit` (from `--config`; must exist) or the one found upward from
 * `startDir`. `{ path: null, config: {} }` when there is none. Throws ConfigError (exit 2).
 */
export async function loadConfig(startDir: string, explicit?: string): Promise<{ path: string | null; config: RepcheckConfig }> {
  let path: string | null;
  if (explicit !== undefined) {
    path = resolve(startDir, explicit);
    if (!(await isFile(path))) throw new ConfigError(explicit, '', 'config file not found');
  } else {
    path = await findConfig(startDir);
    if (path === null) return { path: null, config: {} };
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, '', `cannot read: ${(err as Error).message}`);
  }
  const config = parseConfig(text, path);
  const base = dirname(path);
  if (config.reportDir !== undefined) config.reportDir = resolve(base, config.reportDir);
  if (config.output) for (const f of Object.keys(config.output) as Format[]) config.output[f] = resolve(base, config.output[f]!);
  return { path, config };
}
