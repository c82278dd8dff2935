// The HTML report in a real browser: Debian's chromium driven by playwright-core (which brings
// no browser of its own). A 50,000-entry diff report loads from a file:// URL with no console
// errors and no request but the file itself, and the path filter narrows the entry table.
// test/render/ensure-chromium.sh installs chromium where it can; elsewhere this test skips.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { renderHtml } from '../../src/render/html.js';
import { diffReport } from './reports.js';

const CHROMIUM = process.env.REPCHECK_CHROMIUM ?? '/usr/bin/chromium';
const SKIP = existsSync(CHROMIUM) ? false : `${CHROMIUM} not found: run test/render/ensure-chromium.sh (as root) to install Debian's chromium`;
const ENTRIES = 50_000;
export const SCREENSHOT = join(tmpdir(), 'repcheck-html-browser.png');

test('html report: 50,000 entries load in chromium without errors or requests; filters work', { skip: SKIP, timeout: 180_000 }, async (t) => {
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    t.skip('playwright-core is not installed (npm ci installs the devDependencies)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'repcheck-html-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const file = join(dir, 'report.html');
    const t0 = performance.now();
    const report = diffReport(ENTRIES);
    const total = report.pairs![0]!.entries.length;
    writeFileSync(file, renderHtml(report));
    const renderMs = performance.now() - t0;
    const url = pathToFileURL(file).href;

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));

    const t1 = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="1"]', { timeout: 60_000 });
    const loadMs = performance.now() - t1;
    t.diagnostic(`html: ${(statSync(file).size / 1e6).toFixed(1)} MB rendered in ${renderMs.toFixed(0)} ms; loaded and first page drawn in ${loadMs.toFixed(0)} ms`);

    const rows = () => page.locator('#entries-0 tbody tr').count();
    // The script sets data-matches after each filter (typing is debounced): wait for it.
    // A function, not a string: the page's CSP forbids eval. (No DOM types here: tsconfig lib is ES2022.)
    const matching = (n: number) =>
      page.waitForFunction((want: number) => {
        const doc = (globalThis as unknown as { document: { getElementById(id: string): { getAttribute(a: string): string | null } | null } }).document;
        return doc.getElementById('entries-0')?.getAttribute('data-matches') === String(want);
      }, n);
    const matches = () => page.locator('#entries-0').getAttribute('data-matches');
    assert.equal(await matches(), String(total), 'every entry is in the table');
    assert.equal(await rows(), 200, 'only the first page of rows is drawn');

    // Paths `opt/needle/…` are every 1000th synthetic entry (i % 1000 === 7): 50 of them.
    await page.fill('#entries-0 input.path', 'OPT/needle');
    await matching(50);
    assert.equal(await rows(), 50);
    const paths = await page.locator('#entries-0 tbody td.path').allTextContents();
    assert.ok(paths.every((p) => p.startsWith('opt/needle/')), 'only matching paths are shown');

    // Kind and path filters combine: the 50 needles have entry-content only when i is even: none (i odd).
    await page.selectOption('#entries-0 select.kind', { label: 'entry-link (1)' });
    await matching(0);
    await page.fill('#entries-0 input.path', '');
    await matching(1);
    assert.equal(await rows(), 1);

    // Hostile names are shown escaped, never interpreted.
    await page.selectOption('#entries-0 select.kind', { label: 'entry-mode (1)' });
    await matching(1);
    const hostile = await page.locator('#entries-0 tbody td.path').first().textContent();
    assert.ok(hostile?.includes('evil\\u{202e}gnp.exe</script><b>'), `escaped in the table: ${hostile}`);

    await page.selectOption('#entries-0 select.kind', { value: '' });
    await matching(total);
    // Screenshots for a person to look at: the top, the layer table, the entry table.
    const shot = async (selector: string, suffix: string) => {
      await page.locator(selector).evaluate((e: unknown) => (e as { scrollIntoView(): void }).scrollIntoView());
      await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, suffix + '.png') });
    };
    await shot('header.top', '');
    await shot('#findings', '-findings');
    await shot('#pair-0-layers', '-layers');
    await shot('#pair-0-entries', '-entries');
    t.diagnostic(`screenshots: ${SCREENSHOT} (and -findings, -layers, -entries)`);

    assert.deepEqual(errors, [], 'no console errors or warnings');
    assert.deepEqual(requests, [url], 'no request but the page itself');
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
