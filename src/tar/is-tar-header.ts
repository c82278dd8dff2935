// Whether a block looks like the start of a tar: used to classify inputs and archive members.
import { checksumMatches } from './header.js';

/**
 * A tar header block: the checksum (bytes 148–155, octal) equals the sum of the block with that
 * field read as spaces — unsigned, or signed as some old tars computed it. An all-zero block is
 * an empty tar (just the end-of-archive marker).
 */
export function isTarHeader(block: Buffer): boolean {
  if (block.length < 512) return false;
  let zero = true;
  for (let i = 0; i < 512; i++) if (block[i] !== 0) { zero = false; break; }
  if (zero) return true;
  const field = block.subarray(148, 156).toString('latin1').replace(/[\0 ]+$/, '').replace(/^ +/, '');
  if (!/^[0-7]{1,8}$/.test(field)) return false;
  return checksumMatches(block, 0, parseInt(field, 8));
}
