// `repcheck build [options] -- CMD [ARGS…]`: the commander shell around build/. Reads the
// options and environment, installs the SIGINT/SIGTERM handlers that stop a build and remove its
// temp dirs, shows progress on a terminal's stderr, emits the report, picks the exit code.
import { statSync } from 'node:fs';
import { isAbsolute, normalize, resolve } from 'node:path';
import type { Command } from 'commander';
// The build machinery is loaded when `build` runs (it is most of the CLI's modules; lint and
// diff start faster without it).
import type { BuildProgress } from '../build/index.js';
import { isVariationId, VARIATION_IDS, type VariationId } from '../build/variations/types.js';
import { UsageError } from '../errors.js';
import { MACHINE_FORMATS } from '../render/formats.js';
import type { CollectedFile } from '../run/text-pass.js';
import { applyConfig } from './config.js';
import { emit, REPORT_DIR_LIMITS } from './emit.js';
import type { Io } from './main.js';
import { addOptions } from './options.js';
import { format, ignores, limits, list, nonNegInt, selection, severity, type Opts } from './parse.js';

export function registerBuild(program: Command, io: Io, setCode: (n: number) => void): void {
  const cmd = program
    .command('build')
    .description('build twice in fresh temp dirs under varied conditions, diff the artifacts, find the culprit variations')
    .argument('<command...>', 'the build command, after `--`; it writes its artifact to $REPCHECK_OUT (or use --artifact)')
    .usage('[options] -- CMD [ARGS...]');
  addOptions(cmd, 'build');

  cmd.action(async (command: string[], _o: Opts, self: Command) => {
    const cwd = io.cwd ?? process.cwd();
    const { opts, config } = await applyConfig(self, cwd);
    const fmt = format(String(opts.format ?? 'text'));
    const failOn = severity(String(opts.failOn ?? 'warning'));
    const src = resolve(cwd, String(opts.src));
    if (!isDir(src)) throw new UsageError(`--src ${String(opts.src)}: not a directory`);
    const artifact = opts.artifact !== undefined ? relativeArtifact(String(opts.artifact)) : undefined;
    const env = envPairs(opts.env, io.env);
    const maxBuilds = nonNegInt(String(opts.maxBuilds), '--max-builds');
    if (maxBuilds < 2) throw new UsageError('--max-builds must be at least 2 (build A and build B)');
    const timeoutMs = opts.timeout !== undefined ? duration(String(opts.timeout)) : undefined;
    const vary = opts.vary !== undefined ? variationIds(opts.vary, '--vary') : undefined;
    const noVary = opts.noVary !== undefined ? variationIds(opts.noVary, '--no-vary') : undefined;
    const files: CollectedFile[] = [];

    const { artifactComparator, BuildAborted, BuildError, buildReport, buildTwice, removeLiveTempRootsSync } = await import('../build/index.js');
    const ac = new AbortController();
    const onSignal = (sig: NodeJS.Signals): void => ac.abort(sig);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    // Last resort, should anything exit the process while a temp dir exists.
    process.once('exit', removeLiveTempRootsSync);
    const quiet = Boolean(opts.quiet) || ((MACHINE_FORMATS as readonly string[]).includes(fmt) && io.stdoutIsTTY);
    const progress = quiet ? null : progressLine(io);
    try {
      const result = await buildTwice({
        command,
        src,
        ...(artifact !== undefined ? { artifact } : {}),
        ...(vary ? { vary } : {}),
        ...(noVary ? { noVary } : {}),
        search: opts.search !== false,
        maxBuilds,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        keep: Boolean(opts.keep),
        env,
        path: env.PATH ?? io.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
        tmpDir: io.env.TMPDIR || '/tmp',
        hostEnvNames: Object.keys(io.env).filter((k) => io.env[k] !== undefined),
        signal: ac.signal,
        ...(progress ? { onProgress: progress.update } : {}),
        compare: artifactComparator({
          limits: limits(opts),
          ignore: ignores(opts.ignore),
          ignorePaths: list(opts.ignorePath),
          semantic: Boolean(opts.semantic),
          failOn,
          name: artifact ?? 'artifact',
          ...selection(opts),
          ...(typeof opts.reportDir === 'string' ? { collect: { ...REPORT_DIR_LIMITS, sink: (f: CollectedFile) => files.push(f) } } : {}),
        }),
      });
      progress?.done();
      const report = buildReport(result, failOn);
      const code = await emit(report, { io, opts, config, files });
      if (result.kept) {
        io.stderr(`repcheck: kept the build dirs in ${result.kept.root}/builds:\n`);
        for (const b of result.kept.builds) io.stderr(`  build ${b.label}: ${b.dir} (build.log; the artifact in out/ or src/)\n`);
      }
      setCode(code);
    } catch (err) {
      progress?.done();
      if (err instanceof BuildError) {
        io.stderr(`repcheck: ${err.message}\n`);
        if (err.failed?.tail) io.stderr(`--- last lines of build ${err.failed.build}'s output ---\n${err.failed.tail}\n---\n`);
        if (err.kept) io.stderr(`repcheck: kept the build dirs in ${err.kept}/builds\n`);
        setCode(2);
        return;
      }
      if (err instanceof BuildAborted) {
        io.stderr(`repcheck: ${err.message}: build killed, ${err.kept ? `build dirs kept in ${err.kept}/builds` : 'temp dirs removed'}\n`);
        // 128 + the signal number, as a shell reports a process killed by it.
        setCode(err.signalName === 'SIGTERM' ? 143 : 130);
        return;
      }
      throw err;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('exit', removeLiveTempRootsSync);
    }
  });
}

/** One status line on a terminal's stderr: the running build, its elapsed time, the search's step. */
function progressLine(io: Io): { update: (e: BuildProgress) => void; done: () => void } | null {
  if (!(io.stderrIsTTY ?? Boolean(process.stderr.isTTY))) return null;
  let line = '';
  let started = 0;
  let phase = '';
  const draw = (): void => {
    const secs = started ? `  ${((performance.now() - started) / 1000).toFixed(0)} s` : '';
    io.stderr(`\r\x1b[K${`${line}${secs}${phase ? `  · ${phase}` : ''}`.slice(0, 160)}`);
  };
  const timer = setInterval(draw, 1000);
  timer.unref();
  return {
    update(e) {
      if (e.type === 'phase') phase = e.text;
      else if (e.type === 'build-start') {
        line = `repcheck: build ${e.n} (at most ${e.max}): ${e.label}`;
        started = performance.now();
      } else {
        line = `repcheck: build ${e.n} (${e.label}) done in ${(e.ms / 1000).toFixed(1)} s`;
        started = 0;
      }
      draw();
    },
    done() {
      clearInterval(timer);
      io.stderr('\r\x1b[K');
    },
  };
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function relativeArtifact(p: string): string {
  const n = normalize(p);
  if (isAbsolute(p) || n === '..' || n.startsWith('../') || n === '.') {
    throw new UsageError(`--artifact must be a path inside the build dir, relative to it (got '${p}')`);
  }
  return n;
}

function envPairs(v: unknown, env: Io['env']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of (v as string[] | undefined) ?? []) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--env: '${name}' is not a variable name`);
    if (eq >= 0) out[name] = item.slice(eq + 1);
    else {
      const val = env[name];
      if (val === undefined) throw new UsageError(`--env ${name}: ${name} is not set here (give a value: --env ${name}=VALUE)`);
      out[name] = val;
    }
  }
  return out;
}

function variationIds(v: unknown, flag: string): VariationId[] {
  const ids = list(v);
  for (const id of ids) if (!isVariationId(id)) throw new UsageError(`${flag}: unknown variation '${id}' (known: ${VARIATION_IDS.join(', ')})`);
  return [...new Set(ids)] as VariationId[];
}

function duration(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(s.trim());
  if (!m) throw new UsageError(`--timeout must be a duration such as 90, 90s, 15m or 1h (got '${s}')`);
  const ms = Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  if (ms <= 0) throw new UsageError('--timeout must be more than zero');
  return ms;
}
