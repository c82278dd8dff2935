// The image reference grammar of github.com/distribution/reference (regexp.go, reference.go),
// which `docker load`, `docker tag` and containerd all use, plus the digest check of
// github.com/opencontainers/go-digest that Parse applies to the `@digest` part.
//
//   reference        := name [ ":" tag ] [ "@" digest ]
//   name             := [domain '/'] remote-name
//   domain           := host [':' port-number]
//   host             := domain-name | IPv4address | \[ IPv6address \]
//   domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
//   path-component   := alpha-numeric [separator alpha-numeric]*
//   alpha-numeric    := /[a-z0-9]+/
//   separator        := /[_.]|__|[-]+/
//   tag              := /[\w][\w.-]{0,127}/          (uppercase is legal in a tag)
//   digest           := algorithm ":" hex{32,}
//
// Every sub-pattern below is unambiguous (separators and alphanumerics are disjoint classes), so
// the JS backtracking engine matches in linear time like Go's RE2; inputs are still capped.

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
// Go's \w is ASCII-only, as is JS's without the `u` flag.
const tag = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
// IPv6 in brackets; zone ids (rfc6874) and IPv4-mapped forms are deliberately excluded upstream.
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = host + optionalPort;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;

const REFERENCE = new RegExp(`^(${namePat})(?::(${tag}))?(?:@(${digestPat}))?$`);
const ANCHORED_NAME = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const ANCHORED_TAG = new RegExp(`^${tag}$`);

/** distribution/reference RepositoryNameTotalLengthMax: applies to the path, without the domain. */
export const REPOSITORY_NAME_MAX = 255;

/**
 * Not an upstream limit: longer strings cannot be valid (the path is capped at 255, a DNS name at
 * 253, a tag at 128, a sha512 digest is 135) and are refused before any regular expression runs.
 */
export const REFERENCE_INPUT_MAX = 1024;

export type ReferenceErrorCode =
  | 'empty'
  | 'format'
  | 'uppercase'
  | 'too-long'
  | 'digest-format'
  | 'digest-length'
  | 'digest-unsupported'
  | 'hex-id'
  | 'no-tag';

export interface ParsedReference {
  ok: true;
  /** Registry host[:port], when the name has one. */
  domain?: string;
  /** Repository path without the domain. */
  path: string;
  tag?: string;
  digest?: string;
}

export interface ReferenceError {
  ok: false;
  code: ReferenceErrorCode;
  /** The upstream error message. */
  reason: string;
}

export type ReferenceResult = ParsedReference | ReferenceError;

export function fail(code: ReferenceErrorCode, reason: string): ReferenceError {
  return { ok: false, code, reason };
}

/** distribution/reference `Parse`: the grammar only, no docker.io normalisation. */
export function parseReference(s: string): ReferenceResult {
  if (s === '') return fail('empty', 'repository name must have at least one component');
  if (s.length > REFERENCE_INPUT_MAX) return fail('too-long', `reference longer than ${REFERENCE_INPUT_MAX} characters`);
  const m = REFERENCE.exec(s);
  if (!m) {
    // Upstream retries in lower case to tell an uppercase repository from any other error.
    const lower = s.toLowerCase();
    if (lower !== s && REFERENCE.test(lower)) return fail('uppercase', 'repository name must be lowercase');
    return fail('format', 'invalid reference format');
  }
  const name = m[1]!;
  const nm = ANCHORED_NAME.exec(name);
  const domain = nm?.[1];
  const path = nm ? nm[2]! : name;
  if (path.length > REPOSITORY_NAME_MAX)
    return fail('too-long', `repository name must not be more than ${REPOSITORY_NAME_MAX} characters`);
  const out: ParsedReference = { ok: true, path };
  if (domain !== undefined) out.domain = domain;
  if (m[2] !== undefined) out.tag = m[2];
  if (m[3] !== undefined) {
    const bad = validateDigest(m[3]);
    if (bad) return bad;
    out.digest = m[3];
  }
  return out;
}

/** True when `s` is a valid tag (distribution/reference TagRegexp, anchored). */
export function isValidTag(s: string): boolean {
  return ANCHORED_TAG.test(s);
}

/** Hex lengths of the algorithms docker registers (crypto/sha256 and crypto/sha512). */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
/** go-digest DigestRegexp, anchored: the shape of a digest of an unregistered algorithm. */
const GO_DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** go-digest `Digest.Validate`, with the messages of its exported errors. */
export function validateDigest(d: string): ReferenceError | null {
  const i = d.indexOf(':');
  if (i <= 0 || i + 1 === d.length) return fail('digest-format', 'invalid checksum digest format');
  const algorithm = d.slice(0, i);
  const encoded = d.slice(i + 1);
  const size = DIGEST_HEX_LENGTH[algorithm];
  if (size === undefined) {
    if (!GO_DIGEST.test(d)) return fail('digest-format', 'invalid checksum digest format');
    return fail('digest-unsupported', 'unsupported digest algorithm');
  }
  if (encoded.length !== size) return fail('digest-length', 'invalid checksum digest length');
  if (!/^[a-f0-9]+$/.test(encoded)) return fail('digest-format', 'invalid checksum digest format');
  return null;
}
