// The project config file (repcheck.config.json / .repcheckrc.json, found upward, or --config)
// supplies option defaults: a flag given on the command line wins; lists (ignore, output) add up.
import type { Command } from 'commander';
import { configOptionDefaults, loadConfig, type RepcheckConfig } from '../config/index.js';
import type { Opts } from './parse.js';

const LISTS = new Set(['ignore', 'output', 'ignorePath']);

export async function applyConfig(cmd: Command, cwd: string): Promise<{ opts: Opts; config: RepcheckConfig }> {
  const given = cmd.opts();
  const { config } = await loadConfig(cwd, given.config as string | undefined);
  const known = new Set(cmd.options.map((o) => o.attributeName()));
  for (const [k, v] of Object.entries(configOptionDefaults(config))) {
    if (!known.has(k)) continue; // e.g. reportDir for lint
    if (LISTS.has(k)) cmd.setOptionValueWithSource(k, [...(v as string[]), ...((given[k] as string[] | undefined) ?? [])], 'config');
    else if (cmd.getOptionValueSource(k) !== 'cli') cmd.setOptionValueWithSource(k, v, 'config');
  }
  return { opts: cmd.opts(), config };
}
