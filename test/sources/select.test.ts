import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { DEFAULT_LIMITS } from '../../src/model/limits.js';
import type { OpenedInput } from '../../src/model/types.js';
import { openInput, selectImages } from '../../src/sources/index.js';
import { sampleLayer, tempDir, writeOciLayoutDir } from '../helpers/images.js';
import { sharedFixtures, SKIP_SHARED } from '../helpers/paths.js';

describe('selectImages', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  let input: OpenedInput;
  before(async () => {
    tmp = await tempDir();
    const path = await writeOciLayoutDir(tmp.dir, 'multi', [
      { ref: 'app:amd', platform: { os: 'linux', architecture: 'amd64' }, layers: [sampleLayer('a')] },
      { ref: 'app:v7', platform: { os: 'linux', architecture: 'arm', variant: 'v7' }, layers: [sampleLayer('b')] },
      { ref: 'app:v6', platform: { os: 'linux', architecture: 'arm', variant: 'v6' }, layers: [sampleLayer('c')] },
    ]);
    input = await openInput(path, { limits: DEFAULT_LIMITS, label: 'multi' });
  });
  after(() => tmp.cleanup());

  const ids = (sel: Parameters<typeof selectImages>[1]) => selectImages(input, sel).map((im) => im.id);

  it('no selector → every image', () => assert.deepEqual(ids({}), ['0', '1', '2']));
  it('--image by index', () => assert.deepEqual(ids({ image: '1' }), ['1']));
  it('--image by reference', () => assert.deepEqual(ids({ image: 'app:v6' }), ['2']));
  it('--platform os/arch matches every variant', () => assert.deepEqual(ids({ platform: 'linux/arm' }), ['1', '2']));
  it('--platform os/arch/variant', () => assert.deepEqual(ids({ platform: 'linux/arm/v7' }), ['1']));
  it('--image and --platform together', () => assert.deepEqual(ids({ image: 'app:v7', platform: 'linux/arm' }), ['1']));

  it('nothing matches → UsageError listing what is available', () => {
    assert.throws(() => selectImages(input, { image: 'nope', platform: 'linux/s390x' }), (err: unknown) => {
      assert.ok(err instanceof UsageError);
      // One line, as every error is.
      assert.equal(err.message,
        'multi: no image matches --image nope --platform linux/s390x; available: ' +
        '0 (linux/amd64; app:amd), 1 (linux/arm/v7; app:v7), 2 (linux/arm/v6; app:v6)');
      return true;
    });
  });
  it('an index out of range is a UsageError', () => assert.throws(() => selectImages(input, { image: '3' }), UsageError));
  it('a malformed --platform is a UsageError', () => {
    assert.throws(() => selectImages(input, { platform: 'linux' }), /expected os\/arch or os\/arch\/variant/);
    assert.throws(() => selectImages(input, { platform: 'linux//v7' }), UsageError);
  });
});

describe('selectImages on regclient testrepo', { skip: SKIP_SHARED }, () => {
  it('a ref on an index selects its platforms; --platform narrows', async () => {
    const input = await openInput(join(sharedFixtures!, 'regclient/testdata/testrepo'), { limits: DEFAULT_LIMITS, label: 'testrepo' });
    const v2 = selectImages(input, { image: 'v2' });
    assert.deepEqual(v2.map((im) => im.platform?.architecture), ['amd64', 'arm64', 'arm']);
    const one = selectImages(input, { image: 'b1', platform: 'linux/arm/v6' });
    assert.equal(one.length, 1);
    assert.equal(one[0]!.platform?.variant, 'v6');
    assert.throws(() => selectImages(input, { image: 'v2', platform: 'linux/arm/v6' }), /no image matches --image v2 --platform linux\/arm\/v6/);
  });
});
