// The project config: discovery, validation, and waivers. Entered through this file.
export { ConfigError } from './errors.js';
export { CONFIG_FILE_NAMES, findConfig, loadConfig, parseConfig } from './load.js';
export { validateConfig, isDate, type RepcheckConfig, type Waiver } from './schema.js';
export { applyWaivers, waiverKey } from './waivers.js';
export { configOptionDefaults } from './options.js';
