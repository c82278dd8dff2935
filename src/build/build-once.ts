// One build: a fresh source copy at the path the setup names, a fresh HOME, TMPDIR and output
// dir, the command run in the sandbox, then everything moved aside into builds/<n>-<tag>/ so the
// next build can reuse the same live paths (that is what "build-path not varied" means: the
// same path in both builds, fresh each time).
//
//   <root>/a/NAME | <root>/build-b/NAME   the source copy, the build's working directory
//   <root>/home   | <root>/home-for-b     HOME
//   <root>/tmp                            TMPDIR
//   <root>/out/artifact                   REPCHECK_OUT
//   <root>/builds/<n>-<tag>/{src,home,tmp,out,build.log}   after the build
import { chmodSync, lstatSync, mkdirSync, renameSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { BuildAborted, BuildError } from './build-error.js';
import { copyTree } from './copy-tree.js';
import type { LogTail } from './log-tail.js';
import { runBuild, runTool, unmountSync } from './sandbox.js';
import { faketimeArgv, type BuildSetup } from './variations/index.js';

export interface BuildContext {
  root: string;
  src: string;
  /** Basename of the source dir: the build dir keeps it (builds may name things after it). */
  srcName: string;
  command: string[];
  /** --artifact, relative to the build dir; else the build writes $REPCHECK_OUT. */
  artifact?: string;
  path: string;
  /** --env, resolved: set last, over anything a variation set. */
  userEnv: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
  keep: boolean;
  /** Not copied (repcheck's temp root, when it lies inside the source). */
  exclude: ReadonlySet<string>;
  /** When the previous build ended (ms): this one starts in a later second. */
  notBefore: number;
}

export interface Built {
  n: number;
  label: string;
  dir: string;
  artifact: string;
  log: LogTail;
  ms: number;
}

export const TAIL_LINES = 40;

export function emptySetup(): BuildSetup {
  return { slot: 'a', home: 'home', env: {}, wrappers: [], prelude: [], copyOrder: 'sorted', disorderfs: null, afterExit: [], fakeClock: null };
}

/**
 * The argv the sandbox runs: faketime (its offset from the real second `nowSec` the build starts
 * at), the other wrappers in rank order, then a shell prelude, then the command.
 */
export function commandLine(setup: BuildSetup, command: readonly string[], nowSec: number): string[] {
  const clock = setup.fakeClock !== null ? faketimeArgv(setup.fakeClock, nowSec) : [];
  const wrappers = [...clock, ...[...setup.wrappers].sort((a, b) => a.rank - b.rank).flatMap((w) => w.argv)];
  const prelude = setup.prelude.length ? ['sh', '-c', `${setup.prelude.join(' && ')} && exec "$@"`, 'repcheck-build'] : [];
  return [...wrappers, ...prelude, ...command];
}

/**
 * Frees a live path: an empty dir is removed; otherwise it is renamed to `to` (a build may have
 * deleted it, or written next to its working directory).
 */
function moveAside(from: string, to: string | null): void {
  try {
    rmdirSync(from);
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (to === null || (code !== 'ENOTEMPTY' && code !== 'EEXIST')) throw err;
  }
  try {
    renameSync(from, to);
  } catch (err) {
    // Moving a directory to another parent rewrites its `..`, which needs write permission on
    // it: a build that made its tree read-only (chmod -R a-w) gets it back afterwards.
    if ((err as NodeJS.ErrnoException).code !== 'EACCES') throw err;
    const mode = lstatSync(from).mode & 0o7777;
    chmodSync(from, mode | 0o200);
    renameSync(from, to);
    chmodSync(to, mode);
  }
}

export async function buildOnce(ctx: BuildContext, setup: BuildSetup, n: number, label: string, tag: string): Promise<Built> {
  const dir = join(ctx.root, 'builds', `${n}-${tag}`.slice(0, 120));
  mkdirSync(dir, { recursive: true });
  const slot = join(ctx.root, setup.slot);
  const cwd = join(slot, ctx.srcName);
  const home = join(ctx.root, setup.home);
  const tmp = join(ctx.root, 'tmp');
  const out = join(ctx.root, 'out');
  mkdirSync(slot);
  for (const d of [home, tmp, out]) mkdirSync(d);
  const sysEnv = { PATH: ctx.path };
  let mounted = false;
  try {
    if (setup.disorderfs) {
      await copyTree(ctx.src, join(dir, 'src'), { order: 'sorted', exclude: ctx.exclude, ...(ctx.signal ? { signal: ctx.signal } : {}) });
      mkdirSync(cwd);
      const m = await runTool(
        [
          'disorderfs', '-q', ...(setup.disorderfs.multiUser ? ['--multi-user=yes'] : []),
          '--sort-dirents=yes', `--reverse-dirents=${setup.disorderfs.reverse ? 'yes' : 'no'}`, join(dir, 'src'), cwd,
        ],
        { env: sysEnv },
      );
      if (m.code !== 0) throw new BuildError(`could not mount disorderfs for build ${label}: ${m.error ?? m.stderr.trim()}`);
      mounted = true;
    } else {
      await copyTree(ctx.src, cwd, { order: setup.copyOrder, exclude: ctx.exclude, ...(ctx.signal ? { signal: ctx.signal } : {}) });
    }
  } catch (err) {
    if (ctx.signal?.aborted) throw new BuildAborted(String(ctx.signal.reason ?? 'SIGINT'));
    if (err instanceof BuildError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new BuildError(`could not copy the source tree for build ${label}: ${e.code ?? e.message}${e.path ? ` (${e.path})` : ''}`);
  }

  const env: Record<string, string> = {
    ...sysEnv,
    HOME: home,
    TMPDIR: tmp,
    REPCHECK_OUT: join(out, 'artifact'),
    ...setup.env,
    ...ctx.userEnv,
  };
  // Start right after a real second boundary, and in a later second than the previous build
  // ended: the fake clock then starts within milliseconds of its chosen second, and what leaks
  // from the real clock (file times, static binaries) differs in every pair, the control too.
  const startMs = await secondBoundary(ctx.notBefore, ctx.signal);
  const r = await runBuild({
    argv: commandLine(setup, ctx.command, Math.floor(startMs / 1000)),
    cwd,
    env,
    ...(ctx.timeoutMs !== undefined ? { timeoutMs: ctx.timeoutMs } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.keep ? { logFile: join(dir, 'build.log') } : {}),
  });
  if (r.pid !== null) for (const f of setup.afterExit) f(r.pid);
  // Move everything aside, so the live paths are free for the next build.
  if (mounted) {
    unmountSync(cwd, sysEnv);
    moveAside(cwd, null);
  } else moveAside(cwd, join(dir, 'src'));
  moveAside(slot, join(dir, 'slot'));
  moveAside(home, join(dir, 'home'));
  moveAside(tmp, join(dir, 'tmp'));
  moveAside(out, join(dir, 'out'));

  if (r.aborted) throw new BuildAborted(String(ctx.signal?.reason ?? 'SIGINT'));
  const failed = (msg: string): BuildError =>
    new BuildError(msg, { build: label, code: r.code, signal: r.signal, timedOut: r.timedOut, tail: r.log.lines(TAIL_LINES) });
  if (r.spawnError) throw failed(`build ${label} could not start: ${r.spawnError}`);
  if (r.timedOut) throw failed(`build ${label} timed out after ${Math.round((ctx.timeoutMs ?? 0) / 100) / 10} s and was killed`);
  if (r.code !== 0) throw failed(`build ${label} failed with ${r.code !== null ? `exit code ${r.code}` : `signal ${r.signal}`}`);
  const artifact = ctx.artifact !== undefined ? join(dir, 'src', ctx.artifact) : join(dir, 'out', 'artifact');
  try {
    lstatSync(artifact);
  } catch {
    throw failed(
      ctx.artifact !== undefined
        ? `build ${label} succeeded but did not produce --artifact ${ctx.artifact}`
        : `build ${label} succeeded but wrote nothing to $REPCHECK_OUT (write the artifact there, or name it with --artifact PATH)`,
    );
  }
  return { n, label, dir, artifact, log: r.log, ms: r.durationMs };
}

/** Waits for the start of a second later than `notBefore`'s; resolves to the time it got there (ms). */
function secondBoundary(notBefore: number, signal?: AbortSignal): Promise<number> {
  const now = Date.now();
  // Already just past a boundary, in a later second: no need to wait.
  if (Math.floor(now / 1000) > Math.floor(notBefore / 1000) && now % 1000 < 20) return Promise.resolve(now);
  const at = (Math.max(Math.floor(now / 1000), Math.floor(notBefore / 1000)) + 1) * 1000;
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(Date.now());
    }, at - now);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new BuildAborted(String(signal?.reason ?? 'SIGINT')));
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
