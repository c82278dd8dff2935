// The sources folder's entry: open an input (any flavour, any wrapper), pick images from it.
export { openInput, isTarHeader, type OpenOptions } from './open.js';
export { selectImages, describeImages, platformString, type ImageSelector } from './select.js';
export type { Container, MemberKind, MemberStat } from './container.js';
export type {
  BlobCheck, Flavour, Image, JsonDoc, Layer, OpenedInput, Platform,
} from '../model/types.js';
