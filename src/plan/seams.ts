// The seams of one context: the facade (entry points that move behind the router, and the wiring that
// registers the context today), the inbound interface other contexts use (grouped by the file that
// provides it, each operation with its callers), and the outbound dependencies with their style, the
// resilience each synchronous call needs once it crosses a network, and whether an anti-corruption
// layer is warranted.
import type {
  Facade,
  FacadeEntry,
  InboundInterface,
  OutboundDependency,
  OutboundSeam,
  PlanCaller,
  PlanSite,
  Resilience,
  SeamOperation,
  SeamStyle,
} from '../shared/analysis.js';
import type { RepoPath } from '../shared/facts.js';
import { compareStrings, sortedUnique } from '../shared/sort.js';
import type { CrossEdge, PlanIndex } from './plan-index.js';
import { interfaceName, isReadName, strongerStyle } from './seam-style.js';
import { possessive } from './wording.js';

/** Starting budgets: a request waits for its dependencies; a job or handler can wait longer. */
export const REQUEST_TIMEOUT_MS = 2000;
export const BACKGROUND_TIMEOUT_MS = 10000;
/** An outbound dependency using this many symbols of the other context gets an anti-corruption layer. */
export const ACL_MIN_SYMBOLS = 5;

/** Stands for an import that binds nothing (`import './x'`). */
const NO_SYMBOL = '(module)';

function compareSites(a: PlanSite, b: PlanSite): number {
  return compareStrings(a.file, b.file) || a.line - b.line;
}

function uniqueSites<T extends PlanSite>(sites: T[]): T[] {
  const seen = new Set<string>();
  return sites.sort(compareSites).filter((site) => {
    const key = `${site.file}\u0000${site.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function buildFacade(index: PlanIndex, context: string, modules: readonly RepoPath[]): Facade {
  const entryPoints: FacadeEntry[] = [];
  for (const module of modules) {
    for (const entryPoint of index.entryPointsOf.get(module) ?? []) {
      entryPoints.push({ kind: entryPoint.kind, name: entryPoint.name, file: module, line: entryPoint.line });
    }
  }
  entryPoints.sort((a, b) => compareSites(a, b) || compareStrings(a.name, b.name));
  const wiring = index.wiring
    .filter((edge) => edge.toContext === context)
    .flatMap((edge) => edge.lines.map((line) => ({ file: edge.from, line, symbols: edge.symbols })));
  const merged = new Map<string, PlanSite & { symbols: string[] }>();
  for (const site of wiring) {
    const key = `${site.file}\u0000${site.line}`;
    const existing = merged.get(key);
    if (existing) existing.symbols = sortedUnique([...existing.symbols, ...site.symbols]);
    else merged.set(key, { ...site, symbols: sortedUnique(site.symbols) });
  }
  return { entryPoints, wiring: [...merged.values()].sort(compareSites) };
}

export function buildInbound(index: PlanIndex, context: string): InboundInterface[] {
  const byModule = new Map<RepoPath, Map<string, { style: SeamStyle; callers: PlanCaller[] }>>();
  for (const edge of index.cross) {
    if (edge.toContext !== context) continue;
    const operations = byModule.get(edge.to) ?? new Map<string, { style: SeamStyle; callers: PlanCaller[] }>();
    byModule.set(edge.to, operations);
    for (const symbol of edge.symbols.length > 0 ? edge.symbols : [NO_SYMBOL]) {
      const operation = operations.get(symbol);
      const callers = edge.lines.map((line) => ({ file: edge.from, line, context: edge.fromContext }));
      if (operation) {
        operation.style = strongerStyle(operation.style, edge.style);
        operation.callers.push(...callers);
      } else {
        operations.set(symbol, { style: edge.style, callers });
      }
    }
  }
  return [...byModule.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([module, operations]) => ({
      name: interfaceName(module),
      module,
      operations: [...operations.entries()]
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([symbol, { style, callers }]): SeamOperation => ({ symbol, style, callers: uniqueSites(callers) })),
    }));
}

export function resilienceFor(isOnRequestPath: boolean, isIdempotent: boolean): Resilience {
  let fallback: string | null = null;
  if (isOnRequestPath) {
    fallback = isIdempotent ? 'serve the last good answer from a cache, or a degraded response' : 'fail fast with a clear error; queue the command when it can wait';
  }
  return {
    timeoutMs: isOnRequestPath ? REQUEST_TIMEOUT_MS : BACKGROUND_TIMEOUT_MS,
    retry: isIdempotent ? 'backoff' : 'idempotency-key',
    circuitBreaker: isOnRequestPath,
    fallback,
  };
}

function toSeam(module: RepoPath, edges: readonly CrossEdge[], requestPath: ReadonlySet<RepoPath>): OutboundSeam {
  const symbols = sortedUnique(edges.flatMap((edge) => (edge.symbols.length > 0 ? edge.symbols : [NO_SYMBOL])));
  const style = edges.map((edge) => edge.style).reduce(strongerStyle);
  const isOnRequestPath = edges.some((edge) => requestPath.has(edge.from));
  const isIdempotent = symbols.every(isReadName);
  return {
    module,
    symbols,
    style,
    isOnRequestPath,
    isIdempotent,
    resilience: style === 'sync' ? resilienceFor(isOnRequestPath, isIdempotent) : null,
    sites: uniqueSites(edges.flatMap((edge) => edge.lines.map((line) => ({ file: edge.from, line })))),
  };
}

function antiCorruption(from: string, to: string, seams: readonly OutboundSeam[]): { antiCorruptionLayer: boolean; reason: string } {
  const symbols = sortedUnique(seams.flatMap((seam) => seam.symbols));
  const entities = sortedUnique(seams.filter((seam) => seam.style === 'data').flatMap((seam) => seam.symbols));
  if (entities.length > 0) {
    return { antiCorruptionLayer: true, reason: `${from} uses ${possessive(to)} entity classes (${entities.join(', ')}): translate them at one place so ${possessive(to)} persistence model stays out of ${from}` };
  }
  if (seams.every((seam) => seam.style === 'contract' || seam.style === 'wiring')) {
    return { antiCorruptionLayer: false, reason: 'only shared code, types or wiring: publish them as a package (or copy them); no client needed' };
  }
  if (symbols.length >= ACL_MIN_SYMBOLS) {
    return { antiCorruptionLayer: true, reason: `${from} uses ${symbols.length} symbols of ${to}: translate ${possessive(to)} model at one place instead of everywhere` };
  }
  return { antiCorruptionLayer: false, reason: `narrow (${symbols.length} symbol${symbols.length === 1 ? '' : 's'}, no entity classes): a plain client will do` };
}

export function buildOutbound(index: PlanIndex, context: string): OutboundDependency[] {
  const byTarget = new Map<string, Map<RepoPath, CrossEdge[]>>();
  for (const edge of index.cross) {
    if (edge.fromContext !== context) continue;
    const modules = byTarget.get(edge.toContext) ?? new Map<RepoPath, CrossEdge[]>();
    byTarget.set(edge.toContext, modules);
    const list = modules.get(edge.to);
    if (list) list.push(edge);
    else modules.set(edge.to, [edge]);
  }
  return [...byTarget.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([to, modules]) => {
      const seams = [...modules.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([module, edges]) => toSeam(module, edges, index.requestPath));
      const weight = round([...modules.values()].flat().reduce((sum, edge) => sum + edge.weight, 0));
      return { from: context, to, weight, ...antiCorruption(context, to, seams), seams };
    });
}
