// Made-up bench results for the bench report tests: tool runs and the run's metadata.
import type { BenchMeta, ToolResult } from '../../scripts/lib/bench-report.js';

/** A tool's runs as [wall ms, peak RSS KiB, exit code]; with `error`, the tool did not run. */
export function toolRuns(runs: [number, number, number][], error: string | null = null): ToolResult {
  return {
    error,
    runs: runs.map(([wallMs, peakRssKb, exitCode]) => ({ wallMs, peakRssKb, exitCode, rssSource: 'time' })),
    coverage: error ? null : { modules: 1000, dependencies: 4000 },
  };
}

export function benchMeta(overrides: Partial<BenchMeta> = {}): BenchMeta {
  return {
    machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 24, node: 'v20.20.2', commit: 'abc1234', date: '2026-01-01T00:00:00.000Z' },
    runs: 3,
    warmup: true,
    command: 'node dist/scripts/bench.js --runs 3',
    carveVersion: '0.1.0',
    carveFlags: ['--quiet', '--no-cache'],
    depcruiseVersion: '17.4.3',
    depcruiseFlags: ['--no-config'],
    loadAverage: { start: [0.5, 0.25, 0.125], end: [1, 2, 3] },
    notes: [],
    ...overrides,
  };
}
