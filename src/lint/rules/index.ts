// The registry: every lint rule, one per file in this folder (a meta-test keeps the two in step).
import type { LintRule } from '../rule.js';
import { rule as configCreated } from './config-created.js';
import { rule as digestMismatch } from './digest-mismatch.js';
import { rule as duplicateEntry } from './duplicate-entry.js';
import { rule as entryMtime } from './entry-mtime.js';
import { rule as entryOrder } from './entry-order.js';
import { rule as entryOwner } from './entry-owner.js';
import { rule as gzipMtime } from './gzip-mtime.js';
import { rule as gzipName } from './gzip-name.js';
import { rule as historyCreated } from './history-created.js';
import { rule as historyMismatch } from './history-mismatch.js';
import { rule as invalidReference } from './invalid-reference.js';
import { rule as shadowedPath } from './shadowed-path.js';

export const RULES: readonly LintRule[] = [
  configCreated,
  digestMismatch,
  duplicateEntry,
  entryMtime,
  entryOrder,
  entryOwner,
  gzipMtime,
  gzipName,
  historyCreated,
  historyMismatch,
  invalidReference,
  shadowedPath,
];
