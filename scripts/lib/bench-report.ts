/**
 * Formats bench results: the console/Markdown table, the machine description, and results.md.
 * Pure functions of the results, so they can be tested without running anything.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import type { Coverage } from './bench-tools.js';
import { median } from './measure.js';

export interface ToolRun {
  wallMs: number;
  peakRssKb: number;
  rssSource: string;
  exitCode: number;
}

export interface ToolResult {
  /** Null when the tool ran; otherwise why it did not or how it failed. */
  error: string | null;
  runs: ToolRun[];
  coverage: Coverage | null;
}

export interface InputResult {
  name: string;
  files: number;
  description: string;
  carve: ToolResult;
  depcruise: ToolResult;
  /** Carve's own stage timings (ms), from `analyze --timings <file>`. */
  carveTimings: Record<string, number> | null;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  commit: string;
  date: string;
}

export interface BenchMeta {
  machine: Machine;
  runs: number;
  warmup: boolean;
  command: string;
  carveVersion: string;
  carveFlags: string[];
  depcruiseVersion: string;
  depcruiseFlags: string[];
  /** os.loadavg() (1, 5, 15 min) when the bench started and ended: other work slows both tools. */
  loadAverage: { start: number[]; end: number[] };
  notes: string[];
}

export function describeMachine(repoRoot: string, now: Date): Machine {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    if (dirty) commit += ' (with uncommitted changes)';
  } catch {
    // not a git checkout: keep 'unknown'
  }
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    commit,
    date: now.toISOString(),
  };
}

export interface Summary {
  wallMs: number;
  peakRssKb: number;
}

/** Median wall time and the highest peak RSS over the successful runs; null when there are none. */
export function summarise(result: ToolResult): Summary | null {
  const ok = result.runs.filter((r) => r.exitCode === 0);
  if (result.error !== null || ok.length === 0) return null;
  return { wallMs: median(ok.map((r) => r.wallMs)), peakRssKb: Math.max(...ok.map((r) => r.peakRssKb)) };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mib = (kb: number): string => (kb > 0 ? `${Math.round(kb / 1024)} MiB` : 'n/a');
const ratio = (a: number, b: number): string => (a > 0 && b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');

export const TABLE_HEADER = [
  'input', 'files', 'carve median wall', 'carve files/s', 'carve peak RSS',
  'depcruise median wall', 'depcruise peak RSS', 'ratio wall', 'ratio RSS',
];

export function tableRows(results: readonly InputResult[]): string[][] {
  return results.map((r) => {
    const carve = summarise(r.carve);
    const dc = summarise(r.depcruise);
    return [
      r.name,
      String(r.files),
      carve ? seconds(carve.wallMs) : 'failed',
      carve ? String(Math.round(r.files / (carve.wallMs / 1000))) : 'n/a',
      carve ? mib(carve.peakRssKb) : 'n/a',
      dc ? seconds(dc.wallMs) : 'failed',
      dc ? mib(dc.peakRssKb) : 'n/a',
      carve && dc ? ratio(carve.wallMs, dc.wallMs) : 'n/a',
      carve && dc ? ratio(carve.peakRssKb, dc.peakRssKb) : 'n/a',
    ];
  });
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

function coverageTable(results: readonly InputResult[]): string {
  const cell = (c: Coverage | null, key: keyof Coverage): string => (c && c[key] !== undefined ? String(c[key]) : 'n/a');
  const rows = results.map((r) => [
    r.name, String(r.files),
    cell(r.carve.coverage, 'modules'), cell(r.carve.coverage, 'dependencies'),
    cell(r.carve.coverage, 'entities'), cell(r.carve.coverage, 'contexts'),
    cell(r.depcruise.coverage, 'modules'), cell(r.depcruise.coverage, 'dependencies'),
  ]);
  const header = ['input', '.ts files', 'carve modules', 'carve dependencies', 'carve entities', 'carve contexts', 'depcruise modules', 'depcruise dependencies'];
  return markdownTable(header, rows);
}

function timingsSection(results: readonly InputResult[]): string {
  const withTimings = results.filter((r) => r.carveTimings !== null);
  if (withTimings.length === 0) return 'Carve wrote no stage timings (`analyze --timings <file>`), so no per-stage (data pass) figures.';
  const keys = [...new Set(withTimings.flatMap((r) => Object.keys(r.carveTimings ?? {})))].sort();
  const rows = withTimings.map((r) => [r.name, ...keys.map((k) => {
    const value = r.carveTimings?.[k];
    return typeof value === 'number' ? `${Math.round(value)} ms` : '';
  })]);
  return `From one extra \`carve analyze --timings <file>\` run per input (not part of the medians above; \`dataAccess\` is the data pass, part of \`extract\`):\n\n${markdownTable(['input', ...keys], rows)}`;
}

function rawRuns(results: readonly InputResult[]): string {
  const rows: string[][] = [];
  for (const r of results) {
    for (const [tool, result] of [['carve', r.carve], ['depcruise', r.depcruise]] as const) {
      if (result.error !== null) rows.push([r.name, tool, '-', '-', '-', '-', result.error]);
      result.runs.forEach((run, i) => {
        rows.push([r.name, tool, String(i + 1), String(Math.round(run.wallMs)), mib(run.peakRssKb), run.rssSource, String(run.exitCode)]);
      });
    }
  }
  return markdownTable(['input', 'tool', 'run', 'wall ms', 'peak RSS', 'RSS from', 'exit / error'], rows);
}

const formatLoad = (load: readonly number[]): string => load.map((x) => x.toFixed(2)).join(' / ');

export function renderResultsMarkdown(meta: BenchMeta, results: readonly InputResult[]): string {
  const m = meta.machine;
  const inputs = results.map((r) => `- \`${r.name}\`: ${r.description}`).join('\n');
  return [
    '# Carve bench',
    '',
    `- date: ${m.date}`,
    `- commit: ${m.commit}`,
    `- machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB memory`,
    `- Node ${m.node}; carve ${meta.carveVersion || 'n/a'} (\`${meta.carveFlags.join(' ')}\`); dependency-cruiser ${meta.depcruiseVersion || 'n/a'} (\`${meta.depcruiseFlags.join(' ')}\`)`,
    `- load average (1/5/15 min) at start ${formatLoad(meta.loadAverage.start)}, at end ${formatLoad(meta.loadAverage.end)} (${m.cores} cores)`,
    `- ${meta.warmup ? 'one warm-up run each, then ' : ''}${meta.runs} timed run${meta.runs === 1 ? '' : 's'} per tool and input, the tools alternating (the order flips every round); command: \`${meta.command}\``,
    '',
    markdownTable(TABLE_HEADER, tableRows(results)),
    '',
    'Wall: median over the timed runs, child process start to exit. Peak RSS: the highest over the timed runs of the',
    "child process tree's peak resident memory (GNU time's maxrss, or the sum of VmRSS over the tree polled every",
    '100 ms, whichever is larger). Ratios are carve / depcruise: below 1 means Carve is faster or smaller. The two do',
    "different work: dependency-cruiser lists imports; Carve's analyze also counts symbol uses and, as far as the",
    'build under test has them, reads data access, clusters contexts and writes reports (the coverage table below',
    'shows the entities and contexts this build found).',
    '',
    '## Inputs',
    '',
    inputs,
    '',
    '## Coverage (did both tools read the same files?)',
    '',
    coverageTable(results),
    '',
    'Dependency counts differ a little by design: Carve adds, for an import through a barrel, an edge to the file that',
    'defines the symbol; dependency-cruiser keeps only the edge to the barrel.',
    '',
    '## Carve stage timings',
    '',
    timingsSection(results),
    '',
    '## Raw runs',
    '',
    rawRuns(results),
    ...(meta.notes.length > 0 ? ['', '## Notes', '', ...meta.notes.map((n) => `- ${n}`)] : []),
    '',
  ].join('\n');
}
