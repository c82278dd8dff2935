import type { Note, Severity } from './types.js';
import type { Finding } from './finding.js';

export const SCHEMA_VERSION = 1;

export interface InputSummary {
  label: string;
  flavour: string;
  wrapper: string;
  images: {
    id: string;
    refs: string[];
    platform: string | null;
    layers: number;
    configDigest: string | null;
    manifestDigest: string | null;
  }[];
}

/** A finding as reported: the catalog's title and hint attached. */
export interface ReportFinding extends Finding {
  /** Which input it concerns (label), for lint. */
  input?: string;
  title: string;
  hint: string;
}

export interface Report {
  schemaVersion: number;
  tool: { name: string; version: string };
  mode: 'lint' | 'diff' | 'build';
  inputs: InputSummary[];
  /** Epoch used for lint, and where it came from. */
  epoch?: { value: number | null; source: 'flag' | 'env' | 'inferred' | 'none' };
  verdict?: 'identical' | 'equivalent' | 'differs';
  findings: ReportFinding[];
  /** Findings suppressed by each ignore, keyed by the ignore (`kind:entry-mtime`). */
  suppressed: Record<string, number>;
  notes: Note[];
  /** Highest severity present, or null. */
  worst: Severity | null;
  /** The CI gate: the threshold applied and whether the report fails it. */
  gate: { failOn: Severity; failed: boolean };
}
