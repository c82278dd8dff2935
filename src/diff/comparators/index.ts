// The registry: every comparator, in the order diffImages runs them. A meta-test checks this
// array against the files in this folder.
import type { Comparator } from '../types.js';
import { comparator as layerSet } from './layer-set.js';
import { comparator as layerOrder } from './layer-order.js';
import { comparator as layerCompression } from './layer-compression.js';
import { comparator as gzipHeader } from './gzip-header.js';
import { comparator as compressor } from './compressor.js';
import { comparator as entrySet } from './entry-set.js';
import { comparator as entryOrder } from './entry-order.js';
import { comparator as entryType } from './entry-type.js';
import { comparator as entryLink } from './entry-link.js';
import { comparator as entryContent } from './entry-content.js';
import { comparator as entryMode } from './entry-mode.js';
import { comparator as entryOwner } from './entry-owner.js';
import { comparator as entryMtime } from './entry-mtime.js';
import { comparator as entryPax } from './entry-pax.js';
import { comparator as entryXattrs } from './entry-xattrs.js';
import { comparator as tarFormat } from './tar-format.js';
import { comparator as config } from './config.js';
import { comparator as history } from './history.js';
import { comparator as manifest } from './manifest.js';
import { comparator as imageRef } from './image-ref.js';

export const COMPARATORS: readonly Comparator[] = [
  layerSet, layerOrder, layerCompression, gzipHeader, compressor,
  entrySet, entryOrder, entryType, entryLink, entryContent, entryMode, entryOwner, entryMtime,
  entryPax, entryXattrs, tarFormat,
  config, history, manifest, imageRef,
];
