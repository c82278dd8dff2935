// OCI descriptor vocabulary shared by the layout walker and the docker-archive reader: media
// types, platforms, diffIDs and reference annotations.
import type { Platform } from '../model/types.js';
import { printable } from '../io/printable.js';
import { isObject } from './json.js';

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
} as const;

export const INDEX_TYPES = new Set<string>([MEDIA.ociIndex, MEDIA.dockerList]);
export const MANIFEST_TYPES = new Set<string>([MEDIA.ociManifest, MEDIA.dockerManifest]);
export const CONFIG_TYPES = new Set<string>([MEDIA.ociConfig, MEDIA.dockerConfig]);
export const SCHEMA1_TYPES = new Set<string>([MEDIA.dockerSchema1, MEDIA.dockerSchema1Signed]);
/** Annotations that name an image reference (containerd writes the second, fully qualified). */
const REF_KEYS = ['org.opencontainers.image.ref.name', 'io.containerd.image.name'];

export interface RefSource {
  ref: string;
  where: string;
}

/** The references a descriptor's annotations carry, with where each was found. */
export function refsOf(d: Record<string, unknown>, where: string): RefSource[] {
  const a = d['annotations'];
  if (!isObject(a)) return [];
  const out: RefSource[] = [];
  for (const k of REF_KEYS) {
    const v = a[k];
    if (typeof v === 'string' && v !== '') out.push({ ref: v, where: `${where} ${k}` });
  }
  return out;
}

/** `{os, architecture, variant?}` from a descriptor platform or an image config; null if incomplete. */
export function platformOf(p: unknown): Platform | null {
  if (!isObject(p)) return null;
  const os = p['os'];
  const architecture = p['architecture'];
  if (typeof os !== 'string' || typeof architecture !== 'string' || os === '' || architecture === '') return null;
  const variant = p['variant'];
  return typeof variant === 'string' && variant !== '' ? { os, architecture, variant } : { os, architecture };
}

/** rootfs.diff_ids, entries that are not strings as null; null when absent. */
export function diffIdsOf(config: Record<string, unknown>): (string | null)[] | null {
  const rootfs = config['rootfs'];
  if (!isObject(rootfs) || !Array.isArray(rootfs['diff_ids'])) return null;
  return (rootfs['diff_ids'] as unknown[]).map((d) => (typeof d === 'string' ? d : null));
}

/** A value for an error message: JSON, at most 80 characters, nothing a terminal interprets. */
export function quote(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return printable(s.length > 80 ? `${s.slice(0, 77)}...` : s);
}
