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

/** Carve's facts-cache use as its summary reports it. */
export interface CacheUse {
  hits: number;
  misses: number;
  /** Contexts and plan were read back from the whole-result cache. */
  resultFromCache: boolean;
}

export interface InputResult {
  name: string;
  files: number;
  description: string;
  /** Carve's analyze without a cache (`--no-cache`). */
  carve: ToolResult;
  depcruise: ToolResult;
  /** Carve's own stage timings (ms), from `analyze --timings <file>`. */
  carveTimings: Record<string, number> | null;
  /** Carve's analyze on a cache filled by an untimed run, nothing changed; absent when not measured. */
  carveWarm?: ToolResult;
  /** Stage timings of one untimed warm run. */
  carveWarmTimings?: Record<string, number> | null;
  /** Cache use that untimed warm run reported (null: its summary said nothing about a cache). */
  warmCache?: CacheUse | null;
  /** Timed runs per tool on this input (the 20k input may have its own count). */
  runs?: number;
}

/** `carve check` timed after one changed file, on a filled cache. */
export interface CheckResult {
  input: string;
  files: number;
  /** The file a comment line was appended to before each run (relative to the input). */
  editedFile: string;
  /** Exit 1 (violations found) counts as a successful run. */
  result: ToolResult;
  /**
   * `carve check --base HEAD~1` after a one-file change committed (HEAD~1 is one file away), in the
   * same rounds as `result`; absent when not measured.
   */
  base?: ToolResult;
}

/** An input the bench could not prepare (e.g. npm install offline). */
export interface SkippedInputResult {
  name: string;
  reason: string;
}

/** What the bench measured besides the per-input analyze runs. */
export interface BenchExtras {
  check: CheckResult | null;
  /** `carve --version`, timed. */
  startup: ToolResult | null;
  skipped: SkippedInputResult[];
  /** Input names in the order the bench took them (benched and skipped), for the Targets table. */
  inputOrder?: string[];
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
  /** Timed runs on generated-20k, when it differs from runs. */
  runsLarge?: number;
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

/**
 * Median wall time and the highest peak RSS over the successful runs (exit code in okCodes); null when
 * there are none.
 */
export function summarise(result: ToolResult, okCodes: readonly number[] = [0]): Summary | null {
  const ok = result.runs.filter((r) => okCodes.includes(r.exitCode));
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

/** What a target compares: Carve against dependency-cruiser, or Carve against a fixed limit. */
export interface TargetLimit {
  /** ratio: Carve over dependency-cruiser; absolute: Carve's ms; share: one stage over Carve's whole run. */
  kind: 'ratio' | 'absolute' | 'share';
  /** The largest ratio or share, or the largest value in ms. */
  max: number;
  /** The value must be strictly below max ("under 150 ms") rather than at most max. */
  strict: boolean;
}

export type TargetStatus = 'pass' | 'FAIL' | 'not measured' | 'skipped';

/** One row of the Targets table: a measure on one input, its figures, its target and pass/fail. */
export interface TargetRow {
  input: string;
  measure: string;
  unit: 'ms' | 'KiB';
  /** Carve's figure (median wall, or highest peak RSS). */
  carve: number | null;
  /** dependency-cruiser's figure it is compared with (its cold run), for ratio targets. */
  depcruise: number | null;
  ratio: number | null;
  target: TargetLimit;
  result: TargetStatus;
  /** Why a row was not measured or skipped. */
  why?: string;
}

/** Issue 8's targets. */
export const TARGETS = {
  coldWall: { kind: 'ratio', max: 1, strict: false },
  coldRss: { kind: 'ratio', max: 1, strict: false },
  warmWall: { kind: 'ratio', max: 0.25, strict: false },
  warmCheck: { kind: 'absolute', max: 1000, strict: false },
  // Issue 15: check --base a few files from the base costs little more than a plain warm check.
  baseCheck: { kind: 'ratio', max: 1.3, strict: false },
  startup: { kind: 'absolute', max: 150, strict: true },
  // Issue 13: the data pass may take at most a quarter of a cold run.
  dataShare: { kind: 'share', max: 0.25, strict: false },
} as const satisfies Record<string, TargetLimit>;

function judge(value: number, limit: TargetLimit): TargetStatus {
  return (limit.strict ? value < limit.max : value <= limit.max) ? 'pass' : 'FAIL';
}

function ratioRow(input: string, measure: string, unit: TargetRow['unit'], carve: number | null, depcruise: number | null, target: TargetLimit, why: string): TargetRow {
  if (carve === null || depcruise === null || !(carve > 0) || !(depcruise > 0)) {
    return { input, measure, unit, carve, depcruise, ratio: null, target, result: 'not measured', why };
  }
  const ratioValue = carve / depcruise;
  return { input, measure, unit, carve, depcruise, ratio: ratioValue, target, result: judge(ratioValue, target) };
}

function absoluteRow(input: string, measure: string, summary: Summary | null, target: TargetLimit, why: string): TargetRow {
  if (!summary) return { input, measure, unit: 'ms', carve: null, depcruise: null, ratio: null, target, result: 'not measured', why };
  return { input, measure, unit: 'ms', carve: summary.wallMs, depcruise: null, ratio: null, target, result: judge(summary.wallMs, target) };
}

/**
 * The data pass's share of a cold run, from the stage timings of the untimed `--timings` run: its
 * `dataAccess` stage over the command's own `total`.
 */
function dataShareRow(input: string, timings: Record<string, number> | null, why: string): TargetRow {
  const data = timings?.['dataAccess'];
  const total = timings?.['total'];
  const measure = 'data pass share of cold analyze';
  if (data === undefined || total === undefined || !(total > 0)) {
    return { input, measure, unit: 'ms', carve: data ?? null, depcruise: null, ratio: null, target: TARGETS.dataShare, result: 'not measured', why: timings ? 'no dataAccess or total stage in the timings' : why };
  }
  const share = data / total;
  return { input, measure, unit: 'ms', carve: data, depcruise: null, ratio: share, target: TARGETS.dataShare, result: judge(share, TARGETS.dataShare) };
}

const failure = (label: string, result: ToolResult | undefined): string =>
  result === undefined ? `${label} not run` : result.error !== null ? `${label}: ${result.error}` : `${label}: no successful run`;

/**
 * The Targets table's rows, sorted by input (in extras.inputOrder, else benched then skipped inputs)
 * and, per input, in a fixed order: cold wall, cold peak RSS, warm wall, then the warm check on the
 * input it ran on; a skipped input has one row; start-up comes last.
 */
export function targetRows(results: readonly InputResult[], extras: BenchExtras): TargetRow[] {
  const rows: TargetRow[] = [];
  const order = extras.inputOrder ?? [...results.map((r) => r.name), ...extras.skipped.map((s) => s.name)];
  for (const name of order) {
    const r = results.find((x) => x.name === name);
    const skipped = extras.skipped.find((x) => x.name === name);
    if (skipped) {
      rows.push({ input: name, measure: 'all', unit: 'ms', carve: null, depcruise: null, ratio: null, target: TARGETS.coldWall, result: 'skipped', why: skipped.reason });
    }
    if (r) {
      const carve = summarise(r.carve);
      const dc = summarise(r.depcruise);
      const warm = r.carveWarm ? summarise(r.carveWarm) : null;
      const why = !carve ? failure('carve', r.carve) : failure('depcruise', r.depcruise);
      rows.push(ratioRow(name, 'cold analyze wall', 'ms', carve?.wallMs ?? null, dc?.wallMs ?? null, TARGETS.coldWall, why));
      rows.push(ratioRow(name, 'cold analyze peak RSS', 'KiB', carve?.peakRssKb ?? null, dc?.peakRssKb ?? null, TARGETS.coldRss, why));
      const warmWhy = !warm ? failure('carve warm', r.carveWarm) : failure('depcruise', r.depcruise);
      rows.push(ratioRow(name, 'warm analyze wall (vs cold depcruise)', 'ms', warm?.wallMs ?? null, dc?.wallMs ?? null, TARGETS.warmWall, warmWhy));
      rows.push(dataShareRow(name, r.carveTimings, failure('carve --timings', r.carve)));
    }
    const c = extras.check;
    if (c && c.input === name) {
      rows.push(absoluteRow(c.input, 'warm check wall, 1 file changed', summarise(c.result, [0, 1]), TARGETS.warmCheck, failure('carve check', c.result)));
      if (c.base) {
        // The comparator (in the depcruise column) is the plain warm check of the row above.
        const plain = summarise(c.result, [0, 1]);
        const based = summarise(c.base, [0, 1]);
        const why = !based ? failure('carve check --base', c.base) : failure('carve check', c.result);
        rows.push(ratioRow(c.input, 'check --base HEAD~1 wall, 1 file changed (vs warm check)', 'ms', based?.wallMs ?? null, plain?.wallMs ?? null, TARGETS.baseCheck, why));
      }
    }
  }
  if (extras.startup) {
    rows.push(absoluteRow('-', '`carve --version` wall', summarise(extras.startup), TARGETS.startup, failure('carve --version', extras.startup)));
  }
  return rows;
}

function formatFigure(value: number | null, unit: TargetRow['unit']): string {
  if (value === null) return '-';
  if (unit === 'KiB') return mib(value);
  return value < 1000 ? `${Math.round(value)} ms` : seconds(value);
}

function formatTarget(row: TargetRow): string {
  const t = row.target;
  const op = t.strict ? '<' : '<=';
  if (row.result === 'skipped') return '-';
  if (t.kind === 'ratio') return `${op} ${t.max.toFixed(2)}x`;
  if (t.kind === 'share') return `${op} ${Math.round(t.max * 100)}% of total`;
  return t.max < 1000 ? `${op} ${t.max} ms` : `${op} ${(t.max / 1000).toFixed(2)} s`;
}

export const TARGET_HEADER = ['input', 'measure', 'carve', 'depcruise (cold)', 'ratio', 'target', 'result'];

export function targetTableRows(rows: readonly TargetRow[]): string[][] {
  return rows.map((row) => [
    row.input,
    row.measure,
    formatFigure(row.carve, row.unit),
    formatFigure(row.depcruise, row.unit),
    row.ratio === null ? '-' : row.target.kind === 'share' ? `${(row.ratio * 100).toFixed(1)}%` : `${row.ratio.toFixed(2)}x`,
    formatTarget(row),
    row.result === 'pass' ? 'pass' : row.result === 'FAIL' ? '**FAIL**' : row.result,
  ]);
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

function warmTable(results: readonly InputResult[]): string {
  const rows = results.map((r) => {
    const warm = r.carveWarm ? summarise(r.carveWarm) : null;
    const dc = summarise(r.depcruise);
    const cache = r.warmCache
      ? `${r.warmCache.hits} files from cache, ${r.warmCache.misses} read; result ${r.warmCache.resultFromCache ? 'from cache' : '**recomputed**'}`
      : 'n/a';
    return [
      r.name,
      String(r.files),
      warm ? seconds(warm.wallMs) : r.carveWarm ? 'failed' : 'not run',
      warm ? mib(warm.peakRssKb) : 'n/a',
      dc ? seconds(dc.wallMs) : 'failed',
      warm && dc ? ratio(warm.wallMs, dc.wallMs) : 'n/a',
      cache,
    ];
  });
  const header = ['input', 'files', 'carve warm median wall', 'carve warm peak RSS', 'depcruise cold median wall', 'ratio wall', 'cache use (untimed warm run)'];
  return markdownTable(header, rows);
}

function checkSection(check: CheckResult | null): string {
  if (!check) return 'Not measured in this run (it needs the generated-5k input).';
  const row = (command: string, result: ToolResult): string[] => {
    const summary = summarise(result, [0, 1]);
    const walls = result.runs.filter((r) => r.exitCode === 0 || r.exitCode === 1).map((r) => r.wallMs);
    return [
      check.input,
      String(check.files),
      command,
      `\`${check.editedFile}\``,
      summary ? seconds(summary.wallMs) : result.error ?? 'failed',
      walls.length > 0 ? `${seconds(Math.min(...walls))} / ${seconds(Math.max(...walls))}` : 'n/a',
      summary ? mib(summary.peakRssKb) : 'n/a',
      [...new Set(result.runs.map((r) => r.exitCode))].sort((a, b) => a - b).join(', ') || 'n/a',
    ];
  };
  const rows = [row('`check`', check.result), ...(check.base ? [row('`check --base HEAD~1`', check.base)] : [])];
  return [
    `On a copy of \`${check.input}\`, made a git repository: \`carve init <copy> --force\` once, one untimed \`carve check <copy> --cache-dir <dir>\``,
    'to fill the cache, then per round (the warm-up included) a new comment line is appended to the same source file and',
    'committed, `carve check <copy> --cache-dir <dir>` is timed, another line is appended and committed, and',
    '`carve check <copy> --cache-dir <dir> --base HEAD~1` is timed (its base is one file away). Exit 1 (boundary violations',
    'found in the generated code) counts as a successful run.',
    '',
    markdownTable(['input', 'files', 'command', 'changed file', 'median wall', 'min / max wall', 'peak RSS', 'exit codes'], rows),
  ].join('\n');
}

function startupSection(startup: ToolResult | null): string {
  if (!startup) return 'Not measured in this run.';
  const summary = summarise(startup);
  const walls = startup.runs.filter((r) => r.exitCode === 0).map((r) => r.wallMs);
  const row = [
    '`node bin/carve.js --version`',
    summary ? `${Math.round(summary.wallMs)} ms` : startup.error ?? 'failed',
    walls.length > 0 ? `${Math.round(Math.min(...walls))} / ${Math.round(Math.max(...walls))} ms` : 'n/a',
    summary ? mib(summary.peakRssKb) : 'n/a',
  ];
  return markdownTable(['command', 'median wall', 'min / max wall', 'peak RSS'], [row]);
}

function timingsSection(results: readonly InputResult[]): string {
  const labelled: [string, Record<string, number>][] = [];
  for (const r of results) {
    if (r.carveTimings) labelled.push([r.name, r.carveTimings]);
    if (r.carveWarmTimings) labelled.push([`${r.name} (warm)`, r.carveWarmTimings]);
  }
  if (labelled.length === 0) return 'Carve wrote no stage timings (`analyze --timings <file>`), so no per-stage (data pass) figures.';
  const keys = [...new Set(labelled.flatMap(([, t]) => Object.keys(t)))].sort();
  const rows = labelled.map(([name, timings]) => [name, ...keys.map((k) => {
    const value = timings[k];
    return typeof value === 'number' ? `${Math.round(value)} ms` : '';
  })]);
  return [
    'From one extra `carve analyze --timings <file>` run per input without a cache, and one on the filled cache (the',
    '"(warm)" rows); neither is part of the medians above. `dataAccess` is the data pass, part of `extract`; `total` is',
    "the command's own wall time, without Node's start-up.",
    '',
    markdownTable(['input', ...keys], rows),
  ].join('\n');
}

function rawRuns(results: readonly InputResult[], extras: BenchExtras): string {
  const rows: string[][] = [];
  const add = (input: string, tool: string, result: ToolResult): void => {
    if (result.error !== null) rows.push([input, tool, '-', '-', '-', '-', result.error]);
    result.runs.forEach((run, i) => {
      rows.push([input, tool, String(i + 1), String(Math.round(run.wallMs)), mib(run.peakRssKb), run.rssSource, String(run.exitCode)]);
    });
  };
  for (const r of results) {
    add(r.name, 'carve', r.carve);
    if (r.carveWarm) add(r.name, 'carve warm', r.carveWarm);
    add(r.name, 'depcruise', r.depcruise);
  }
  if (extras.check) add(extras.check.input, 'carve check', extras.check.result);
  if (extras.check?.base) add(extras.check.input, 'carve check --base', extras.check.base);
  if (extras.startup) add('-', 'carve --version', extras.startup);
  return markdownTable(['input', 'tool', 'run', 'wall ms', 'peak RSS', 'RSS from', 'exit / error'], rows);
}

const formatLoad = (load: readonly number[]): string => load.map((x) => x.toFixed(2)).join(' / ');

const NO_EXTRAS: BenchExtras = { check: null, startup: null, skipped: [] };

function runsLine(meta: BenchMeta): string {
  const plural = (n: number): string => `${n} timed run${n === 1 ? '' : 's'}`;
  const large = meta.runsLarge !== undefined && meta.runsLarge !== meta.runs ? ` (${plural(meta.runsLarge)} on generated-20k)` : '';
  return `- ${meta.warmup ? 'one warm-up run each, then ' : ''}${plural(meta.runs)}${large} per measure and input, the tools alternating (the order flips every round); command: \`${meta.command}\``;
}

export function renderResultsMarkdown(meta: BenchMeta, results: readonly InputResult[], extras: BenchExtras = NO_EXTRAS): string {
  const m = meta.machine;
  const described = new Map<string, string>([
    ...results.map((r): [string, string] => [r.name, `- \`${r.name}\`: ${r.description}`]),
    ...extras.skipped.map((s): [string, string] => [s.name, `- \`${s.name}\`: skipped: ${s.reason}`]),
  ]);
  const order = extras.inputOrder ?? [...described.keys()];
  const inputs = order.flatMap((name) => described.get(name) ?? []).join('\n');
  const hasWarm = results.some((r) => r.carveWarm !== undefined);
  return [
    '# Carve bench',
    '',
    `- date: ${m.date}`,
    `- commit: ${m.commit}`,
    `- machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB memory`,
    `- Node ${m.node}; carve ${meta.carveVersion || 'n/a'} (\`${meta.carveFlags.join(' ')}\`); dependency-cruiser ${meta.depcruiseVersion || 'n/a'} (\`${meta.depcruiseFlags.join(' ')}\`)`,
    `- load average (1/5/15 min) at start ${formatLoad(meta.loadAverage.start)}, at end ${formatLoad(meta.loadAverage.end)} (${m.cores} cores)`,
    runsLine(meta),
    '',
    '## Targets',
    '',
    markdownTable(TARGET_HEADER, targetTableRows(targetRows(results, extras))),
    '',
    "Cold: Carve's `analyze --no-cache` against dependency-cruiser, median wall and highest peak RSS, ratio carve /",
    "depcruise. Warm: Carve's `analyze` on a cache filled by an untimed run, nothing changed, against dependency-cruiser's",
    'cold median on the same input. dependency-cruiser runs without its own cache (no `--cache`) in every run, so there',
    'is no warm dependency-cruiser figure. The warm check and start-up have absolute targets (no ratio).',
    '',
    '## Cold analyze (no cache) against dependency-cruiser',
    '',
    markdownTable(TABLE_HEADER, tableRows(results)),
    '',
    'Wall: median over the timed runs, child process start to exit. Peak RSS: the highest over the timed runs of the',
    "child process tree's peak resident memory (GNU time's maxrss, or the sum of VmRSS over the tree polled every",
    '100 ms, whichever is larger). Ratios are carve / depcruise: below 1 means Carve is faster or smaller. The two do',
    "different work: dependency-cruiser lists imports; Carve's analyze also counts symbol uses and, as far as the",
    'build under test has them, reads data access, clusters contexts and writes reports (the coverage table below',
    'shows the entities and contexts this build found).',
    ...(hasWarm
      ? [
          '',
          '## Warm analyze (cache filled, nothing changed)',
          '',
          warmTable(results),
          '',
          'Each input has its own `--cache-dir`, filled by one untimed `carve analyze` run; the timed warm runs alternate',
          'with the cold runs of both tools. The cache column is what one more untimed run on the same cache (without',
          '`--quiet`) said in its summary.',
        ]
      : []),
    '',
    '## Warm check after one changed file',
    '',
    checkSection(extras.check),
    '',
    '## Start-up',
    '',
    startupSection(extras.startup),
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
    rawRuns(results, extras),
    ...(meta.notes.length > 0 ? ['', '## Notes', '', ...meta.notes.map((n) => `- ${n}`)] : []),
    '',
  ].join('\n');
}
