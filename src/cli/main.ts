// The commander shell: the only place that reads argv and environment, prints, or picks an exit code.
import { Command, CommanderError, Option } from 'commander';
import { InputError, LimitError, UsageError } from '../errors.js';
import { isKind, KINDS, type Kind } from '../model/kinds.js';
import { DEFAULT_LIMITS, LIMIT_FLAGS, type Limits } from '../model/limits.js';
import type { Report } from '../model/report.js';
import type { Severity } from '../model/types.js';
import { renderJson } from '../render/json.js';
import { renderText } from '../render/text.js';
import { diffPaths } from '../run/diff.js';
import { lintPaths } from '../run/lint.js';
import { TOOL } from '../run/tool.js';
import { FORMATS, OPTIONS, type Format } from './options.js';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
}

type Opts = Record<string, unknown>;

export async function main(argv: string[], io: Io): Promise<number> {
  let debug = argv.includes('--debug');
  let code = 0;
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
  lint.action(async (paths: string[], opts: Opts) => {
    debug = Boolean(opts.debug);
    const report = await lintPaths(paths, {
      limits: limits(opts),
      epoch: epoch(opts, io.env),
      owner: owner(String(opts.owner)),
      ignore: ignores(opts.ignore),
      failOn: severity(String(opts.failOn)),
      ...(opts.image !== undefined ? { image: String(opts.image) } : {}),
      ...(opts.platform !== undefined ? { platform: String(opts.platform) } : {}),
    });
    io.stdout(render(report, opts, io));
    code = report.gate.failed ? 1 : 0;
  });

  const diff = program
    .command('diff')
    .description('explain every difference between two builds of an image, by root cause')
    .argument('<a>', 'the first build (any input shape lint reads)')
    .argument('<b>', 'the second build');
  addOptions(diff, 'diff');
  diff.action(async (a: string, b: string, opts: Opts) => {
    debug = Boolean(opts.debug);
    const report = await diffPaths(a, b, {
      limits: limits(opts),
      ignore: ignores(opts.ignore),
      ignorePaths: ((opts.ignorePath as string[] | undefined) ?? []).flatMap((s) => s.split(',')).filter(Boolean),
      semantic: Boolean(opts.semantic),
      failOn: severity(String(opts.failOn)),
      ...(opts.image !== undefined ? { image: String(opts.image) } : {}),
      ...(opts.platform !== undefined ? { platform: String(opts.platform) } : {}),
    });
    io.stdout(render(report, opts, io));
    code = report.gate.failed ? 1 : 0;
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    return fail(err, io, debug);
  }
}

function addOptions(cmd: Command, name: 'lint' | 'diff'): void {
  for (const spec of OPTIONS) {
    if (!spec.commands.includes(name)) continue;
    const opt = new Option(spec.flags, spec.description);
    if (spec.repeatable) opt.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
    if (spec.default !== undefined) opt.default(spec.default);
    cmd.addOption(opt);
  }
}

function render(report: Report, opts: Opts, io: Io): string {
  const format = String(opts.format) as Format;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (format === 'json') return renderJson(report);
  // --color forces, --no-color forbids; otherwise colour only on a terminal without NO_COLOR.
  const color = typeof opts.color === 'boolean' ? opts.color : io.env.NO_COLOR === undefined && io.stdoutIsTTY;
  return renderText(report, { color, verbose: Boolean(opts.verbose) });
}

function severity(s: string): Severity {
  if (s === 'error' || s === 'warning' || s === 'info') return s;
  throw new UsageError(`--fail-on must be error, warning or info (got '${s}')`);
}

function ignores(v: unknown): Kind[] {
  const list = ((v as string[] | undefined) ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  for (const k of list) if (!isKind(k)) throw new UsageError(`--ignore: unknown kind '${k}' (known: ${KINDS.join(', ')})`);
  return [...new Set(list)] as Kind[];
}

function nonNegInt(s: string, what: string): number {
  if (!/^\d{1,15}$/.test(s)) throw new UsageError(`${what} must be a non-negative integer (got '${s}')`);
  return Number(s);
}

function epoch(opts: Opts, env: Io['env']): { value: number; source: 'flag' | 'env' } | null {
  if (opts.sourceDateEpoch !== undefined) return { value: nonNegInt(String(opts.sourceDateEpoch), '--source-date-epoch'), source: 'flag' };
  const e = env.SOURCE_DATE_EPOCH;
  if (e !== undefined && e !== '') return { value: nonNegInt(e, 'SOURCE_DATE_EPOCH'), source: 'env' };
  return null;
}

function owner(s: string): { uid: number; gid: number } {
  const m = /^(\d{1,10}):(\d{1,10})$/.exec(s);
  if (!m) throw new UsageError(`--owner must be UID:GID (got '${s}')`);
  return { uid: Number(m[1]), gid: Number(m[2]) };
}

function limits(opts: Opts): Limits {
  const out = { ...DEFAULT_LIMITS };
  for (const k of Object.keys(LIMIT_FLAGS) as (keyof Limits)[]) {
    const key = LIMIT_FLAGS[k].flag.slice(2).replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
    const v = opts[key];
    if (v !== undefined) out[k] = nonNegInt(String(v), LIMIT_FLAGS[k].flag);
  }
  return out;
}

function fail(err: unknown, io: Io, debug: boolean): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    return 2; // commander already printed its one line; its default exit code 1 would read as "findings"
  }
  if (err instanceof UsageError || err instanceof InputError || err instanceof LimitError) {
    io.stderr(`repcheck: ${err.message}\n`);
    if (debug && err.stack) io.stderr(err.stack + '\n');
    return 2;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  io.stderr(`repcheck: internal error: ${e.message}\n`);
  io.stderr(debug && e.stack ? e.stack + '\n' : 'please report this at the repcheck issue tracker, with the command and --debug output\n');
  return 3;
}
