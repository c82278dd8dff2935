// A bare layer (a filesystem changeset tar, possibly gzip/zstd-compressed) as a one-layer
// pseudo-image: no manifest, no config, no refs. Layer.open gives the file's bytes exactly as
// stored, so the scanner sees (and reports) the real compression.
import { readWhole } from '../io/read.js';
import type { Image } from '../model/types.js';

export function bareLayerImage(path: string, label: string, size: number): Image {
  return {
    id: '0',
    refs: [],
    platform: null,
    manifest: null,
    config: null,
    layers: [{
      index: 0,
      mediaType: null,
      diffId: null,
      blob: {
        role: 'layer',
        location: label,
        nameDigest: null,
        declaredDigest: null,
        declaredSize: null,
        actualDigest: null,
        actualSize: size,
      },
      open: async () => readWhole(path, { transient: true }),
    }],
    blobs: [],
    refSources: [],
  };
}
