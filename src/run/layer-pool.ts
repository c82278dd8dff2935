// Scans layers two at a time (inflate runs on libuv's pool, so both cores work), each blob at
// most once per input: a cache keyed by blob location holds full scans and digest-only scans,
// and a digest-only request is served by a full scan already made. Byte-level failures become
// InputErrors naming the input and the member.
import type { Limits } from '../model/limits.js';
import type { Image, LayerScan } from '../model/types.js';
import { scanLayer } from '../scan/index.js';
import { asInputError } from './input-error.js';

export type ScanCache = Map<string, Promise<LayerScan>>;

export interface LayerJob {
  /** The input's label, for error messages. */
  label: string;
  image: Image;
  index: number;
  /** Decompress and walk entries; false: hash the stored bytes only. */
  full: boolean;
  cache: ScanCache;
  out: (LayerScan | null)[];
}

const CONCURRENCY = 2;

export async function scanLayers(jobs: LayerJob[], limits: Limits): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const j = jobs[next++]!;
      const layer = j.image.layers[j.index]!;
      const loc = layer.blob.location;
      const key = `${j.full ? 'full' : 'digest'}:${loc}`;
      let p = j.cache.get(key) ?? (j.full ? undefined : j.cache.get(`full:${loc}`));
      if (!p && layer.prescan) {
        // Scanned while the input was opened (a compressed bare layer): a full scan serves both.
        p = Promise.resolve(layer.prescan);
        j.cache.set(key, p);
      }
      if (!p) {
        p = scanLayer(() => layer.open(), { limits, entries: j.full }).catch((e: unknown) => {
          throw asInputError(e, `${j.label}:${loc}`);
        });
        j.cache.set(key, p);
      }
      j.out[j.index] = await p;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
}
