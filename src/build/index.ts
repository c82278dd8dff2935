// Entry to build/: run a command twice under varied conditions and explain the difference.
export { buildTwice, type BuildDetails, type BuildProgress, type BuildTwiceOptions, type BuildTwiceResult, type CauseEffect } from './run-twice.js';
export { artifactComparator, type ArtifactCompareOptions, type Compare, type CompareResult } from './compare-artifacts.js';
export { buildReport } from './build-report.js';
export { BuildAborted, BuildError, type FailedBuild } from './build-error.js';
export { ddmin, findCauses, memoize, split, BudgetExhausted, type Oracle, type CauseSearch } from './ddmin.js';
export { removeLiveTempRootsSync } from './temp-root.js';
export { removeTreeSync } from './remove-tree.js';
export { VARIATIONS, VARIATION_IDS, isVariationId, type VariationId, type HostFacts } from './variations/index.js';
