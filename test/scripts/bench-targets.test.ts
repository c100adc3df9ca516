import { describe, expect, it } from 'vitest';
import { benchMeta, toolRuns } from '../helpers/bench-results.js';
import { REAL_PACKAGES, npmFailure, packageName } from '../../scripts/lib/bench-inputs.js';
import {
  renderResultsMarkdown,
  targetRows,
  targetTableRows,
  type BenchExtras,
  type InputResult,
} from '../../scripts/lib/bench-report.js';
import { parseCacheLine } from '../../scripts/lib/bench-tools.js';

const tool = toolRuns;
const meta = benchMeta({ runs: 5, runsLarge: 3, command: 'node dist/scripts/bench.js --runs-large 3' });

const oneK: InputResult = {
  name: 'generated-1k', files: 1000, description: 'x',
  carve: tool([[2000, 200 * 1024, 0], [1800, 210 * 1024, 0], [2200, 190 * 1024, 0]]),
  depcruise: tool([[4000, 150 * 1024, 0]]),
  carveTimings: { dataAccess: 600, extract: 1500, total: 2000 },
  carveWarm: tool([[900, 100 * 1024, 0]]),
  carveWarmTimings: { extract: 90, total: 200 },
  warmCache: { hits: 1000, misses: 0, resultFromCache: true },
};

const extras: BenchExtras = {
  check: { input: 'generated-5k', files: 5000, editedFile: 'src/a.ts', result: tool([[800, 1, 1], [900, 1, 1], [1200, 1, 0]]), base: tool([[1000, 1, 1], [1100, 1, 1], [1300, 1, 0]]) },
  startup: tool([[140, 40 * 1024, 0], [160, 40 * 1024, 0], [120, 40 * 1024, 0]]),
  skipped: [{ name: 'effect', reason: 'npm install effect@3.19.0 failed: offline' }],
  inputOrder: ['generated-1k', 'generated-5k', 'effect'],
};

describe('bench targets', () => {
  it('judges every target: cold wall and RSS, warm wall against cold depcruise, data share, warm check, start-up, skipped', () => {
    const rows = targetRows([oneK], extras);
    expect(rows.map((r) => [r.input, r.measure, r.result])).toEqual([
      ['generated-1k', 'cold analyze wall', 'pass'],
      ['generated-1k', 'cold analyze peak RSS', 'FAIL'],
      ['generated-1k', 'warm analyze wall (vs cold depcruise)', 'pass'],
      ['generated-1k', 'data pass share of cold analyze', 'FAIL'],
      ['generated-5k', 'warm check wall, 1 file changed', 'pass'],
      ['generated-5k', 'check --base HEAD~1 wall, 1 file changed (vs warm check)', 'pass'],
      ['effect', 'all', 'skipped'],
      ['-', '`carve --version` wall', 'pass'],
    ]);
    expect(rows[0]?.ratio).toBeCloseTo(0.5);
    expect(rows[1]?.ratio).toBeCloseTo(210 / 150);
    expect(rows[2]?.ratio).toBeCloseTo(0.225);
    expect(rows[3]?.ratio).toBeCloseTo(0.3);
    expect(rows[4]?.carve).toBe(900);
    expect(targetTableRows(rows)).toEqual([
      ['generated-1k', 'cold analyze wall', '2.00 s', '4.00 s', '0.50x', '<= 1.00x', 'pass'],
      ['generated-1k', 'cold analyze peak RSS', '210 MiB', '150 MiB', '1.40x', '<= 1.00x', '**FAIL**'],
      ['generated-1k', 'warm analyze wall (vs cold depcruise)', '900 ms', '4.00 s', '0.23x', '<= 0.25x', 'pass'],
      ['generated-1k', 'data pass share of cold analyze', '600 ms', '-', '30.0%', '<= 25% of total', '**FAIL**'],
      ['generated-5k', 'warm check wall, 1 file changed', '900 ms', '-', '-', '<= 1.00 s', 'pass'],
      ['generated-5k', 'check --base HEAD~1 wall, 1 file changed (vs warm check)', '1.10 s', '900 ms', '1.22x', '<= 1.30x', 'pass'],
      ['effect', 'all', '-', '-', '-', '-', 'skipped'],
      ['-', '`carve --version` wall', '140 ms', '-', '-', '< 150 ms', 'pass'],
    ]);
  });

  it('says not measured, never pass, when a tool failed; start-up must be strictly under 150 ms', () => {
    const broken: InputResult = { ...oneK, carveWarm: tool([], 'exit 2: boom'), depcruise: tool([], 'not installed'), carveTimings: null };
    const rows = targetRows([broken], { check: null, startup: tool([[150, 1, 0]]), skipped: [] });
    expect(rows.map((r) => r.result)).toEqual(['not measured', 'not measured', 'not measured', 'not measured', 'FAIL']);
    expect(rows[2]?.why).toBe('carve warm: exit 2: boom');
    const quarter = targetRows([{ ...oneK, carveTimings: { dataAccess: 500, total: 2000 } }], { check: null, startup: null, skipped: [] });
    expect(quarter[3]?.result).toBe('pass');
  });

  it('puts the Targets table first, then cold, warm, check, start-up, inputs with the skipped one, and raw runs', () => {
    const md = renderResultsMarkdown(meta, [oneK], extras);
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Targets', '## Cold analyze (no cache) against dependency-cruiser', '## Warm analyze (cache filled, nothing changed)',
      '## Warm check after one changed file', '## Start-up', '## Inputs', '## Coverage (did both tools read the same files?)',
      '## Carve stage timings', '## Raw runs',
    ]);
    expect(md).toContain('5 timed runs (3 timed runs on generated-20k) per measure and input');
    expect(md).toContain('without its own cache');
    expect(md).toContain('1000 files from cache, 0 read; result from cache');
    expect(md).toContain('- `generated-1k`: x\n- `effect`: skipped: npm install effect@3.19.0 failed: offline');
    expect(md).toMatch(/\| generated-1k \(warm\) +\| +\| 90 ms +\| 200 ms +\|/);
    expect(md).toMatch(/\| generated-1k +\| 600 ms +\| 1500 ms +\| 2000 ms +\|/);
    expect(md).toMatch(/\| generated-5k \| carve check +\| 3 +\| 1200 /);
    expect(md).toMatch(/\| - +\| carve --version +\| 1 +\| 140 /);
    expect(md).toMatch(/\| generated-5k \| 5000 +\| `check` +\| `src\/a\.ts` +\| 0\.90 s +\| 0\.80 s \/ 1\.20 s \| 0 MiB +\| 0, 1 +\|/);
    expect(md).toMatch(/\| generated-5k \| 5000 +\| `check --base HEAD~1` +\| `src\/a\.ts` +\| 1\.10 s +\| 1\.00 s \/ 1\.30 s \| 0 MiB +\| 0, 1 +\|/);
    expect(md).toMatch(/\| generated-5k \| carve check --base +\| 3 +\| 1300 /);
    // Same input, same bytes.
    expect(renderResultsMarkdown(meta, [oneK], extras)).toBe(md);
  });

  it('reads the cache line of the summary and the pinned packages', () => {
    expect(parseCacheLine('  time          1.20 s (5,000 files from cache, 0 read; contexts and plan unchanged, from cache)\n')).toEqual({
      hits: 5000, misses: 0, resultFromCache: true,
    });
    expect(parseCacheLine('  time          6.00 s (4,999 files from cache, 1 read)')).toEqual({ hits: 4999, misses: 1, resultFromCache: false });
    expect(parseCacheLine('  time          6.00 s')).toBeNull();
    expect(REAL_PACKAGES.map((p) => p.spec)).toEqual(['rxjs@7.8.2', 'effect@3.19.0']);
    expect(packageName('effect@3.19.0')).toBe('effect');
    expect(packageName('@scope/pkg@1.2.3')).toBe('@scope/pkg');
    const offline = [
      'npm warn Unknown user config "nodedir".',
      'npm error code ECONNREFUSED',
      'npm error syscall connect',
      'npm error errno ECONNREFUSED',
      'npm error FetchError: request to http://127.0.0.1:9/effect failed, reason: connect ECONNREFUSED 127.0.0.1:9',
      'npm error     at ClientRequest.<anonymous> (/usr/lib/node_modules/npm/node_modules/minipass-fetch/lib/index.js:130:14)',
      'npm error A complete log of this run can be found in: /tmp/x.log',
    ].join('\n');
    expect(npmFailure(offline)).toBe('ECONNREFUSED: FetchError: request to http://127.0.0.1:9/effect failed, reason: connect ECONNREFUSED 127.0.0.1:9');
    expect(npmFailure('', 'spawnSync npm ETIMEDOUT')).toBe('spawnSync npm ETIMEDOUT');
  });
});
