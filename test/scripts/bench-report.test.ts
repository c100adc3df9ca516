import { describe, expect, it } from 'vitest';
import { benchMeta, toolRuns } from '../helpers/bench-results.js';
import {
  renderResultsMarkdown,
  summarise,
  tableRows,
  type InputResult,
} from '../../scripts/lib/bench-report.js';

const tool = toolRuns;
const meta = benchMeta();

describe('bench report', () => {
  it('takes the median wall and the highest peak over successful runs only', () => {
    expect(summarise(tool([[3000, 100, 0], [1000, 300, 0], [2000, 200, 0], [10, 999_999, 1]]))).toEqual({ wallMs: 2000, peakRssKb: 300 });
    expect(summarise(tool([], 'not installed'))).toBeNull();
  });

  it('computes files/s and carve/depcruise ratios, and says failed when a tool did not run', () => {
    const ok: InputResult = {
      name: 'generated-1k', files: 1000, description: 'x',
      carve: tool([[2000, 200 * 1024, 0]]), depcruise: tool([[4000, 400 * 1024, 0]]), carveTimings: null,
    };
    const broken: InputResult = { ...ok, name: 'rxjs', carve: tool([], 'exit 2: carve: error: boom') };
    expect(tableRows([ok, broken])).toEqual([
      ['generated-1k', '1000', '2.00 s', '500', '200 MiB', '4.00 s', '400 MiB', '0.50x', '0.50x'],
      ['rxjs', '1000', 'failed', 'n/a', 'n/a', '4.00 s', '400 MiB', 'n/a', 'n/a'],
    ]);
  });

  it('writes machine, versions, the table, coverage, timings and raw runs into results.md', () => {
    const result: InputResult = {
      name: 'generated-1k', files: 1000, description: 'generate-monolith --files 1000',
      carve: tool([[2000, 200 * 1024, 0]]), depcruise: tool([[4000, 400 * 1024, 0]]),
      carveTimings: { extract: 1200, dataAccess: 300 },
    };
    const md = renderResultsMarkdown({ ...meta, notes: ['rxjs skipped: offline'] }, [result]);
    expect(md).toContain('- machine: Test CPU, 2 cores, 24 GiB memory');
    expect(md).toContain('- commit: abc1234');
    expect(md).toContain('- load average (1/5/15 min) at start 0.50 / 0.25 / 0.13, at end 1.00 / 2.00 / 3.00 (2 cores)');
    expect(md).toContain('| generated-1k | 1000  | 2.00 s');
    expect(md).toMatch(/\| input +\| dataAccess \| extract \|/);
    expect(md).toContain('| 300 ms');
    expect(md).toContain('- rxjs skipped: offline');
    expect(md).toMatch(/\| generated-1k \| 1000 +\| 1000 +\| 4000 +\| n\/a +\| n\/a +\| 1000 +\| 4000 +\|/);
    expect(md.split('\n').filter((l) => l.startsWith('| generated-1k | carve'))).toHaveLength(1);
  });
});
