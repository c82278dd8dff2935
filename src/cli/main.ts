// The commander shell: the only place that reads argv and environment, prints, or picks an exit code.
import { readFile } from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/index.js';
import { InputError, UsageError } from '../errors.js';
import { safeText } from '../render/escape.js';
import { parseReportJson } from '../render/parse.js';
import type { CollectedFile } from '../run/text-pass.js';
import { TOOL } from '../run/tool.js';
import { registerBuild } from './build-command.js';
import { applyConfig } from './config.js';
import { emit, REPORT_DIR_LIMITS } from './emit.js';
import { addOptions } from './options.js';
import { epoch, format, ignores, limits, list, owner, selection, severity, type Opts } from './parse.js';
import { startProgress } from './progress-bar.js';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY?: boolean;
  cwd?: string;
}

export async function main(argv: string[], io: Io): Promise<number> {
  let debug = argv.includes('--debug');
  let code = 0;
  const setCode = (n: number) => { code = n; };
  const cwd = io.cwd ?? process.cwd();
  const program = new Command('repcheck')
    .description('Reproducibility checker for container images')
    .version(TOOL.version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(`repcheck: ${s.replace(/^error: /, '').trimEnd()}\n`),
    })
    .showSuggestionAfterError(true);

  const lint = program
    .command('lint', { isDefault: true })
    .description('check one image (or layer) for known sources of nondeterminism')
    .argument('<image...>', 'docker-archive, OCI layout dir, oci-archive, gzipped archive, or layer tar');
  addOptions(lint, 'lint');
  lint.action(async (paths: string[], _o: Opts, cmd: Command) => {
    const { opts, config } = await applyConfig(cmd, cwd);
    debug = Boolean(opts.debug);
    const bar = startProgress(io, Boolean(opts.quiet), format(String(opts.format)));
    // Each command loads what it runs (lint's rules or diff's comparators), nothing more.
    const { lintPaths } = await import('../run/lint.js');
    const report = await lintPaths(paths, {
      limits: limits(opts),
      epoch: epoch(opts, io.env),
      owner: owner(String(opts.owner)),
      ignore: ignores(opts.ignore),
      failOn: severity(String(opts.failOn)),
      ...selection(opts),
      ...(bar.tracker ? { progress: bar.tracker } : {}),
    }).finally(() => bar.stop());
    setCode(await emit(report, { io, opts, config }));
  });

  const diff = program
    .command('diff')
    .description('explain every difference between two builds of an image, by root cause')
    .argument('<a>', 'the first build (any input shape lint reads)')
    .argument('<b>', 'the second build');
  addOptions(diff, 'diff');
  diff.action(async (a: string, b: string, _o: Opts, cmd: Command) => {
    const { opts, config } = await applyConfig(cmd, cwd);
    debug = Boolean(opts.debug);
    const files: CollectedFile[] = [];
    const bar = startProgress(io, Boolean(opts.quiet), format(String(opts.format)));
    const { diffPaths } = await import('../run/diff.js');
    const report = await diffPaths(a, b, {
      limits: limits(opts),
      ignore: ignores(opts.ignore),
      ignorePaths: list(opts.ignorePath),
      semantic: Boolean(opts.semantic),
      failOn: severity(String(opts.failOn)),
      ...selection(opts),
      ...(typeof opts.reportDir === 'string' ? { collect: { ...REPORT_DIR_LIMITS, sink: (f: CollectedFile) => files.push(f) } } : {}),
      ...(bar.tracker ? { progress: bar.tracker } : {}),
    }).finally(() => bar.stop());
    setCode(await emit(report, { io, opts, config, files }));
  });

  const rerender = program
    .command('render')
    .description('render a saved JSON report in another format')
    .argument('<report.json>', 'a report written by --format json or --output json=FILE');
  addOptions(rerender, 'render');
  rerender.action(async (file: string, _o: Opts, cmd: Command) => {
    const { opts, config } = await applyConfig(cmd, cwd);
    debug = Boolean(opts.debug);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new InputError(file, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : 'cannot be read');
    }
    let report;
    try {
      report = parseReportJson(text);
    } catch (e) {
      throw new InputError(file, (e as Error).message);
    }
    await emit(report, { io, opts, config });
    setCode(0);
  });

  registerBuild(program, io, setCode);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    return fail(err, io, debug);
  }
}

export function fail(err: unknown, io: Io, debug: boolean): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    return 2; // commander already printed its one line; its default exit code 1 would read as "findings"
  }
  if (err instanceof UsageError || err instanceof InputError || err instanceof ConfigError) {
    // The message may quote what the user typed or what an archive holds: one safe line.
    io.stderr(`repcheck: ${safeText(err.message)}\n`);
    if (debug && err.stack) io.stderr(err.stack + '\n');
    return 2;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  io.stderr(`repcheck: internal error: ${e.message}\n`);
  io.stderr(debug && e.stack ? e.stack + '\n' : 'please report this at the repcheck issue tracker, with the command and --debug output\n');
  return 3;
}
