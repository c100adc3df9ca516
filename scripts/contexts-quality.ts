/**
 * Context quality on generated layered monoliths, in one run: Carve, plain single-run Louvain on the
 * unweighted import graph, and the block-model oracle (lib/block-model-oracle.ts), at each mixing and
 * import density asked for, each figure the mean over the generator seeds. Carve runs what
 * `carve analyze` runs (extract -> buildGraph -> detectContexts) on the files the generator wrote; files
 * it leaves in no context (kernel, roots, unassigned) count as groups of one. The source of the tables
 * in docs/decisions/contexts.md, "Quality on generated monoliths".
 *
 *   node dist/scripts/contexts-quality.js [--densities 2.5,2.6] [--mixings 0.1,0.2,0.3,0.4]
 *     [--seeds 1,2] [--files 1000] [--domains 12]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parseArgs } from 'node:util';
import { plainLouvain } from '../src/contexts/baseline.js';
import { normalizedMutualInformation } from '../src/contexts/compare.js';
import { detectContexts } from '../src/contexts/index.js';
import { extract, loadProjectLayout } from '../src/extract/index.js';
import { buildGraph } from '../src/graph/index.js';
import { generateMonolith } from './generate-monolith.js';
import { blockModelOracle } from './lib/block-model-oracle.js';
import { runScript } from './lib/script-entry.js';

export interface QualityCell {
  density: number;
  mixing: number;
  seed: number;
  /** Domain imports per domain file the generator actually wrote. */
  importsPerFile: number;
  carve: number;
  plain: number;
  oracle: number;
}

/** NMI over every file of the answer: one the proposal leaves in no context counts as a group of one. */
export function scoreAgainstTruth(partition: Record<string, string>, truth: Record<string, string>): number {
  const proposal: Record<string, string> = {};
  for (const file of Object.keys(truth)) proposal[file] = partition[file] ?? `none:${file}`;
  return normalizedMutualInformation(proposal, truth);
}

export function measureCell(scratch: string, spec: { files: number; domains: number; density: number; mixing: number; seed: number }): QualityCell {
  const dir = join(scratch, `m-${spec.density}-${spec.mixing}-${spec.seed}`);
  const monolith = generateMonolith(dir, {
    files: spec.files,
    domains: spec.domains,
    mixing: spec.mixing,
    seed: spec.seed,
    importsPerFile: spec.density,
  });
  const extracted = extract(loadProjectLayout(dir, {}));
  const graph = buildGraph(extracted);
  const contexts = detectContexts(graph, {
    seed: 1,
    entityTables: Object.fromEntries(extracted.entities.map((entity) => [entity.id, entity.table])),
  });
  const cell: QualityCell = {
    density: spec.density,
    mixing: spec.mixing,
    seed: spec.seed,
    importsPerFile: monolith.domainEdges / Object.keys(monolith.truth).length,
    carve: scoreAgainstTruth(contexts.membership, monolith.truth),
    plain: scoreAgainstTruth(plainLouvain(graph, 1), monolith.truth),
    oracle: blockModelOracle(monolith),
  };
  rmSync(dir, { recursive: true, force: true });
  return cell;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function formatTable(cells: QualityCell[]): string {
  const lines = [
    '| imports per file (written) | mixing | Carve | (per seed) | plain Louvain | gain | oracle |',
    '|---|---|---|---|---|---|---|',
  ];
  const keys = [...new Set(cells.map((c) => `${c.density}|${c.mixing}`))];
  for (const key of keys) {
    const group = cells.filter((c) => `${c.density}|${c.mixing}` === key);
    const first = group[0] as QualityCell;
    const carve = mean(group.map((c) => c.carve));
    const plain = mean(group.map((c) => c.plain));
    lines.push(
      `| ${first.density} (${mean(group.map((c) => c.importsPerFile)).toFixed(2)}) | ${first.mixing} | ${carve.toFixed(3)} | ` +
        `${group.map((c) => c.carve.toFixed(3)).join(' / ')} | ${plain.toFixed(3)} | ${(carve - plain >= 0 ? '+' : '')}${(carve - plain).toFixed(3)} | ` +
        `${mean(group.map((c) => c.oracle)).toFixed(3)} |`,
    );
  }
  return lines.join('\n');
}

function numbers(text: string): number[] {
  return text.split(',').map((part) => Number(part.trim()));
}

function runCli(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      densities: { type: 'string', default: '2.6' },
      mixings: { type: 'string', default: '0.1,0.2,0.3,0.4' },
      seeds: { type: 'string', default: '1,2' },
      files: { type: 'string', default: '1000' },
      domains: { type: 'string', default: '12' },
    },
  });
  const scratch = mkdtempSync(join(tmpdir(), 'carve-contexts-quality-'));
  const cells: QualityCell[] = [];
  try {
    for (const density of numbers(values.densities)) {
      for (const mixing of numbers(values.mixings)) {
        for (const seed of numbers(values.seeds)) {
          const started = performance.now();
          const cell = measureCell(scratch, { files: Number(values.files), domains: Number(values.domains), density, mixing, seed });
          cells.push(cell);
          process.stderr.write(
            `density ${density} mixing ${mixing} seed ${seed}: carve ${cell.carve.toFixed(3)} plain ${cell.plain.toFixed(3)} ` +
              `oracle ${cell.oracle.toFixed(3)} (${cell.importsPerFile.toFixed(2)} imports per file, ${Math.round(performance.now() - started)} ms)\n`,
          );
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  process.stdout.write(`${formatTable(cells)}\n`);
}

runScript(import.meta.url, 'contexts-quality', runCli);
