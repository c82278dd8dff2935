// Golden cases: golden/**/*.golden, each recording a command, its exit code and its output.
//
//   $ SOURCE_DATE_EPOCH=1700000000 repcheck --format json naive.tar
//   exit: 1
//   --- stdout
//   …
//   --- stderr        (only when non-empty)
//   …
//
// Commands run the built CLI (bin/repcheck.js) in a temp dir that holds every recipe input
// (built in code, deterministic), `real/` (test/fixtures/real) and `shared/` (../shared/fixtures,
// when present). UPDATE_GOLDEN=1 rewrites the files; review the diff before committing.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

export interface GoldenCase {
  file: string;
  name: string;
  env: Record<string, string>;
  args: string[];
  exit: number;
  stdout: string;
  stderr: string;
}

export const goldenDir = join(repoRoot, 'golden');

export function listGoldenFiles(dir = goldenDir): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listGoldenFiles(p));
    else if (e.name.endsWith('.golden')) out.push(p);
  }
  return out;
}

/** Split a shell-like command line: spaces separate, single quotes group. */
export function splitCommand(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let any = false;
  for (const ch of line) {
    if (ch === "'") { quoted = !quoted; any = true; }
    else if (ch === ' ' && !quoted) { if (any) out.push(cur); cur = ''; any = false; }
    else { cur += ch; any = true; }
  }
  if (quoted) throw new Error(`unbalanced quote in: ${line}`);
  if (any) out.push(cur);
  return out;
}

export function parseGolden(file: string): GoldenCase {
  const text = readFileSync(file, 'utf8');
  const m = /^\$ (.*)\nexit: (\d+)\n--- stdout\n([\s\S]*?)(?:--- stderr\n([\s\S]*))?$/.exec(text);
  if (!m) throw new Error(`${file}: not a golden file (expected '$ command', 'exit: N', '--- stdout')`);
  const words = splitCommand(m[1]!);
  const env: Record<string, string> = {};
  while (words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[0]!)) {
    const w = words.shift()!;
    env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
  }
  if (words.shift() !== 'repcheck') throw new Error(`${file}: the command must run repcheck`);
  return {
    file,
    name: relative(goldenDir, file).replace(/\.golden$/, ''),
    env,
    args: words,
    exit: Number(m[2]),
    stdout: m[3]!,
    stderr: m[4] ?? '',
  };
}

export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): { exit: number; stdout: string; stderr: string } {
  // A controlled environment: no colour, no inherited SOURCE_DATE_EPOCH, no TTY.
  const base: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1' };
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'repcheck.js'), ...args], {
    cwd,
    env: { ...base, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { exit: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function formatGolden(c: Pick<GoldenCase, 'env' | 'args'>, r: { exit: number; stdout: string; stderr: string }): string {
  const q = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w}'`);
  const envs = Object.entries(c.env).map(([k, v]) => `${k}=${q(v)}`);
  const cmd = [...envs, 'repcheck', ...c.args.map(q)].join(' ');
  let s = `$ ${cmd}\nexit: ${r.exit}\n--- stdout\n${r.stdout}`;
  if (r.stdout && !r.stdout.endsWith('\n')) s += '\n';
  if (r.stderr) s += `--- stderr\n${r.stderr}${r.stderr.endsWith('\n') ? '' : '\n'}`;
  return s;
}

export function writeGolden(file: string, text: string): void {
  writeFileSync(file, text);
}
