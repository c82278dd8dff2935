import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../../../src/lint/rules/invalid-reference.js';
import { ctx, layer, run } from '../build.js';

const refs = (...list: [string, string][]) => ({ refSources: list.map(([ref, where]) => ({ ref, where })) });

describe('invalid-reference', () => {
  it('flags an uppercase repository name in RepoTags, as an error', () => {
    const [f, ...rest] = run(rule, ctx([layer(['a'])], refs(['MyApp:latest', 'manifest.json RepoTags'])));
    assert.equal(rest.length, 0);
    assert.equal(f!.shape, 'uppercase');
    assert.equal(f!.severity, 'error');
    assert.equal(f!.examples[0]!.value, 'MyApp:latest');
  });

  it('flags a RepoTags entry without a tag, which docker load calls an invalid tag', () => {
    const [f] = run(rule, ctx([layer(['a'])], refs(['myapp', 'manifest.json RepoTags'])));
    assert.equal(f!.shape, 'no-tag');
  });

  it('groups several bad references of one kind into one finding', () => {
    const out = run(rule, ctx([layer(['a'])], refs(['team/Bar:1', 'manifest.json RepoTags'], ['team/Bar:2', 'manifest.json RepoTags'])));
    assert.equal(out.length, 1);
    assert.equal(out[0]!.count, 2);
  });

  it('follows docker in reading an uppercase first component as a registry host', () => {
    assert.deepEqual(run(rule, ctx([layer(['a'])], refs(['Registry/app:1', 'manifest.json RepoTags']))), []);
  });

  it('accepts uppercase in the tag, full annotation names, and bare OCI ref names', () => {
    const c = ctx(
      [layer(['a'])],
      refs(
        ['myapp:Latest-RC1', 'manifest.json RepoTags'],
        ['registry.example.com:5000/team/app:v1', 'index.json io.containerd.image.name'],
        ['Latest', 'index.json org.opencontainers.image.ref.name'],
      ),
    );
    assert.deepEqual(run(rule, c), []);
  });
});
