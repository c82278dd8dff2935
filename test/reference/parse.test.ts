// Cases from github.com/distribution/reference reference_test.go (TestReferenceParse) and
// normalize_test.go (TestValidateReferenceName, TestValidateRemoteName,
// TestNormalizedSplitHostname), replayed against our port of the grammar.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkDockerLoadTag,
  parseNormalizedNamed,
  parseReference,
  type ReferenceErrorCode,
} from '../../src/reference/index.js';

const F64 = 'f'.repeat(64);

interface Case {
  input: string;
  err?: ReferenceErrorCode;
  domain?: string;
  path?: string;
  tag?: string;
  digest?: string;
}

// TestReferenceParse. `path` is upstream's `repository` minus the domain.
const PARSE: Case[] = [
  { input: 'test_com', path: 'test_com' },
  { input: 'test.com:tag', path: 'test.com', tag: 'tag' },
  { input: 'test.com:5000', path: 'test.com', tag: '5000' },
  { input: 'test.com/repo:tag', domain: 'test.com', path: 'repo', tag: 'tag' },
  { input: 'test:5000/repo', domain: 'test:5000', path: 'repo' },
  { input: 'test:5000/repo:tag', domain: 'test:5000', path: 'repo', tag: 'tag' },
  { input: `test:5000/repo@sha256:${F64}`, domain: 'test:5000', path: 'repo', digest: `sha256:${F64}` },
  { input: `test:5000/repo:tag@sha256:${F64}`, domain: 'test:5000', path: 'repo', tag: 'tag', digest: `sha256:${F64}` },
  { input: '', err: 'empty' },
  { input: ':justtag', err: 'format' },
  { input: `@sha256:${F64}`, err: 'format' },
  { input: 'repo@sha256:' + 'f'.repeat(34), err: 'digest-length' },
  { input: `validname@invaliddigest:${F64}`, err: 'digest-unsupported' },
  { input: 'Uppercase:tag', err: 'uppercase' },
  // Upstream FIXME: "Uppercase/lowercase:tag" parses, "Uppercase" taken as a domain.
  { input: 'Uppercase/lowercase:tag', domain: 'Uppercase', path: 'lowercase', tag: 'tag' },
  { input: 'test:5000/Uppercase/lowercase:tag', err: 'uppercase' },
  { input: 'lowercase:Uppercase', path: 'lowercase', tag: 'Uppercase' },
  { input: 'aa/asdf$$^/aa', err: 'format' },
  { input: 'sub-dom1.foo.com/bar/baz/quux', domain: 'sub-dom1.foo.com', path: 'bar/baz/quux' },
  { input: 'sub-dom1.foo.com/bar/baz/quux:some-long-tag', domain: 'sub-dom1.foo.com', path: 'bar/baz/quux', tag: 'some-long-tag' },
  { input: 'b.gcr.io/test.example.com/my-app:test.example.com', domain: 'b.gcr.io', path: 'test.example.com/my-app', tag: 'test.example.com' },
  { input: 'xn--n3h.com/myimage:xn--n3h.com', domain: 'xn--n3h.com', path: 'myimage', tag: 'xn--n3h.com' },
  {
    input: `xn--7o8h.com/myimage:xn--7o8h.com@sha512:${'f'.repeat(128)}`,
    domain: 'xn--7o8h.com',
    path: 'myimage',
    tag: 'xn--7o8h.com',
    digest: `sha512:${'f'.repeat(128)}`,
  },
  { input: 'foo_bar.com:8080', path: 'foo_bar.com', tag: '8080' },
  { input: 'foo/foo_bar.com:8080', domain: 'foo', path: 'foo_bar.com', tag: '8080' },
  { input: '192.168.1.1', path: '192.168.1.1' },
  { input: '192.168.1.1:tag', path: '192.168.1.1', tag: 'tag' },
  { input: '192.168.1.1:5000', path: '192.168.1.1', tag: '5000' },
  { input: '192.168.1.1/repo', domain: '192.168.1.1', path: 'repo' },
  { input: '192.168.1.1:5000/repo', domain: '192.168.1.1:5000', path: 'repo' },
  { input: '192.168.1.1:5000/repo:5050', domain: '192.168.1.1:5000', path: 'repo', tag: '5050' },
  { input: '[2001:db8::1]', err: 'format' },
  { input: '[2001:db8::1]:5000', err: 'format' },
  { input: '[2001:db8::1]:tag', err: 'format' },
  { input: '[2001:db8::1]/repo', domain: '[2001:db8::1]', path: 'repo' },
  { input: '[2001:db8:1:2:3:4:5:6]/repo:tag', domain: '[2001:db8:1:2:3:4:5:6]', path: 'repo', tag: 'tag' },
  { input: '[2001:db8::1]:5000/repo', domain: '[2001:db8::1]:5000', path: 'repo' },
  { input: '[2001:db8::1]:5000/repo:tag', domain: '[2001:db8::1]:5000', path: 'repo', tag: 'tag' },
  { input: `[2001:db8::1]:5000/repo@sha256:${F64}`, domain: '[2001:db8::1]:5000', path: 'repo', digest: `sha256:${F64}` },
  { input: '[2001:db8::]:5000/repo', domain: '[2001:db8::]:5000', path: 'repo' },
  { input: '[::1]:5000/repo', domain: '[::1]:5000', path: 'repo' },
  { input: '[fe80::1%eth0]:5000/repo', err: 'format' },
  { input: '[fe80::1%@invalidzone]:5000/repo', err: 'format' },
  // The 255-character limit applies to the path without the domain (RepositoryNameTotalLengthMax;
  // upstream accepts example.com/ + 255 × a and rejects 256). The tag does not count.
  { input: `example.com/${'a'.repeat(255)}`, domain: 'example.com', path: 'a'.repeat(255) },
  { input: `example.com/${'a'.repeat(256)}`, err: 'too-long' },
  { input: `${'a/'.repeat(127)}a:tag-puts-this-over-max`, domain: 'a', path: `${'a/'.repeat(126)}a`, tag: 'tag-puts-this-over-max' },
  // Tags: a leading `.` or `-` is illegal, 128 characters is the maximum.
  { input: 'repo:.tag', err: 'format' },
  { input: `repo:${'t'.repeat(128)}`, path: 'repo', tag: 't'.repeat(128) },
  { input: `repo:${'t'.repeat(129)}`, err: 'format' },
  // Digests: sha256 must be 64 lowercase hex characters.
  { input: `repo@sha256:${'F'.repeat(64)}`, err: 'digest-format' },
];

describe('parseReference (distribution/reference Parse)', () => {
  for (const c of PARSE) {
    it(c.input.length > 60 ? c.input.slice(0, 57) + '…' : c.input || '(empty)', () => {
      const r = parseReference(c.input);
      if (c.err) {
        assert.equal(r.ok, false, `expected ${c.err}`);
        if (!r.ok) assert.equal(r.code, c.err, r.reason);
        return;
      }
      assert.ok(r.ok, r.ok ? '' : r.reason);
      if (!r.ok) return;
      assert.equal(r.domain, c.domain);
      assert.equal(r.path, c.path);
      assert.equal(r.tag, c.tag);
      assert.equal(r.digest, c.digest);
    });
  }

  it('keeps the upstream messages', () => {
    const r = parseReference('Uppercase:tag');
    assert.deepEqual(r, { ok: false, code: 'uppercase', reason: 'repository name must be lowercase' });
  });

  it('refuses absurdly long input before matching', () => {
    const r = parseReference('a'.repeat(100_000) + '!');
    assert.equal(r.ok, false);
  });
});

describe('parseNormalizedNamed (docker familiar names)', () => {
  const valid = [
    'docker/docker', 'library/debian', 'debian', 'docker.io/docker/docker', 'docker.io/library/debian',
    'docker.io/debian', 'index.docker.io/docker/docker', 'index.docker.io/library/debian', 'index.docker.io/debian',
    '127.0.0.1:5000/docker/docker', '127.0.0.1:5000/library/debian', '127.0.0.1:5000/debian', '192.168.0.1',
    '192.168.0.1:80', '192.168.0.1:8/debian', '192.168.0.2:25000/debian',
    'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev', '[fc00::1]:5000/docker',
    '[fc00::1]:5000/docker/docker', '[fc00:1:2:3:4:5:6:7]:5000/library/debian',
    'docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a', 'Docker/docker', 'DOCKER/docker',
    'docker-rules/docker', 'docker---rules/docker', 'doc/docker', 'd/docker', 'jess/t', 'dock__er/docker',
  ];
  const invalid = [
    'https://github.com/docker/docker', 'docker/Docker', '-docker', '-docker/docker', '-docker.io/docker/docker',
    'docker///docker', 'docker.io/docker/Docker', 'docker.io/docker///docker', '[fc00::1]', '[fc00::1]:5000',
    'fc00::1:5000/debian', '[fe80::1%eth0]:5000/debian', '[2001:db8:3:4::192.0.2.33]:5000/debian',
    '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a', 'docker-/docker', '-docker-/docker',
    '____/____', '_docker/_docker', 'dock..er/docker', 'dock_.er/docker', 'dock-.er/docker', 'docker/',
    'this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255/docker',
  ];
  for (const s of valid)
    it(`accepts ${s.slice(0, 60)}`, () => {
      const r = parseNormalizedNamed(s);
      assert.ok(r.ok, r.ok ? '' : r.reason);
    });
  for (const s of invalid)
    it(`rejects ${s.slice(0, 60)}`, () => {
      assert.equal(parseNormalizedNamed(s).ok, false);
    });

  const split: [string, string, string][] = [
    ['test.com/foo', 'test.com', 'foo'],
    ['test_com/foo', 'docker.io', 'test_com/foo'],
    ['docker/migrator', 'docker.io', 'docker/migrator'],
    ['test.com:8080/foo', 'test.com:8080', 'foo'],
    ['test-com:8080/foo', 'test-com:8080', 'foo'],
    ['foo', 'docker.io', 'library/foo'],
    ['xn--n3h.com/foo', 'xn--n3h.com', 'foo'],
    ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080', 'foo'],
    ['docker.io/foo', 'docker.io', 'library/foo'],
    ['docker.io/library/foo', 'docker.io', 'library/foo'],
    ['docker.io/library/foo/bar', 'docker.io', 'library/foo/bar'],
    ['localhost/foo', 'localhost', 'foo'],
  ];
  for (const [s, domain, path] of split)
    it(`splits ${s} into ${domain} + ${path}`, () => {
      const r = parseNormalizedNamed(s);
      assert.ok(r.ok);
      if (r.ok) assert.deepEqual([r.domain, r.path], [domain, path]);
    });

  it('names a 64-hex id as such', () => {
    const r = parseNormalizedNamed('a'.repeat(64));
    assert.equal(r.ok ? null : r.code, 'hex-id');
  });
});

describe('checkDockerLoadTag (what docker load demands of RepoTags)', () => {
  it('accepts name:tag and name:tag@digest, uppercase tags included', () => {
    for (const s of ['busybox:latest', 'myapp:Latest-RC1', `busybox:latest@sha256:${F64}`, 'example.com:5000/a/b:1.0'])
      assert.ok(checkDockerLoadTag(s).ok, s);
  });
  it('rejects a bare name or a digest-only reference as an invalid tag', () => {
    for (const s of ['busybox', `busybox@sha256:${F64}`]) {
      const r = checkDockerLoadTag(s);
      assert.equal(r.ok ? null : r.code, 'no-tag', s);
    }
  });
  it('rejects an uppercase repository', () => {
    const r = checkDockerLoadTag('MyApp:latest');
    assert.equal(r.ok ? null : r.code, 'uppercase');
  });
});
