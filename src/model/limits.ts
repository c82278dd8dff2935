// The one table of resource limits. Each has a flag that raises it (the CLI reads this table).

export interface Limits {
  /** Largest JSON document (manifest, index, config) read into memory. */
  maxJsonBytes: number;
  /** Largest PAX extended header or GNU long name/link. */
  maxHeaderBytes: number;
  /** Most entries in one layer. */
  maxEntries: number;
  /** Most decompressed bytes per layer. */
  maxLayerBytes: number;
  /** Largest ratio of decompressed to compressed bytes (gzip bomb guard), once past 64 MiB. */
  maxRatio: number;
  /** Deepest nesting of OCI indexes. */
  maxIndexDepth: number;
  /** Most symlink hops when resolving a member inside an archive. */
  maxSymlinkHops: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxJsonBytes: 16 * 1024 * 1024,
  maxHeaderBytes: 1024 * 1024,
  maxEntries: 2_000_000,
  maxLayerBytes: 64 * 1024 * 1024 * 1024,
  maxRatio: 1000,
  maxIndexDepth: 8,
  maxSymlinkHops: 8,
};

export const LIMIT_FLAGS: Record<keyof Limits, { flag: string; name: string }> = {
  maxJsonBytes: { flag: '--max-json-bytes', name: 'JSON document size' },
  maxHeaderBytes: { flag: '--max-header-bytes', name: 'PAX/long-name header size' },
  maxEntries: { flag: '--max-entries', name: 'entries per layer' },
  maxLayerBytes: { flag: '--max-layer-bytes', name: 'decompressed bytes per layer' },
  maxRatio: { flag: '--max-ratio', name: 'decompression ratio' },
  maxIndexDepth: { flag: '--max-index-depth', name: 'index nesting depth' },
  maxSymlinkHops: { flag: '--max-symlink-hops', name: 'symlink hops' },
};
