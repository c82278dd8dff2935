// Every format of a fixed lint report and a fixed diff report matches its stored expected file
// (test/render/expected/<report>.<format>.<ext>). UPDATE_GOLDEN=1 rewrites them; review the diff.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FORMAT_EXTENSION, FORMATS, render } from '../../src/render/index.js';
import { repoRoot } from '../helpers/paths.js';
import { diffReport, identicalReport, lintReport } from './reports.js';

const dir = join(repoRoot, 'test', 'render', 'expected');
const update = process.env.UPDATE_GOLDEN === '1';
const REPORTS = { lint: lintReport, diff: () => diffReport(), identical: identicalReport };

for (const [name, make] of Object.entries(REPORTS)) {
  for (const format of FORMATS) {
    test(`golden: ${name} report as ${format}`, () => {
      const file = join(dir, `${name}.${format}.${FORMAT_EXTENSION[format]}`);
      const out = render(make(), format, { color: false, verbose: false });
      assert.equal(render(make(), format, { color: false, verbose: false }), out, 'rendering twice gives the same output');
      if (update) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, out);
        return;
      }
      assert.ok(existsSync(file), `missing ${file}: run the tests with UPDATE_GOLDEN=1 and review it`);
      assert.equal(out, readFileSync(file, 'utf8'), `${file} differs (UPDATE_GOLDEN=1 rewrites it)`);
    });
  }
}
