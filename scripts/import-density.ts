/**
 * How many project files each file imports, per technical layer, read from a Carve analysis.json.
 * Used to set the monolith generator's density from real code (docs/decisions/contexts.md, "How dense
 * real layered back-ends are"), and on a generated monolith to compare it with them:
 *
 *   node bin/carve.js analyze <dir> --json --no-cache > analysis.json
 *   node dist/scripts/import-density.js analysis.json [--name shop]
 *
 * What is counted, per file: distinct target files of its dependencies, re-exports left out; an import
 * through a barrel counts once, as the file defining the symbol (the importer -> barrel record of the
 * same import is dropped), and barrels (files that only re-export) are neither counted nor targets.
 * "domain" imports are those whose target is itself in a domain layer (controllers, handlers,
 * services, repositories, mappers, dto, entities) and not in the shared kernel Carve found: the figure
 * the generator's per-layer out-degrees describe. "other" are the rest (guards, decorators, config,
 * utils, Nest modules, kernel). Layers come from the file-name suffix (`.service.ts`), else a folder name.
 */
import { readFileSync } from 'node:fs';

import { parseArgs } from 'node:util';
import { runScript } from './lib/script-entry.js';

export type DensityLayer = 'controllers' | 'handlers' | 'services' | 'repositories' | 'mappers' | 'dto' | 'entities' | 'modules' | 'other';

export const DOMAIN_LAYERS: readonly DensityLayer[] = ['controllers', 'handlers', 'services', 'repositories', 'mappers', 'dto', 'entities'];

const SUFFIXES: readonly [RegExp, DensityLayer][] = [
  [/\.(controller|router|routes|resolver)\.ts$/, 'controllers'],
  [/\.(handler|listener|listeners|job|subscriber|consumer|command)\.ts$/, 'handlers'],
  [/\.service\.ts$/, 'services'],
  [/\.(repository|repo|store)\.ts$/, 'repositories'],
  [/\.mapper\.ts$/, 'mappers'],
  [/\.(dto|request|response|input|args)\.ts$/, 'dto'],
  [/\.(entity|model)\.ts$/, 'entities'],
  [/\.module\.ts$/, 'modules'],
];

const FOLDERS: Readonly<Record<string, DensityLayer>> = {
  controllers: 'controllers', routes: 'controllers', routers: 'controllers', resolvers: 'controllers',
  handlers: 'handlers', jobs: 'handlers', listeners: 'handlers', subscribers: 'handlers', commands: 'handlers',
  services: 'services',
  repositories: 'repositories', repository: 'repositories', stores: 'repositories',
  mappers: 'mappers', mapping: 'mappers',
  dto: 'dto', dtos: 'dto',
  entities: 'entities', models: 'entities',
  modules: 'modules',
};

export function layerOf(path: string): DensityLayer {
  const name = path.split('/').pop() ?? path;
  if (name === 'index.ts') return 'other';
  for (const [pattern, layer] of SUFFIXES) if (pattern.test(name)) return layer;
  const folders = path.split('/').slice(0, -1).reverse();
  for (const folder of folders) {
    const layer = FOLDERS[folder];
    if (layer !== undefined) return layer;
  }
  return 'other';
}

export interface DensityInput {
  modules: { id: string }[];
  dependencies: { from: string; to: string; kind: string; via?: string }[];
  sharedKernel: string[];
  compositionRoots?: string[];
}

export interface LayerDensity {
  layer: DensityLayer;
  files: number;
  /** Mean distinct project files imported. */
  project: number;
  /** Mean distinct domain-layer files imported (kernel aside). */
  domain: number;
  /** Median of the same. */
  domainMedian: number;
  /** Share of the layer's files importing at most one domain file. */
  atMostOne: number;
}

export interface DensityReport {
  files: number;
  barrels: number;
  layers: LayerDensity[];
  /** Over the files of the seven domain layers. */
  domainFiles: number;
  domainMean: number;
  domainMedian: number;
  projectMean: number;
  /** Every file but barrels, kernel and composition roots: distinct project files imported, kernel aside. */
  allFiles: number;
  allMean: number;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

export function measureDensity(analysis: DensityInput): DensityReport {
  const outgoing = new Map<string, { to: string; kind: string; via?: string }[]>();
  for (const dep of analysis.dependencies) outgoing.set(dep.from, [...(outgoing.get(dep.from) ?? []), dep]);
  const barrels = new Set(
    analysis.modules.map((m) => m.id).filter((id) => {
      const deps = outgoing.get(id) ?? [];
      return deps.length > 0 && deps.every((d) => d.kind === 'reexport');
    }),
  );
  const kernel = new Set(analysis.sharedKernel);
  const roots = new Set(analysis.compositionRoots ?? []);
  const perFile = new Map<string, { project: number; domain: number; nonKernel: number }>();
  for (const { id } of analysis.modules) {
    if (barrels.has(id)) continue;
    const deps = (outgoing.get(id) ?? []).filter((d) => d.kind !== 'reexport');
    const through = new Set(deps.map((d) => d.via).filter((v): v is string => v !== undefined));
    const targets = new Set(deps.map((d) => d.to).filter((to) => to !== id && !through.has(to) && !barrels.has(to)));
    const domain = [...targets].filter((to) => DOMAIN_LAYERS.includes(layerOf(to)) && !kernel.has(to)).length;
    const nonKernel = [...targets].filter((to) => !kernel.has(to)).length;
    perFile.set(id, { project: targets.size, domain, nonKernel });
  }
  const byLayer = new Map<DensityLayer, { project: number; domain: number; nonKernel: number }[]>();
  for (const [id, counts] of perFile) {
    const layer = layerOf(id);
    byLayer.set(layer, [...(byLayer.get(layer) ?? []), counts]);
  }
  const order: DensityLayer[] = [...DOMAIN_LAYERS, 'modules', 'other'];
  const layers = order
    .filter((layer) => byLayer.has(layer))
    .map((layer): LayerDensity => {
      const rows = byLayer.get(layer) ?? [];
      const domain = rows.map((r) => r.domain);
      return {
        layer,
        files: rows.length,
        project: mean(rows.map((r) => r.project)),
        domain: mean(domain),
        domainMedian: median(domain),
        atMostOne: domain.filter((d) => d <= 1).length / rows.length,
      };
    });
  const domainRows = DOMAIN_LAYERS.flatMap((layer) => byLayer.get(layer) ?? []);
  const allRows = [...perFile].filter(([id]) => !kernel.has(id) && !roots.has(id)).map(([, counts]) => counts.nonKernel);
  return {
    files: analysis.modules.length,
    barrels: barrels.size,
    layers,
    domainFiles: domainRows.length,
    domainMean: mean(domainRows.map((r) => r.domain)),
    domainMedian: median(domainRows.map((r) => r.domain)),
    projectMean: mean(domainRows.map((r) => r.project)),
    allFiles: allRows.length,
    allMean: mean(allRows),
  };
}

export function formatDensity(name: string, report: DensityReport): string {
  const lines = [
    `${name}: ${report.files} files (${report.barrels} barrels), ${report.domainFiles} in domain layers: ` +
      `${report.domainMean.toFixed(2)} domain imports per file (median ${report.domainMedian}), ${report.projectMean.toFixed(2)} project imports; ` +
      `all ${report.allFiles} files but barrels, kernel and roots: ${report.allMean.toFixed(2)} project imports, kernel aside`,
    '| layer | files | project imports | domain imports | median | <= 1 domain import |',
    '|---|---|---|---|---|---|',
  ];
  for (const l of report.layers) {
    lines.push(`| ${l.layer} | ${l.files} | ${l.project.toFixed(2)} | ${l.domain.toFixed(2)} | ${l.domainMedian} | ${Math.round(l.atMostOne * 100)}% |`);
  }
  return lines.join('\n');
}

function runCli(argv: string[]): void {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { name: { type: 'string' } } });
  const file = positionals[0];
  if (!file) throw new Error('usage: import-density <analysis.json> [--name label]');
  const analysis = JSON.parse(readFileSync(file, 'utf8')) as DensityInput;
  process.stdout.write(`${formatDensity(values.name ?? file, measureDensity(analysis))}\n`);
}

runScript(import.meta.url, 'import-density', runCli);
