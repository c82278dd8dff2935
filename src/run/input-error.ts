// Byte readers know offsets, not file names: the run names the input and the member.
import { FormatError, InputError, LimitError } from '../errors.js';
import { FormatLimitError, toLimitError } from '../io/limit-error.js';

export function asInputError(err: unknown, where: string): unknown {
  if (err instanceof FormatLimitError) return toLimitError(where, err);
  if (err instanceof InputError) return err instanceof LimitError ? err : new InputError(where, err.reason, err.offset);
  if (err instanceof FormatError) return new InputError(where, err.reason, err.offset);
  return err;
}
