// A config file that cannot be used: the CLI maps it to exit 2 (a usage error) and prints the
// message, which names the file and the key path (`waivers[1].reason`).
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    /** The config file, or null when the error is about the file's absence or an explicit name. */
    readonly file: string | null,
    /** The offending key path (`failOn`, `waivers[0].expires`), or '' for the file as a whole. */
    readonly keyPath: string,
    detail: string,
  ) {
    super(`${file ?? 'config'}${keyPath ? `: ${keyPath}` : ''}: ${detail}`);
  }
}
