// The config as commander option values: the keys commander derives from the flags (`--fail-on`
// → failOn, `--max-json-bytes` → maxJsonBytes) and the values as the flags would give them
// (strings; repeatable options as arrays). The CLI sets each one whose source is not 'cli':
//   for (const [k, v] of Object.entries(configOptionDefaults(cfg)))
//     if (cmd.getOptionValueSource(k) !== 'cli') cmd.setOptionValueWithSource(k, v, 'config');
// `ignore` and `output` are lists: the CLI should concatenate the config's with the flags'.
import { LIMIT_FLAGS, type Limits } from '../model/limits.js';
import type { Format } from '../render/formats.js';
import type { RepcheckConfig } from './schema.js';

const camel = (flag: string) => flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function configOptionDefaults(c: RepcheckConfig): Record<string, string | boolean | string[]> {
  const o: Record<string, string | boolean | string[]> = {};
  if (c.format !== undefined) o.format = c.format;
  if (c.failOn !== undefined) o.failOn = c.failOn;
  if (c.ignore !== undefined) o.ignore = [c.ignore.join(',')];
  if (c.sourceDateEpoch !== undefined) o.sourceDateEpoch = String(c.sourceDateEpoch);
  if (c.owner !== undefined) o.owner = c.owner;
  if (c.image !== undefined) o.image = c.image;
  if (c.platform !== undefined) o.platform = c.platform;
  if (c.verbose !== undefined) o.verbose = c.verbose;
  if (c.color !== undefined) o.color = c.color;
  if (c.quiet !== undefined) o.quiet = c.quiet;
  if (c.reportDir !== undefined) o.reportDir = c.reportDir;
  if (c.output !== undefined) o.output = (Object.entries(c.output) as [Format, string][]).map(([f, p]) => `${f}=${p}`);
  for (const [k, v] of Object.entries(c.limits ?? {}) as [keyof Limits, number][]) o[camel(LIMIT_FLAGS[k].flag)] = String(v);
  return o;
}
