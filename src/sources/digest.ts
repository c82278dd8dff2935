// Digest strings: the grammar a blob path may be built from, digests implied by member names,
// and hashing of small documents.
import { createHash } from 'node:crypto';

/**
 * The only algorithms whose digests become blob paths (OCI image-spec descriptor.md, "Registered
 * algorithms"): an exact length of lowercase hex, so a digest can never smuggle `/` or `..`.
 */
const DIGEST_RE = new Map<string, RegExp>([
  ['sha256', /^[a-f0-9]{64}$/],
  ['sha512', /^[a-f0-9]{128}$/],
]);

export interface ParsedDigest {
  algorithm: 'sha256' | 'sha512';
  hex: string;
}

/** Parses `sha256:<64 hex>` / `sha512:<128 hex>`; null for anything else (upper case included). */
export function parseDigest(d: unknown): ParsedDigest | null {
  if (typeof d !== 'string') return null;
  const i = d.indexOf(':');
  if (i < 0) return null;
  const algorithm = d.slice(0, i);
  const hex = d.slice(i + 1);
  // A Map, not an object literal: `constructor:…` or `__proto__:…` must not find a prototype
  // member where a pattern is expected.
  const re = DIGEST_RE.get(algorithm);
  if (!re || !re.test(hex)) return null;
  return { algorithm: algorithm as ParsedDigest['algorithm'], hex };
}

/** `blobs/<alg>/<hex>` for a validated digest. */
export function blobPath(d: ParsedDigest): string {
  return `blobs/${d.algorithm}/${d.hex}`;
}

export function hashHex(algorithm: 'sha256' | 'sha512', buf: Buffer): string {
  return createHash(algorithm).update(buf).digest('hex');
}

export function sha256(buf: Buffer): string {
  return `sha256:${hashHex('sha256', buf)}`;
}

const HEX64 = '[a-f0-9]{64}';
const NAME_PATTERNS: RegExp[] = [
  new RegExp(`^blobs/sha256/(${HEX64})$`),
  new RegExp(`^sha256:(${HEX64})$`),
];

/**
 * The digest a docker-archive member name encodes, when the name really is the digest of the
 * stored bytes: `blobs/sha256/<hex>` (docker ≥ 25), `sha256:<hex>` (go-containerregistry,
 * kaniko configs), `<hex>.tar` / `<hex>.tar.gz` (go-containerregistry layers, named by blob
 * digest) and, for configs only, `<hex>.json` (docker save names the config by its digest).
 * `<v1id>/layer.tar` is NOT a digest: v1 layer ids are random or chain-derived, so → null.
 */
export function nameDigest(name: string, role: 'layer' | 'config'): string | null {
  for (const re of NAME_PATTERNS) {
    const m = re.exec(name);
    if (m) return `sha256:${m[1]}`;
  }
  const m = new RegExp(`^(${HEX64})\\.(json|tar|tar\\.gz|tar\\.zst)$`).exec(name);
  if (m) {
    if (m[2] === 'json') return role === 'config' ? `sha256:${m[1]}` : null;
    return role === 'layer' ? `sha256:${m[1]}` : null;
  }
  const b = /^blobs\/sha512\/([a-f0-9]{128})$/.exec(name);
  if (b) return `sha512:${b[1]}`;
  return null;
}
