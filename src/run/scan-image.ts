// Scans the layers of one image, each once, and turns byte-level failures into InputErrors
// that name the input and the layer member.
import type { Limits } from '../model/limits.js';
import type { InputSummary } from '../model/report.js';
import type { Image, LayerScan, Note, OpenedInput } from '../model/types.js';
import { scanLayers } from './layer-pool.js';

export interface ScanImageOptions {
  limits: Limits;
  /** Decompress and walk entries (default). False: hash the stored bytes only. */
  entries?: boolean;
  /** Scans already made in this input, by blob location: images of one archive share layers. */
  cache?: Map<string, Promise<LayerScan>>;
}

export async function scanImageLayers(
  label: string,
  image: Image,
  opts: ScanImageOptions,
): Promise<{ scans: LayerScan[]; notes: Note[] }> {
  const out: (LayerScan | null)[] = image.layers.map(() => null);
  const cache = opts.cache ?? new Map<string, Promise<LayerScan>>();
  const full = opts.entries ?? true;
  await scanLayers(image.layers.map((_, index) => ({ label, image, index, full, cache, out })), opts.limits);
  const scans = out as LayerScan[];
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
