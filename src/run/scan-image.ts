// Scans the layers of one image, each once, and turns byte-level failures into InputErrors
// that name the input and the layer member.
import { FormatError, InputError, LimitError } from '../errors.js';
import { FormatLimitError, toLimitError } from '../io/limit-error.js';
import type { Limits } from '../model/limits.js';
import type { InputSummary } from '../model/report.js';
import type { Image, LayerScan, Note, OpenedInput } from '../model/types.js';
import { scanLayer } from '../scan/index.js';

export interface ScanImageOptions {
  limits: Limits;
  /** Decompress and walk entries (default). False: hash the stored bytes only. */
  entries?: boolean;
  /** Scans already made in this input, by blob location: images of one archive share layers. */
  cache?: Map<string, Promise<LayerScan>>;
}

/** Layers scanned two at a time: zlib inflates on the thread pool, so this uses both cores. */
const CONCURRENCY = 2;

export async function scanImageLayers(
  label: string,
  image: Image,
  opts: ScanImageOptions,
): Promise<{ scans: LayerScan[]; notes: Note[] }> {
  const scans: LayerScan[] = new Array(image.layers.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < image.layers.length) {
      const i = next++;
      const layer = image.layers[i]!;
      const where = `${label}:${layer.blob.location}`;
      try {
        let p = opts.cache?.get(layer.blob.location);
        if (!p) {
          p = scanLayer(() => layer.open(), { limits: opts.limits, entries: opts.entries ?? true });
          opts.cache?.set(layer.blob.location, p);
        }
        scans[i] = await p;
      } catch (err) {
        throw asInputError(err, where);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, image.layers.length) }, worker));
  const notes: Note[] = [];
  scans.forEach((s, i) => notes.push(...layerNotes(label, i, s)));
  return { scans, notes };
}

/** The scan's own notes plus the framing facts every reader of a layer should hear about. */
export function layerNotes(label: string, i: number, s: LayerScan): Note[] {
  const notes: Note[] = s.notes.map((n) => ({ ...n, input: label, layer: i }));
  const has = (code: string) => s.notes.some((n) => n.code === code);
  if (s.missingEndMarker && !has('tar-truncated-padding'))
    notes.push({ code: 'tar-no-end-marker', input: label, layer: i, message: 'layer tar has no end-of-archive marker (possibly truncated)' });
  if (s.trailingBytes > 0 && !has('tar-trailing-garbage'))
    notes.push({ code: 'tar-trailing-data', input: label, layer: i, message: `${s.trailingBytes} bytes of data after the tar end-of-archive marker` });
  return notes;
}

/** Byte readers know offsets, not file names: name the input and member here. */
export function asInputError(err: unknown, where: string): unknown {
  if (err instanceof FormatLimitError) return toLimitError(where, err);
  if (err instanceof InputError) return err instanceof LimitError ? err : new InputError(where, err.reason, err.offset);
  if (err instanceof FormatError) return new InputError(where, err.reason, err.offset);
  return err;
}

export function summarizeInput(input: OpenedInput, selected: Image[]): InputSummary {
  return {
    label: input.label,
    flavour: input.flavour,
    wrapper: input.wrapper,
    images: selected.map((im) => ({
      id: im.id,
      refs: im.refs,
      platform: im.platform
        ? [im.platform.os, im.platform.architecture, im.platform.variant].filter(Boolean).join('/')
        : null,
      layers: im.layers.length,
      configDigest: im.config?.digest ?? null,
      manifestDigest: im.manifest?.digest ?? null,
    })),
  };
}
