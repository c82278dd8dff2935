// Byte readers do not know which file they read, so they cannot build a LimitError (which names
// the file). They throw this instead; the caller that knows the label converts it with
// toLimitError().
import { FormatError, LimitError } from '../errors.js';
import { LIMIT_FLAGS, type Limits } from '../model/limits.js';

/** A configured limit was exceeded inside a byte reader. */
export class FormatLimitError extends FormatError {
  override name = 'FormatLimitError';
  constructor(
    /** Which limit (key of Limits). */
    readonly limit: keyof Limits,
    /** The configured value that was exceeded. */
    readonly value: number,
    offset?: number,
  ) {
    super(`exceeds the ${LIMIT_FLAGS[limit].name} limit of ${value} (raise it with ${LIMIT_FLAGS[limit].flag})`, offset);
  }
}

/** Wraps a FormatLimitError into the public LimitError naming `file`. */
export function toLimitError(file: string, e: FormatLimitError): LimitError {
  const f = LIMIT_FLAGS[e.limit];
  return new LimitError(file, f.name, f.flag, e.value, e.offset);
}
