// distribution/reference normalize.go: the "familiar" names docker accepts (`ubuntu`,
// `user/app:tag`) expanded to canonical ones (`docker.io/library/ubuntu`), and what
// `docker load` additionally demands of each RepoTags entry.
import { fail, parseReference, type ReferenceResult } from './parse.js';

const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
/** A bare image id: upstream refuses it as a name to avoid confusing ids with repositories. */
const IDENTIFIER = /^[a-f0-9]{64}$/;

/** splitDockerDomain: which part of a familiar name is a registry host. */
function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/');
  if (slash < 0) return { domain: DEFAULT_DOMAIN, remainder: OFFICIAL_REPO_PREFIX + name };
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remainder: string;
  if (maybeDomain === 'localhost') [domain, remainder] = [maybeDomain, maybeRemote];
  else if (maybeDomain === LEGACY_DEFAULT_DOMAIN) [domain, remainder] = [DEFAULT_DOMAIN, maybeRemote];
  else if (/[.:]/.test(maybeDomain)) [domain, remainder] = [maybeDomain, maybeRemote];
  // Uppercase namespaces are not allowed, so an uppercase first element must be a host.
  else if (maybeDomain.toLowerCase() !== maybeDomain) [domain, remainder] = [maybeDomain, maybeRemote];
  else [domain, remainder] = [DEFAULT_DOMAIN, name];
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return { domain, remainder };
}

/** distribution/reference `ParseNormalizedNamed`: a familiar or canonical name, expanded. */
export function parseNormalizedNamed(s: string): ReferenceResult {
  if (IDENTIFIER.test(s))
    return fail('hex-id', `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  const { domain, remainder } = splitDockerDomain(s);
  const colon = remainder.indexOf(':');
  const remote = colon >= 0 ? remainder.slice(0, colon) : remainder;
  if (remote.toLowerCase() !== remote)
    return fail('uppercase', `invalid reference format: repository name (${remote}) must be lowercase`);
  return parseReference(`${domain}/${remainder}`);
}

/**
 * What `docker load` does with each RepoTags entry of manifest.json (moby image/tarexport):
 * ParseNormalizedNamed, then it must carry a tag (a bare name or name@digest is "invalid tag").
 */
export function checkDockerLoadTag(s: string): ReferenceResult {
  const r = parseNormalizedNamed(s);
  if (r.ok && r.tag === undefined) return fail('no-tag', `invalid tag "${s}"`);
  return r;
}
