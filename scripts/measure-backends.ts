/**
 * Carve on real back-ends, against dependency-cruiser and a grep of each ORM (issue 13). For each truth
 * in scripts/backends/*.json whose checkout is under --backends:
 *   1. Carve zero-config (the checkout root, no --tsconfig, as a new user), Carve on the back-end with
 *      its tsconfig (--include the scope), and dependency-cruiser on the scope with the same tsconfig;
 *      agreement = share of dependency-cruiser's internal file -> file edges Carve also has, and the
 *      reasons of the missing ones with a seeded sample.
 *   2. Entities found / true, files with accesses found / estimated, 10 seeded access records with their
 *      source line for reading.
 *   3. A Markdown row per back-end on stdout, the figures as JSON in --out.
 *
 *   npm run build
 *   node dist/scripts/measure-backends.js --backends /work/backends --only umami,docmost --out /tmp/m.json
 *
 * Checkouts are read, never changed or executed; dependency-cruiser runs without their node_modules,
 * so packages do not resolve (only internal edges are compared). One heavy process at a time.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadTruths, type BackendTruth } from './lib/backend-truth.js';
import { measureDataAccess, trackedFiles, type DataAccessFigures } from './lib/data-access-truth.js';
import { compareGraphs, readCarveGraph, readCruiseGraph, type Agreement } from './lib/edge-agreement.js';
import { readTimings } from './lib/measure.js';
import { createPrng } from './lib/prng.js';
import { runScript } from './lib/script-entry.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TIMEOUT_MS = 30 * 60_000;

interface Run {
  ok: boolean;
  seconds: number;
  error: string | null;
}

function run(file: string, args: string[], cwd: string): Run {
  const started = process.hrtime.bigint();
  const result = spawnSync(file, args, { cwd, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const ok = result.status === 0;
  const text = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim();
  return { ok, seconds: Math.round(seconds * 10) / 10, error: ok ? null : (result.error?.message ?? text.split('\n').slice(0, 3).join(' | ')) };
}

export interface BackendFigures {
  name: string;
  commit: string;
  carveCommit: string;
  scopeFiles: number;
  runs: Record<'carveZero' | 'carveTsconfig' | 'depcruise', Run>;
  zeroConfig: Agreement | null;
  withTsconfig: Agreement | null;
  zeroConfigSummary: Record<string, unknown> | null;
  tsconfigSummary: Record<string, unknown> | null;
  dataAccess: DataAccessFigures | null;
  dataAccessZeroConfig: DataAccessFigures | null;
  /** The data pass of the cold --tsconfig run: its ms, the run's ms, and its share (absent in older figures). */
  dataPass?: { ms: number; totalMs: number; share: number } | null;
}

const percent = (share: number | undefined): string => (share === undefined ? 'n/a' : `${(share * 100).toFixed(1)}%`);

export function markdownRow(f: BackendFigures): string {
  const z = f.zeroConfig;
  const t = f.withTsconfig;
  const d = f.dataAccess;
  const dz = f.dataAccessZeroConfig;
  return [
    f.name,
    f.commit.slice(0, 9),
    String(f.scopeFiles),
    t === null ? 'n/a' : `${t.carveEdges} vs ${t.cruiseEdges}`,
    z === null ? 'n/a' : `${percent(z.agreement)} (${percent(z.agreementNonTest)})`,
    t === null ? 'n/a' : `${percent(t.agreement)} (${percent(t.agreementNonTest)})`,
    `${d === null ? 'n/a' : `${d.entitiesFound}/${d.entitiesTrue}`}; zero ${dz === null ? 'n/a' : `${dz.entitiesFound}/${dz.entitiesTrue}`}`,
    `${d === null ? 'n/a' : `${d.accessFilesFound}/${d.accessFilesEstimated}`}; zero ${dz === null ? 'n/a' : `${dz.accessFilesFound}/${dz.accessFilesEstimated}`}`,
    // Precision is judged by reading the printed records; the row says how many there are to read.
    `${d?.spotChecks.length ?? 0} printed; zero ${dz?.spotChecks.length ?? 0}`,
    f.dataPass ? percent(f.dataPass.share) : 'n/a',
  ].join(' | ').replace(/^/, '| ').concat(' |');
}

export const MARKDOWN_HEADER =
  '| back-end | commit | files (scope) | Carve edges vs depcruise internal | agreement zero-config (non-test) | agreement --tsconfig (non-test) | entities found/true (--tsconfig; zero-config) | access files found/estimated (--tsconfig; zero-config) | spot checks (judge by reading) | data pass share of cold --tsconfig run |\n' +
  '|---|---|---|---|---|---|---|---|---|---|';

function git(checkout: string, args: string[]): string {
  const result = spawnSync('git', ['-C', checkout, ...args], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
}

function measure(truth: BackendTruth, backends: string, carveBin: string, carveCommit: string, seed: number, skipZero: boolean, keep: string | null): BackendFigures {
  const checkout = join(backends, truth.folder);
  const commit = git(checkout, ['rev-parse', 'HEAD']);
  if (!commit.startsWith(truth.commit) && !truth.commit.startsWith(commit)) {
    process.stderr.write(`${truth.name}: checkout at ${commit}, truth written at ${truth.commit}\n`);
  }
  // --keep: the raw outputs stay in <keep>/<name> for reading the gaps; otherwise a scratch folder.
  const scratch = keep === null ? mkdtempSync(join(tmpdir(), `measure-${truth.name}-`)) : join(keep, truth.name);
  if (keep !== null) {
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
  }
  try {
    const files = trackedFiles(checkout);
    const node = process.execPath;
    const zeroOut = join(scratch, 'zero');
    const tsOut = join(scratch, 'tsconfig');
    const cruiseOut = join(scratch, 'depcruise.json');
    const skipped: Run = { ok: false, seconds: 0, error: 'skipped' };
    const note = (what: string): void => void process.stderr.write(`${truth.name}: ${what} ...\n`);

    note('carve zero-config');
    const carveZero = skipZero ? skipped : run(node, [carveBin, 'analyze', checkout, '--out', zeroOut, '--no-cache', '--quiet'], checkout);
    let dir = join(checkout, truth.dir);
    let tsconfig = join(checkout, truth.tsconfig);
    let cruiseTsconfig = tsconfig;
    if (truth.tsconfigStandIn !== undefined) {
      // Carve reads no tsconfig outside the analyzed repository, and the checkout is read-only: it
      // analyzes an extract of the scope (git archive of the checkout's HEAD) holding the stand-in.
      const copy = join(scratch, 'copy');
      mkdirSync(copy, { recursive: true });
      const archive = spawnSync('bash', ['-c', 'git -C "$1" archive HEAD -- "${@:2}" | tar -x -C "$0"', copy, checkout, ...truth.scope], { encoding: 'utf8' });
      if (archive.status !== 0) throw new Error(`${truth.name}: git archive failed: ${archive.stderr}`);
      dir = join(copy, truth.dir);
      tsconfig = join(dir, 'tsconfig.stand-in.json');
      cruiseTsconfig = join(scratch, 'tsconfig.stand-in.json');
      // include is read relative to the tsconfig's own folder: relative in the extract, absolute in scratch.
      const standIn = (base: string, include: string[]): string => JSON.stringify({ compilerOptions: { ...truth.tsconfigStandIn, baseUrl: base }, include });
      writeFileSync(tsconfig, standIn(dir, truth.scope.map((f) => `${relative(dir, join(copy, f))}/**/*`)));
      writeFileSync(cruiseTsconfig, standIn(join(checkout, truth.dir), truth.scope.map((f) => `${join(checkout, f)}/**/*`)));
    }
    const include = truth.scope.map((s) => {
      const rel = relative(join(checkout, truth.dir), join(checkout, s)).replace(/\\/g, '/');
      return rel === '' ? '**' : `${rel}/**`;
    });
    note('carve --tsconfig');
    const timingsFile = join(scratch, 'tsconfig-timings.json');
    const carveTs = run(node, [carveBin, 'analyze', dir, '--tsconfig', tsconfig, '--include', ...include, '--out', tsOut, '--no-cache', '--quiet', '--timings', timingsFile], checkout);
    note('dependency-cruiser');
    // An absolute --ts-config: with a relative one, dependency-cruiser 17 resolves the tsconfig's
    // `extends` against the working folder joined with the tsconfig's folder twice (TS5083).
    const depcruiseBin = join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    const depcruise = run(
      node,
      [depcruiseBin, ...truth.scope, '--no-config', '--ts-config', cruiseTsconfig, '--ts-pre-compilation-deps', '--output-type', 'json', '--no-progress', '--output-to', cruiseOut],
      checkout,
    );

    const cruise = existsSync(cruiseOut) ? readCruiseGraph(cruiseOut, truth.scope) : null;
    const zeroGraph = carveZero.ok ? readCarveGraph(zeroOut, '.') : null;
    const tsGraph = carveTs.ok ? readCarveGraph(tsOut, truth.dir) : null;
    const compare = (graph: ReturnType<typeof readCarveGraph>): Agreement | null =>
      cruise === null || graph === null ? null : compareGraphs(cruise, graph, checkout, truth.scope, createPrng(seed));
    const dataAccess = tsGraph === null ? null : measureDataAccess(checkout, truth, tsGraph, files, createPrng(seed));
    const zeroData = zeroGraph === null ? null : measureDataAccess(checkout, truth, zeroGraph, files, createPrng(seed));
    return {
      name: truth.name,
      commit,
      carveCommit,
      scopeFiles: cruise?.files.size ?? 0,
      runs: { carveZero, carveTsconfig: carveTs, depcruise },
      zeroConfig: compare(zeroGraph),
      withTsconfig: compare(tsGraph),
      zeroConfigSummary: zeroGraph?.summary ?? null,
      tsconfigSummary: tsGraph?.summary ?? null,
      dataAccess,
      dataAccessZeroConfig: zeroData,
      dataPass: carveTs.ok ? readDataPass(timingsFile) : null,
    };
  } finally {
    if (keep === null) rmSync(scratch, { recursive: true, force: true });
  }
}

/** The data pass's time and share of the cold --tsconfig run, from Carve's --timings file (issue 13: at most a quarter). */
function readDataPass(file: string): BackendFigures['dataPass'] {
  const timings = readTimings(file);
  const data = timings?.['dataAccess'];
  const total = timings?.['total'];
  if (data === undefined || total === undefined || total <= 0) return null;
  return { ms: Math.round(data), totalMs: Math.round(total), share: Math.round((data / total) * 1000) / 1000 };
}

function printDetails(f: BackendFigures): void {
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  out(`\n## ${f.name} @ ${f.commit.slice(0, 9)} (Carve ${f.carveCommit.slice(0, 9)})`);
  for (const [name, r] of Object.entries(f.runs)) out(`- ${name}: ${r.ok ? 'ok' : `FAILED: ${r.error ?? ''}`} in ${r.seconds}s`);
  for (const [label, a] of [['zero-config', f.zeroConfig], ['--tsconfig', f.withTsconfig]] as const) {
    if (a === null) continue;
    out(`- ${label}: ${a.shared}/${a.cruiseEdges} edges; Carve files in scope ${a.carveFilesInScope} of depcruise's ${a.cruiseFiles}`);
    out(`  reasons: ${Object.entries(a.reasons).map(([r, n]) => `${r} ${n}`).join('; ')}`);
    for (const s of a.samples) out(`  - ${s.from}:${s.line ?? '?'} -> ${s.to} ('${s.specifier}'): ${s.reason}`);
  }
  if (f.dataPass) out(`- data pass (--tsconfig, cold): ${f.dataPass.ms} ms of ${f.dataPass.totalMs} ms (${(f.dataPass.share * 100).toFixed(1)}%)`);
  for (const [label, d] of [['--tsconfig', f.dataAccess], ['zero-config', f.dataAccessZeroConfig]] as const) {
    if (d === null) continue;
    out(`- data access (${label}): entities ${d.entitiesFound}/${d.entitiesTrue}; access files ${d.accessFilesFound}/${d.accessFilesEstimated} (both ${d.accessFilesBoth})`);
    out(`  missed (estimated, not found): ${d.missedSample.join(', ')}`);
    out(`  extra (found, not estimated): ${d.extraSample.join(', ')}`);
    out('  spot checks:');
    for (const s of d.spotChecks) out(`  - ${s.file}:${s.line} ${s.entity} ${s.mode} ${s.operation} | ${s.source}`);
  }
}

runScript(import.meta.url, 'measure-backends', (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      backends: { type: 'string', default: '/work/backends' },
      truths: { type: 'string', default: join(REPO_ROOT, 'scripts', 'backends') },
      only: { type: 'string' },
      // Outside the repository by default: the figures quote back-end source lines.
      out: { type: 'string', default: join(tmpdir(), 'carve-measure-backends.json') },
      seed: { type: 'string', default: '13' },
      carve: { type: 'string', default: join(REPO_ROOT, 'bin', 'carve.js') },
      'skip-zero-config': { type: 'boolean', default: false },
      // When --carve is a build of a commit outside this checkout, the commit to report.
      'carve-commit': { type: 'string' },
      keep: { type: 'string' },
    },
  });
  const only = values.only === undefined ? null : new Set(values.only.split(','));
  const truths = loadTruths(values.truths).filter((t) => only === null || only.has(t.name));
  if (truths.length === 0) throw new Error('no truth matches --only');
  const out = resolve(values.out);
  const previous: BackendFigures[] = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as BackendFigures[]) : [];
  const figures = previous.filter((p) => !truths.some((t) => t.name === p.name));
  for (const truth of truths) {
    if (!existsSync(join(values.backends, truth.folder))) {
      process.stderr.write(`${truth.name}: no checkout at ${join(values.backends, truth.folder)}, skipped\n`);
      continue;
    }
    const carveCommit = values['carve-commit'] ?? git(REPO_ROOT, ['rev-parse', 'HEAD']);
    const f = measure(truth, values.backends, resolve(values.carve), carveCommit, Number(values.seed), values['skip-zero-config'], values.keep === undefined ? null : resolve(values.keep));
    figures.push(f);
    printDetails(f);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(figures.sort((a, b) => a.name.localeCompare(b.name)), null, 2)}\n`);
  }
  process.stdout.write(`\n${MARKDOWN_HEADER}\n${figures.map(markdownRow).join('\n')}\n`);
});
