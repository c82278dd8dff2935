// The one option table: feeds commander, `--help` and the README's option list.
import { DEFAULT_LIMITS, LIMIT_FLAGS, type Limits } from '../model/limits.js';

export interface OptionSpec {
  flags: string;
  description: string;
  /** Commands that take it. */
  commands: readonly ('lint' | 'diff')[];
  repeatable?: boolean;
  default?: string;
}

export const FORMATS = ['text', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export const OPTIONS: OptionSpec[] = [
  { flags: '--format <format>', description: `output format: ${FORMATS.join('|')}`, commands: ['lint', 'diff'], default: 'text' },
  { flags: '--fail-on <severity>', description: 'exit 1 when a finding is at or above this severity: error|warning|info', commands: ['lint', 'diff'], default: 'warning' },
  { flags: '--ignore <kinds>', description: 'ignore these finding kinds (comma-separated, repeatable); counted in the report', commands: ['lint', 'diff'], repeatable: true },
  { flags: '--ignore-path <glob>', description: 'ignore entries whose path matches (repeatable; `*`, `**`, `?`); counted in the report', commands: ['diff'], repeatable: true },
  { flags: '--semantic', description: 'ignore timestamps, ordering, compression, tar format and image names: only contents and run-time metadata count', commands: ['diff'] },
  { flags: '--source-date-epoch <seconds>', description: 'expected SOURCE_DATE_EPOCH (default: $SOURCE_DATE_EPOCH, else inferred from the image)', commands: ['lint'] },
  { flags: '--owner <uid:gid>', description: 'expected owner of every entry', commands: ['lint'], default: '0:0' },
  { flags: '--image <ref|index>', description: 'pick one image of a multi-image input by reference or index', commands: ['lint', 'diff'] },
  { flags: '--platform <os/arch[/variant]>', description: 'pick one platform of a multi-platform index', commands: ['lint', 'diff'] },
  { flags: '-v, --verbose', description: 'all examples and notes', commands: ['lint', 'diff'] },
  { flags: '--color', description: 'force colour (default: on when stdout is a terminal and NO_COLOR is unset)', commands: ['lint', 'diff'] },
  { flags: '--no-color', description: 'no colour', commands: ['lint', 'diff'] },
  { flags: '--debug', description: 'show stack traces for errors', commands: ['lint', 'diff'] },
  ...(Object.keys(LIMIT_FLAGS) as (keyof Limits)[]).map((k) => ({
    flags: `${LIMIT_FLAGS[k].flag} <n>`,
    description: `limit: ${LIMIT_FLAGS[k].name}`,
    commands: ['lint', 'diff'] as const,
    default: String(DEFAULT_LIMITS[k]),
  })),
];
