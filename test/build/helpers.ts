// Real builds of small scripts for the build tests: a source dir made in code, buildTwice with
// the real comparator, and a private temp parent so each test can prove nothing is left behind.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { artifactComparator, buildReport, buildTwice, removeTreeSync, type BuildTwiceOptions } from '../../src/build/index.js';
import { probeHost } from '../../src/build/host.js';
import type { HostFacts } from '../../src/build/variations/index.js';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import type { Report } from '../../src/model/report.js';
import { repoRoot } from '../helpers/paths.js';

export const PATH = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';

/** A fresh dir under the system temp dir; the caller removes it. */
export function scratch(prefix = 'repcheck-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files (path → content) below a new source dir; `build.sh` gets the script. */
export function sourceTree(parent: string, script: string, files: Record<string, string> = {}): string {
  const src = join(parent, 'src');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'build.sh'), `set -eu\n${script}\n`);
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(src, p)), { recursive: true });
    writeFileSync(join(src, p), content);
  }
  return src;
}

let hostFacts: Promise<HostFacts> | null = null;

/** What this machine can vary (probed once per test process). */
export function host(): Promise<HostFacts> {
  hostFacts ??= (async () => {
    const dir = scratch('repcheck-probe-');
    try {
      return await probeHost(dir, { PATH });
    } finally {
      removeTreeSync(dir);
    }
  })();
  return hostFacts;
}

export interface Run {
  report: Report;
  causes: string[][];
  /** Entries left in the temp parent after the run (must be none). */
  left: string[];
}

/** buildTwice on `sh build.sh` in `src`, with the real comparator; the temp parent is checked and removed. */
export async function buildScript(src: string, opts: Partial<BuildTwiceOptions> = {}): Promise<Run> {
  const tmp = scratch('repcheck-tmp-');
  try {
    const res = await buildTwice({
      command: ['sh', 'build.sh'],
      src,
      search: true,
      maxBuilds: 32,
      keep: false,
      env: {},
      path: PATH,
      tmpDir: tmp,
      compare: artifactComparator({ limits: DEFAULT_LIMITS, ignore: [], failOn: 'warning', name: 'artifact' }),
      ...opts,
    });
    const report = buildReport(res, 'warning');
    return { report, causes: res.summary.causes, left: readdirSync(tmp) };
  } finally {
    removeTreeSync(tmp);
  }
}

/** The built CLI. */
export const BIN = join(repoRoot, 'bin', 'repcheck.js');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Spawns the CLI; `during` may act on the running child (send a signal). */
export function runCli(
  args: string[],
  opts: { cwd: string; env: Record<string, string>; uid?: number; gid?: number; during?: (child: ReturnType<typeof spawn>) => void; timeoutMs?: number },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'build', ...args], {
      cwd: opts.cwd,
      env: { PATH, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid ?? opts.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    opts.during?.(child);
  });
}

/** Polls until `p` exists (a marker a build writes), or throws. */
export async function waitFor(p: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!existsSync(p)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${p}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Whether a process is alive. A zombie counts as dead: it has exited, and in a container whose
 * PID 1 does not reap orphans it can linger long after.
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** A dir anyone may write into (for runs as an unprivileged user). */
export function worldWritable(dir: string): string {
  chmodSync(dir, 0o1777);
  return dir;
}

/** libfaketime shared-memory files in /dev/shm whose faketime process is gone (leaked). */
export function faketimeLeftovers(): string[] {
  let names: string[];
  try {
    names = readdirSync('/dev/shm');
  } catch {
    return [];
  }
  return names.filter((n) => {
    const m = /^(?:sem\.)?faketime_(?:shm|sem)_(\d+)$/.exec(n);
    return m !== null && !alive(Number(m[1]));
  });
}

/** Why the unprivileged user (nobody) cannot run this checkout's built code, or null when it can. */
export function nobodyCannotRun(): string | null {
  const probe = `require('node:fs').accessSync(${JSON.stringify(join(repoRoot, 'dist', 'src', 'build', 'remove-tree.js'))})`;
  const r = spawnSync(process.execPath, ['-e', probe], { uid: 65534, gid: 65534, stdio: 'ignore' });
  return r.status === 0 ? null : 'the checkout is not readable by nobody (uid 65534)';
}
