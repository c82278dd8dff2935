// Deterministic bytes for the benchmark inputs: a seeded PRNG, a text corpus that compresses
// like source code and docs (about 3×), and a seeded keystream for incompressible data.
// Nothing here reads a clock or the environment: the same seed gives the same bytes everywhere.
import { createCipheriv, createHash } from 'node:crypto';

/** splitmix32: small, fast, good enough to pick sizes and offsets. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 0x100000000;
  };
}

export function seedOf(s: string): number {
  return createHash('sha256').update(s).digest().readUInt32LE(0);
}

const SYLLABLES = ['al', 'be', 'con', 'de', 'ex', 'fo', 'ga', 'hi', 'in', 'jo', 'ka', 'lo', 'me', 'na', 'or',
  'pro', 'qu', 're', 'st', 'ta', 'un', 've', 'wa', 'xi', 'yo', 'ze', 'ing', 'tion', 'er', 'ly'];
const PUNCT = ['(', ')', ' = ', ', ', '; ', '.', ' {', '}', ' -> ', ': ', '"', '[', ']'];

let corpus: Buffer | null = null;

/** 8 MiB of word salad shaped like code and prose (indented lines, identifiers, numbers). */
export function textCorpus(): Buffer {
  if (corpus) return corpus;
  const r = prng(0x5eed);
  const words: string[] = [];
  for (let i = 0; i < 600; i++) {
    let w = '';
    const n = 1 + Math.floor(r() * 4);
    for (let k = 0; k < n; k++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    words.push(i % 7 === 0 ? w[0]!.toUpperCase() + w.slice(1) : w);
  }
  const parts: string[] = [];
  let len = 0;
  const target = 8 * 1024 * 1024;
  while (len < target) {
    let line = ' '.repeat(Math.floor(r() * 4) * 2);
    const n = 3 + Math.floor(r() * 10);
    for (let k = 0; k < n; k++) {
      const x = r();
      if (x < 0.15) line += PUNCT[Math.floor(r() * PUNCT.length)];
      else if (x < 0.22) line += String(Math.floor(r() * 100000));
      else line += (k ? ' ' : '') + words[Math.floor(Math.pow(r(), 2) * words.length)];
    }
    line += '\n';
    parts.push(line);
    len += line.length;
  }
  corpus = Buffer.from(parts.join(''), 'latin1').subarray(0, target);
  return corpus;
}

/**
 * `size` bytes of text for file `name` in pieces of at most `piece` bytes: a first line naming
 * the file (and the variant, so a changed file differs in its first line), then corpus slices.
 */
export function* textBytes(name: string, size: number, variant = 0, piece = 1024 * 1024): Generator<Buffer> {
  const c = textCorpus();
  const head = Buffer.from(`# ${name} v${variant}\n`, 'latin1');
  if (size <= head.length) {
    yield head.subarray(0, size);
    return;
  }
  yield head;
  const r = prng(seedOf(name) ^ variant);
  let left = size - head.length;
  while (left > 0) {
    const off = Math.floor(r() * (c.length - 1));
    const k = Math.min(left, c.length - off, piece);
    yield c.subarray(off, off + k);
    left -= k;
  }
}

/** Incompressible bytes for `name`, produced in pieces of at most `piece` bytes (AES-CTR keystream). */
export function* randomBytes(name: string, size: number, piece = 1024 * 1024): Generator<Buffer> {
  const key = createHash('sha256').update(`repcheck-bench:${name}`).digest();
  const c = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const zeros = Buffer.alloc(Math.min(piece, Math.max(size, 1)));
  let left = size;
  while (left > 0) {
    const k = Math.min(left, zeros.length);
    yield c.update(zeros.subarray(0, k));
    left -= k;
  }
}
