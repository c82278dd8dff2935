// Image references: the distribution/reference grammar and docker's normalisation of it.
export {
  parseReference,
  validateDigest,
  isValidTag,
  REPOSITORY_NAME_MAX,
  REFERENCE_INPUT_MAX,
  type ParsedReference,
  type ReferenceError,
  type ReferenceErrorCode,
  type ReferenceResult,
} from './parse.js';
export { parseNormalizedNamed, checkDockerLoadTag } from './normalize.js';
