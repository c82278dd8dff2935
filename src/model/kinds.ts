// The catalog: the only place with prose about causes and fixes.
// Kind ids are public API (`--ignore`, JSON consumers): never rename one.
import type { Severity } from './types.js';

export const KINDS = [
  // entries (lint and diff)
  'entry-mtime', 'entry-owner', 'entry-order', 'entry-mode', 'entry-content', 'entry-type',
  'entry-link', 'entry-set', 'entry-pax', 'entry-xattrs', 'tar-format',
  'duplicate-entry', 'shadowed-path',
  // compression
  'gzip-mtime', 'gzip-name', 'gzip-os', 'gzip-header', 'compression-level', 'compressor',
  'layer-compression',
  // layers
  'layer-order', 'layer-set', 'digest-mismatch',
  // config, manifest, references
  'config-created', 'history-created', 'history-other', 'history-mismatch', 'config-other',
  'manifest-other', 'invalid-reference', 'image-ref',
] as const;

export type Kind = (typeof KINDS)[number];

export interface KindInfo {
  title: string;
  /** The root cause, one or two sentences. */
  cause: string;
  /** A concrete fix naming real flags of real tools. */
  fix: string;
  severity: Severity;
}

export function isKind(s: string): s is Kind {
  return (KINDS as readonly string[]).includes(s);
}
