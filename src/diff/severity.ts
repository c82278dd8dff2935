// Severity of a diff finding: the catalog's default for its kind, or its shape's override.
// One place, so the diff core never hard-codes a severity.
import { severityFor, type Kind } from '../model/kinds.js';
import type { Severity } from '../model/types.js';

export function diffSeverity(kind: Kind, shape?: string): Severity {
  return severityFor(kind, shape);
}
