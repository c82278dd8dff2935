// `--image` / `--platform`: which images of an opened input a command works on.
import { UsageError } from '../errors.js';
import type { Image, OpenedInput, Platform } from '../model/types.js';

export interface ImageSelector {
  /** An image id (`0`, `1`, …) or a reference matching one of an image's refs exactly. */
  image?: string | undefined;
  /** `os/arch[/variant]`; without a variant, any variant of os/arch matches. */
  platform?: string | undefined;
}

export function platformString(p: Platform | null): string | null {
  return p ? [p.os, p.architecture, p.variant].filter((s) => s !== undefined && s !== '').join('/') : null;
}

/** The selected images, in input order. No selector → all. Nothing matching → UsageError. */
export function selectImages(input: OpenedInput, sel: ImageSelector): Image[] {
  let images = input.images;
  const want: string[] = [];
  if (sel.image !== undefined && sel.image !== '') {
    const s = sel.image;
    want.push(`--image ${s}`);
    const byId = /^\d+$/.test(s) ? images.filter((im) => im.id === s) : [];
    images = byId.length > 0 ? byId : images.filter((im) => im.refs.includes(s));
  }
  if (sel.platform !== undefined && sel.platform !== '') {
    const parts = sel.platform.split('/');
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
      throw new UsageError(`--platform ${sel.platform}: expected os/arch or os/arch/variant (e.g. linux/amd64, linux/arm/v7)`);
    }
    const [os, arch, variant] = parts as [string, string, string | undefined];
    want.push(`--platform ${sel.platform}`);
    images = images.filter((im) => im.platform !== null && im.platform.os === os && im.platform.architecture === arch &&
      (variant === undefined || im.platform.variant === variant));
  }
  if (images.length === 0) {
    throw new UsageError(`${input.label}: no image matches ${want.join(' ')}; available: ${describeImages(input.images)}`);
  }
  return images;
}

/** One line per image: `  0  linux/amd64  ref1, ref2`. */
export function describeImages(images: Image[]): string {
  return images.map((im) => {
    const plat = platformString(im.platform) ?? '(no platform)';
    const refs = im.refs.length ? im.refs.join(', ') : '(no references)';
    return `${im.id} (${plat}; ${refs})`;
  }).join(', ');
}
