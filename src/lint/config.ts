// Typed reads of the image config fields lint rules look at. The config is untrusted JSON:
// every accessor checks types and never throws.
import type { Image } from '../model/types.js';

export interface HistoryEntry {
  created?: unknown;
  created_by?: unknown;
  empty_layer?: unknown;
  [k: string]: unknown;
}

function record(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** The config object, or null when the image has none (a bare layer) or it is not an object. */
export function configOf(image: Image): Record<string, unknown> | null {
  return image.config ? record(image.config.parsed) : null;
}

/** `created` as written: undefined when absent. */
export function configCreated(image: Image): unknown {
  return configOf(image)?.['created'];
}

/**
 * `history`: the entries; 'absent' when the field is missing or null; 'invalid' when it is not
 * an array of objects.
 */
export function configHistory(image: Image): HistoryEntry[] | 'absent' | 'invalid' {
  const cfg = configOf(image);
  const h = cfg?.['history'];
  if (h === undefined || h === null) return 'absent';
  if (!Array.isArray(h) || !h.every((e) => record(e) !== null)) return 'invalid';
  return h as HistoryEntry[];
}
