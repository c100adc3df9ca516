// A fully cached run of the built CLI: the same reports as the run that filled the cache, without
// loading the TypeScript compiler (config, layout, facts and result all come from the cache); and one
// changed file brings the compiler back and the change into the reports.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesRoot } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';

let scratch: string;
let project: string;
let env: Record<string, string>;

/**
 * mtimes an hour back: files copied this second are too fresh for the caches to trust. Their change
 * times (which utimes sets to now) must age too: beforeAll then waits out the caches' 2 s window.
 */
function settleAll(dir: string, seconds: number): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) settleAll(path, seconds);
    utimesSync(path, seconds, seconds);
  }
  utimesSync(dir, seconds, seconds);
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'carve-warm-run-'));
  project = join(scratch, 'shop');
  cpSync(join(fixturesRoot, 'shop'), project, { recursive: true });
  settleAll(project, Math.floor(Date.now() / 1000) - 3600);
  await new Promise((resolve) => setTimeout(resolve, 2100));
  // Records, at exit, whether the compiler (the typescript.js ts-morph bundles) was loaded.
  const probe = join(scratch, 'probe.cjs');
  writeFileSync(
    probe,
    `process.on('exit', () => {
  const loaded = Object.keys(require('node:module')._cache).some((path) => /[\\\\/]typescript\\.js$/.test(path));
  require('node:fs').appendFileSync(${JSON.stringify(join(scratch, 'compiler-loaded'))}, loaded + '\\n');
});
`,
  );
  env = { NODE_OPTIONS: `--require ${probe}` };
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const analyze = (out: string) => runCli(['analyze', project, '--out', join(scratch, out), '--quiet', '--cache-dir', join(scratch, 'cache')], { env });
const compilerLoads = (): string[] => readFileSync(join(scratch, 'compiler-loaded'), 'utf8').trim().split('\n');

describe('a fully cached run', () => {
  it('writes the same reports without loading the compiler, and sees a changed file', async () => {
    const cold = await analyze('cold');
    expect(cold.exitCode, cold.stderr).toBe(0);
    const warm = await analyze('warm');
    expect(warm.exitCode, warm.stderr).toBe(0);
    expect(compilerLoads()).toEqual(['true', 'false']);
    for (const report of readdirSync(join(scratch, 'cold'))) {
      expect(readFileSync(join(scratch, 'warm', report), 'utf8'), report).toBe(readFileSync(join(scratch, 'cold', report), 'utf8'));
    }

    const service = join(project, 'src', 'notifications', 'handlers.ts');
    writeFileSync(service, `${readFileSync(service, 'utf8')}export const addedByTheTest = 1;\n`);
    const changed = await analyze('changed');
    expect(changed.exitCode, changed.stderr).toBe(0);
    expect(compilerLoads()).toEqual(['true', 'false', 'true']);
    const loc = (out: string) => (JSON.parse(readFileSync(join(scratch, out, 'analysis.json'), 'utf8')) as { modules: { id: string; loc: number }[] }).modules.find((module) => module.id === 'src/notifications/handlers.ts')?.loc;
    expect(loc('changed')).toBe((loc('warm') ?? 0) + 1);
  });
});
