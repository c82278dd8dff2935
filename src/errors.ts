// Typed errors; the CLI maps them to exit codes (only cli/ exits).

/** Bad command line. Exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An input that cannot be opened or is not a valid image. Exit 2. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    /** The input as the user named it (or the member within it). */
    readonly file: string,
    readonly reason: string,
    readonly offset?: number,
  ) {
    super(`${file}: ${reason}${offset !== undefined ? ` (at offset ${offset})` : ''}`);
  }
}

/** A configured limit was exceeded. Exit 2. Names the limit and the flag that raises it. */
export class LimitError extends InputError {
  override name = 'LimitError';
  constructor(file: string, readonly limit: string, readonly flag: string, value: number, offset?: number) {
    super(file, `exceeds the ${limit} limit of ${value} (raise it with ${flag})`, offset);
  }
}

/** A bug in repcheck. Exit 3. */
export class InternalError extends Error {
  override name = 'InternalError';
}

export const EXIT = { ok: 0, findings: 1, usage: 2, input: 2, internal: 3 } as const;

/** Format-level failure inside a byte reader, before it knows which file it reads. */
export class FormatError extends Error {
  override name = 'FormatError';
  constructor(readonly reason: string, readonly offset?: number) {
    super(reason + (offset !== undefined ? ` (at offset ${offset})` : ''));
  }
}
