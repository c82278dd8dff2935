// The one option table: feeds commander, `--help` and the README's option list.
import { Option, type Command } from 'commander';
import { DEFAULT_LIMITS, LIMIT_FLAGS, type Limits } from '../model/limits.js';
import { FORMATS } from '../render/formats.js';
import { VARIATION_IDS } from '../build/variations/types.js';

export type CommandName = 'lint' | 'diff' | 'render' | 'build';

export interface OptionSpec {
  flags: string;
  description: string;
  /** Commands that take it. */
  commands: readonly CommandName[];
  repeatable?: boolean;
  default?: string;
  /** The option's key in commander's opts, when its flag would mislead commander (`--no-vary <ids>` is a value, not a negation). */
  attribute?: string;
}

/** An option whose attribute name is given, not derived: `--no-vary <ids>` takes a value. */
class NamedOption extends Option {
  constructor(flags: string, description: string, private readonly attr: string) {
    super(flags, description);
    this.negate = false;
  }
  override attributeName(): string {
    return this.attr;
  }
}

const ALL: readonly CommandName[] = ['lint', 'diff', 'build'];

export { FORMATS, type Format } from '../render/formats.js';

export const OPTIONS: OptionSpec[] = [
  { flags: '--format <format>', description: `output format on stdout: ${FORMATS.join('|')}`, commands: [...ALL, 'render'], default: 'text' },
  { flags: '--output <format=file>', description: 'also write the report in FORMAT to FILE (repeatable: --output html=report.html --output json=report.json)', commands: [...ALL, 'render'], repeatable: true },
  { flags: '--report-dir <dir>', description: 'write report.json, report.html and both versions of each differing file (size-limited) under DIR', commands: ['diff', 'build'] },
  { flags: '--config <file>', description: 'project config file (default: repcheck.config.json or .repcheckrc.json, found upward)', commands: [...ALL, 'render'] },
  { flags: '-q, --quiet', description: 'no progress on stderr', commands: ALL },
  { flags: '--fail-on <severity>', description: 'exit 1 when a finding is at or above this severity: error|warning|info', commands: ALL, default: 'warning' },
  { flags: '--ignore <kinds>', description: 'ignore these finding kinds (comma-separated, repeatable); counted in the report', commands: ALL, repeatable: true },
  { flags: '--ignore-path <glob>', description: 'ignore entries whose path matches (repeatable; `*`, `**`, `?`); counted in the report', commands: ['diff', 'build'], repeatable: true },
  { flags: '--semantic', description: 'ignore timestamps, ordering, compression, tar format and image names: only contents and run-time metadata count', commands: ['diff', 'build'] },
  { flags: '--src <dir>', description: 'build: the source tree copied into each build dir', commands: ['build'], default: '.' },
  { flags: '--artifact <path>', description: 'build: the artifact, relative to the build dir (default: what the build writes to $REPCHECK_OUT)', commands: ['build'] },
  { flags: '--vary <ids>', description: `build: vary only these (comma-separated, repeatable): ${VARIATION_IDS.join(', ')}`, commands: ['build'], repeatable: true },
  { flags: '--no-vary <ids>', description: 'build: do not vary these (comma-separated, repeatable)', commands: ['build'], repeatable: true, attribute: 'noVary' },
  { flags: '--no-search', description: 'build: when the builds differ, skip the control build and the culprit search', commands: ['build'] },
  { flags: '--max-builds <n>', description: 'build: most builds in all, the search included', commands: ['build'], default: '32' },
  { flags: '--timeout <duration>', description: 'build: kill a build (its whole process group) after this long: 90, 90s, 15m, 1h', commands: ['build'] },
  { flags: '--keep', description: 'build: keep the build dirs, artifacts and logs, and print where', commands: ['build'] },
  { flags: '--env <NAME[=VALUE]>', description: 'build: pass this variable to the builds (value from here unless given; repeatable); only PATH is passed otherwise', commands: ['build'], repeatable: true },
  { flags: '--source-date-epoch <seconds>', description: 'expected SOURCE_DATE_EPOCH (default: $SOURCE_DATE_EPOCH, else inferred from the image)', commands: ['lint'] },
  { flags: '--owner <uid:gid>', description: 'expected owner of every entry', commands: ['lint'], default: '0:0' },
  { flags: '--image <ref|index>', description: 'pick one image of a multi-image input by reference or index', commands: ALL },
  { flags: '--platform <os/arch[/variant]>', description: 'pick one platform of a multi-platform index', commands: ALL },
  { flags: '-v, --verbose', description: 'all examples and notes', commands: [...ALL, 'render'] },
  { flags: '--color', description: 'force colour (default: on when stdout is a terminal and NO_COLOR is unset)', commands: [...ALL, 'render'] },
  { flags: '--no-color', description: 'no colour', commands: [...ALL, 'render'] },
  { flags: '--debug', description: 'show stack traces for errors', commands: [...ALL, 'render'] },
  ...(Object.keys(LIMIT_FLAGS) as (keyof Limits)[]).map((k) => ({
    flags: `${LIMIT_FLAGS[k].flag} <n>`,
    description: `limit: ${LIMIT_FLAGS[k].name}`,
    commands: ALL,
    default: String(DEFAULT_LIMITS[k]),
  })),
];

/** Adds the table's options for one command to it. */
export function addOptions(cmd: Command, name: CommandName): void {
  for (const spec of OPTIONS) {
    if (!spec.commands.includes(name)) continue;
    const opt = spec.attribute ? new NamedOption(spec.flags, spec.description, spec.attribute) : new Option(spec.flags, spec.description);
    if (spec.repeatable) opt.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
    if (spec.default !== undefined) opt.default(spec.default);
    cmd.addOption(opt);
  }
}
