// The reusable action (action.yml) and the documented example workflow parse, reference only
// inputs and outputs that exist, point `uses: ./` at this action, and the action's script
// passes its inputs to repcheck as intended (run here against a stand-in `npx`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/paths.js';

type Obj = Record<string, unknown>;
type Step = { id?: string; uses?: string; run?: string; shell?: string; with?: Obj; env?: Obj; if?: string };

const load = (rel: string) => parse(readFileSync(join(repoRoot, rel), 'utf8')) as Obj;
const action = load('action.yml') as { inputs: Record<string, { required?: boolean; default?: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] } };
const workflowFile = '.github/workflows/reproducibility-example.yml';
const workflow = load(workflowFile) as { on: Obj; jobs: Record<string, { needs?: string[] | string; steps: Step[] }> };

/** Every `${{ … }}` expression in a YAML document's text, with the `name.x` references it makes. */
function refs(rel: string, scope: 'inputs' | 'steps'): string[][] {
  const text = readFileSync(join(repoRoot, rel), 'utf8');
  const out: string[][] = [];
  for (const m of text.matchAll(/\$\{\{([^}]*)\}\}/g)) {
    const re = scope === 'inputs' ? /\binputs\.([A-Za-z0-9_-]+)/g : /\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g;
    for (const r of m[1]!.matchAll(re)) out.push(r.slice(1));
  }
  // `if:` conditions are expressions without ${{ }}.
  for (const m of text.matchAll(/^\s*if: (.*)$/gm))
    for (const r of m[1]!.matchAll(scope === 'inputs' ? /\binputs\.([A-Za-z0-9_-]+)/g : /\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) out.push(r.slice(1));
  return out;
}

function bashSyntax(script: string, what: string): void {
  const r = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
  assert.equal(r.status, 0, `${what}: bash -n: ${r.stderr}`);
}

test('action.yml: a composite action whose expressions name declared inputs and steps', () => {
  assert.equal(action.runs.using, 'composite');
  assert.deepEqual(Object.keys(action.inputs).sort(), ['a', 'args', 'b', 'format', 'version']);
  assert.equal(action.inputs.a!.required, true);
  assert.equal(action.inputs.b!.required, true);
  for (const [name] of refs('action.yml', 'inputs')) assert.ok(name! in action.inputs, `inputs.${name} is not declared`);
  const ids = new Set(action.runs.steps.map((s) => s.id).filter(Boolean));
  for (const [id] of refs('action.yml', 'steps')) assert.ok(ids.has(id!), `steps.${id} does not exist`);
  for (const s of action.runs.steps) {
    if (s.run === undefined) continue;
    assert.equal(s.shell, 'bash', 'composite run steps must name their shell');
    assert.doesNotMatch(s.run, /\$\{\{/, 'inputs reach the script through env, never spliced into it');
    bashSyntax(s.run, 'action.yml');
  }
});

test('example workflow: jobs, inputs, artifacts and the local action fit together', () => {
  assert.deepEqual(Object.keys(workflow.on), ['workflow_dispatch'], 'the example runs only when started by hand');
  const dispatch = (workflow.on.workflow_dispatch as { inputs: Obj }).inputs;
  for (const [name] of refs(workflowFile, 'inputs')) assert.ok(name! in dispatch, `inputs.${name} is not a workflow_dispatch input`);
  const uploaded = new Map<string, string>();
  for (const [job, j] of Object.entries(workflow.jobs))
    for (const s of j.steps) if (s.uses?.startsWith('actions/upload-artifact@')) uploaded.set(String(s.with!.name), job);
  let localUses = 0;
  for (const [job, j] of Object.entries(workflow.jobs)) {
    const needs = [j.needs ?? []].flat();
    for (const n of needs) assert.ok(n in workflow.jobs, `${job} needs unknown job ${n}`);
    const ids = new Set<string>();
    for (const s of j.steps) {
      if (s.run !== undefined) bashSyntax(s.run.replace(/\$\{\{[^}]*\}\}/g, 'X'), `${job} step`);
      if (s.uses?.startsWith('actions/download-artifact@')) {
        const from = uploaded.get(String(s.with!.name));
        assert.ok(from && needs.includes(from), `${job} downloads '${String(s.with!.name)}', which no job it needs uploads`);
      }
      if (s.uses?.startsWith('./')) {
        localUses++;
        assert.ok(existsSync(join(repoRoot, s.uses, 'action.yml')), `${s.uses} has no action.yml`);
        assert.equal(join(repoRoot, s.uses, 'action.yml'), join(repoRoot, 'action.yml'), 'the local action is the one at the repository root');
        assert.ok(j.steps.indexOf(s) > j.steps.findIndex((x) => x.uses?.startsWith('actions/checkout@')), 'checkout comes before uses: ./');
        for (const k of Object.keys(s.with ?? {})) assert.ok(k in action.inputs, `with.${k} is not an input of action.yml`);
        for (const [k, v] of Object.entries(action.inputs)) if (v.required) assert.ok(s.with && k in s.with, `required input ${k} missing`);
      }
      if (s.id) ids.add(s.id);
    }
    const text = JSON.stringify(j);
    for (const m of text.matchAll(/steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
      assert.ok(ids.has(m[1]!), `${job}: steps.${m[1]} does not exist`);
      const step = j.steps.find((s) => s.id === m[1])!;
      if (step.uses === './') assert.ok(m[2]! in action.outputs, `${job}: action.yml has no output ${m[2]}`);
    }
  }
  assert.equal(localUses, 1);
  assert.deepEqual([...uploaded.keys()].sort(), ['image-build-1', 'image-build-2', 'repcheck-report']);
});

test('action.yml: the script runs repcheck with the inputs and publishes summary and outputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'repcheck-action-'));
  try {
    // A stand-in npx: records its arguments, writes each --output file, prints a workflow command.
    const bin = join(dir, 'bin');
    spawnSync('mkdir', ['-p', bin]);
    writeFileSync(
      join(bin, 'npx'),
      [
        '#!/usr/bin/env bash',
        'printf "%s\\n" "$@" > "$FAKE_LOG"',
        'while [ $# -gt 0 ]; do',
        '  if [ "$1" = --output ]; then f="${2#*=}"; echo "fake ${2%%=*}" > "$f"; shift; fi',
        '  shift',
        'done',
        'echo "::warning title=repcheck entry-mtime::x"',
        'exit "${FAKE_EXIT:-0}"',
      ].join('\n'),
    );
    chmodSync(join(bin, 'npx'), 0o755);
    const script = action.runs.steps.find((s) => s.id === 'repcheck')!.run!;
    const run = (env: Record<string, string>) => {
      const files = { GITHUB_STEP_SUMMARY: join(dir, 'summary'), GITHUB_OUTPUT: join(dir, 'output'), FAKE_LOG: join(dir, 'args') };
      for (const f of Object.values(files)) writeFileSync(f, '');
      const r = spawnSync('bash', ['-e', '-c', script], {
        encoding: 'utf8',
        env: { PATH: `${bin}:${process.env.PATH}`, RUNNER_TEMP: join(dir, 'tmp'), ...files, REPCHECK_ARGS: '', REPCHECK_FORMAT: 'html', REPCHECK_VERSION: '1.2.3', ...env },
      });
      const read = (f: string) => readFileSync(f, 'utf8');
      return { status: r.status, stdout: r.stdout, args: read(files.FAKE_LOG).trimEnd().split('\n'), summary: read(files.GITHUB_STEP_SUMMARY), output: read(files.GITHUB_OUTPUT) };
    };
    const ok = run({ REPCHECK_A: 'build 1/image.tar', REPCHECK_B: '$(touch pwned)', REPCHECK_ARGS: '--fail-on error  --semantic *' });
    assert.equal(ok.status, 0);
    const out = join(dir, 'tmp', 'repcheck');
    assert.deepEqual(ok.args, [
      '--yes', 'repcheck@1.2.3', 'diff', 'build 1/image.tar', '$(touch pwned)', '--format', 'github',
      '--output', `markdown=${out}/summary.md`, '--output', `json=${out}/repcheck-report.json`, '--output', `html=${out}/repcheck-report.html`,
      '--fail-on', 'error', '--semantic', '*',
    ]);
    assert.ok(!existsSync('pwned') && !existsSync(join(dir, 'pwned')), 'inputs are not evaluated');
    assert.equal(ok.summary, 'fake markdown\n');
    assert.equal(ok.output, `exit-code=0\nreport=${out}/repcheck-report.html\nreport-json=${out}/repcheck-report.json\n`);
    assert.match(ok.stdout, /^::warning title=repcheck entry-mtime::x$/m, 'annotations go to the log');

    const failed = run({ REPCHECK_A: 'a', REPCHECK_B: 'b', REPCHECK_FORMAT: 'json', FAKE_EXIT: '1' });
    assert.equal(failed.status, 1, 'the step fails with repcheck');
    assert.equal(failed.summary, 'fake markdown\n', 'the summary is written even when the gate fails');
    assert.match(failed.output, /^exit-code=1$/m);
    assert.equal(failed.args.filter((a) => a === '--output').length, 2, 'json is not requested twice');

    const bad = run({ REPCHECK_A: 'a', REPCHECK_B: 'b', REPCHECK_FORMAT: 'pdf' });
    assert.equal(bad.status, 2);
    assert.match(bad.stdout, /::error title=repcheck::format must be/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
