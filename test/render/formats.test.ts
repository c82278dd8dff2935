// Format-specific safety: hostile names (controls, bidi overrides, `</script>`, U+2028, Markdown
// and workflow-command metacharacters) never break out of their place in any format.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeWorkflowData, escapeWorkflowProperty, escapeXml, jsonForScript, mdCode } from '../../src/render/escape.js';
import { renderGithub } from '../../src/render/github.js';
import { renderHtml } from '../../src/render/html.js';
import { renderJunit } from '../../src/render/junit.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { diffReport, HOSTILE, lintReport } from './reports.js';

/** A small XML well-formedness check: balanced tags, quoted attributes, only known entities. */
function assertWellFormedXml(xml: string): void {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, 'no character XML 1.0 forbids');
  assert.doesNotMatch(xml, /&(?!(amp|lt|gt|quot|apos);)/, 'every & starts an entity');
  const stack: string[] = [];
  const body = xml.slice(xml.indexOf('?>') + 2);
  for (const m of body.matchAll(/<(\/?)([A-Za-z-]+)((?:\s+[A-Za-z.-]+="[^"<]*")*)\s*(\/?)>|</g)) {
    assert.ok(m[2], `a stray '<' at ${m.index}`);
    if (m[1]) assert.equal(stack.pop(), m[2], `closing </${m[2]}> at ${m.index}`);
    else if (!m[4]) stack.push(m[2]!);
  }
  assert.deepEqual(stack, [], 'every element is closed');
}

test('github: one workflow command per finding plus the gate, each on one line, escaped', () => {
  for (const r of [lintReport(), diffReport()]) {
    const lines = renderGithub(r).trimEnd().split('\n');
    assert.equal(lines.length, r.findings.length + 1);
    for (const l of lines) assert.match(l, /^::(error|warning|notice) title=[^:,\r]*::[^\r]*$/);
  }
  const mode = renderGithub(diffReport()).split('\n').find((l) => l.includes('entry-mode'))!;
  // U+2028 passes through safeText (the runner splits commands on CR/LF only).
  assert.ok(mode.includes('app/evil\\u{202e}gnp.exe</script><b>&"\'|`x`%250A:,\u2028\\x0aline2\\x1b[31m'), mode);
  assert.equal(escapeWorkflowProperty('a: b, c%\r\n'), 'a%3A b%2C c%25%0D%0A');
  assert.equal(escapeWorkflowData('a: b, c%\r\n'), 'a: b, c%25%0D%0A');
});

test('junit: well-formed XML; counts match the test cases', () => {
  for (const r of [lintReport(), diffReport()]) {
    const xml = renderJunit(r);
    assertWellFormedXml(xml);
    const cases = xml.match(/<testcase /g)!.length;
    const failures = xml.match(/<failure /g)?.length ?? 0;
    const skipped = xml.match(/<skipped /g)?.length ?? 0;
    assert.ok(xml.includes(`<testsuite name="repcheck ${r.mode} `));
    assert.match(xml, new RegExp(`tests="${cases}" failures="${failures}" errors="0" skipped="${skipped}"`));
  }
  const lint = renderJunit(lintReport());
  assert.match(lint, /name="entry-order: [^"]*">\n\s*<skipped message="suppressed by kind:entry-order \(4\)"/);
  assert.match(lint, /name="shadowed-path: [^"]*">\n\s*<system-out>below --fail-on warning/, 'info is below the gate: not a failure');
  assert.equal(escapeXml('<a b="c">&\'\u0001'), '&lt;a b=&quot;c&quot;&gt;&amp;&apos;\\x01');
});

test('junit: a lint run without an epoch skips the time checks', () => {
  const r = lintReport();
  r.findings = r.findings.filter((f) => f.kind !== 'entry-mtime');
  r.notes.push({ code: 'epoch-unknown', message: 'no SOURCE_DATE_EPOCH: entry-mtime, config-created and history-created were not checked' });
  const xml = renderJunit(r);
  assertWellFormedXml(xml);
  assert.match(xml, /name="entry-mtime: [^"]*">\n\s*<skipped message="not checked: no SOURCE_DATE_EPOCH/);
});

test('markdown: table rows keep their columns; names are inert code spans', () => {
  const md = renderMarkdown(diffReport());
  const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
  assert.equal(rows.length, 1 + new Set(diffReport().findings.map((f) => f.kind)).size);
  for (const row of rows) assert.equal(row.split(/(?<!\\)\|/).length, 7, row);
  assert.ok(!md.includes('\u202e') && !md.includes('\u001b'), 'no raw bidi or escape characters');
  assert.equal(mdCode('a`b'), '``a`b``');
  assert.equal(mdCode('`x`'), '`` `x` ``');
  assert.equal(mdCode('a|b', true), '`a\\|b`');
});

test('html: self-contained, CSP, escaped names, embedded data safe', () => {
  const html = renderHtml(diffReport(10));
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`));
  assert.doesNotMatch(html, /\b(?:src|href)=(?!["']?#)/i, 'no src or href but in-page anchors');
  assert.doesNotMatch(html, /@import|url\(/i, 'no CSS fetches');
  assert.equal(html.match(/<\/script/gi)!.length, html.match(/<script/gi)!.length, 'no </script inside data');
  assert.ok(!html.includes('\u202e') && !html.includes('\u001b'), 'no raw bidi override or ESC');
  assert.ok(!html.includes('<b>&"'), 'the hostile name is not markup');
  const data = /<script type="application\/json" id="repcheck-data">(.*?)<\/script>/s.exec(html)![1]!;
  assert.ok(!data.includes('\u2028'), 'U+2028 escaped in the script data');
  const parsed = JSON.parse(data) as { pairs: { rows: [number, string][] }[] };
  assert.equal(parsed.pairs[0]!.rows.length, diffReport(10).pairs![0]!.entries.length);
  assert.equal(parsed.pairs[0]!.rows[2]![1], 'app/evil\\u{202e}gnp.exe</script><b>&"\'|`x`%0A:,\u2028\\x0aline2\\x1b[31m', 'data holds the escaped name');
  assert.ok(HOSTILE.includes('\u2028'));
  assert.equal(jsonForScript({ a: '</script><!--\u2028\u2029&' }), '{"a":"\\u003c/script\\u003e\\u003c!--\\u2028\\u2029\\u0026"}');
});
