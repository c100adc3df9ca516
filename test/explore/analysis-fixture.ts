// Builders of Analysis values for the explore tests: a small shop, one context, no data access, and a
// large seeded one (5,000 files, 40 contexts). Metrics are computed from the edges the way the
// contexts stage defines them, so the numbers on screen can be checked against the input.
import type { Analysis, ContextReadiness, ContextRecord, DataAccessRecord, DependencyRecord, EntityRecord, ModuleRecord, PlanStep } from '../../src/shared/analysis.js';

export interface FixtureContext {
  id: string;
  files: string[];
  /** Entities the context owns: [entity id, table]. */
  entities?: Array<[string, string]>;
  /** The plan's readiness; absent as in an analysis.json from before readiness. */
  readiness?: ContextReadiness;
}

export interface FixtureEdge {
  from: string;
  to: string;
  weight?: number;
  symbols?: string[];
  lines?: number[];
  kind?: DependencyRecord['kind'];
}

export interface FixtureAccess {
  module: string;
  entity: string;
  mode: 'read' | 'write';
  lines?: number[];
}

export interface FixtureSpec {
  contexts: FixtureContext[];
  /** Files in no context. */
  kernel?: string[];
  edges?: FixtureEdge[];
  access?: FixtureAccess[];
  steps?: PlanStep[];
  verdict?: Analysis['plan']['verdict'];
  cycles?: Analysis['plan']['cycles'];
}

/** A plan step with every field the plan stage writes, empty unless given. */
export function planStep(step: Pick<PlanStep, 'rank' | 'context' | 'coupling'> & Partial<PlanStep>): PlanStep {
  return {
    breakdown: { inbound: 0, outbound: 0, data: 0, cycles: 0, score: step.coupling },
    size: 0,
    loc: 0,
    churn: null,
    facade: { entryPoints: [], wiring: [] },
    inboundSeams: [],
    outboundSeams: [],
    data: { owned: [], shared: [], foreign: [] },
    after: [],
    prerequisites: [],
    sharedKernel: [],
    effort: {
      points: 1,
      size: 'S',
      counts: { entryPoints: 0, operations: 0, callSites: 0, outboundSeams: 0, syncSeams: 0, tablesOwned: 0, tablesShared: 0, cycleBreaks: 0, loc: 0 },
    },
    ...step,
  };
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function buildAnalysis(spec: FixtureSpec): Analysis {
  const contextOf = new Map<string, string>();
  for (const context of spec.contexts) for (const file of context.files) contextOf.set(file, context.id);
  const modules: ModuleRecord[] = [...contextOf.keys(), ...(spec.kernel ?? [])].sort(byString).map((id) => ({
    id,
    loc: 10 + (id.length % 40),
    context: contextOf.get(id) ?? null,
    external: {},
    unresolvedDataAccess: 0,
    entryPoints: [],
  }));
  const dependencies: DependencyRecord[] = (spec.edges ?? []).map((edge) => ({
    from: edge.from,
    to: edge.to,
    kind: edge.kind ?? 'import',
    weight: edge.weight ?? 1,
    symbols: edge.symbols ?? [],
    locations: (edge.lines ?? [1]).map((line) => ({ line })),
    calls: { used: 0, discarded: 0 },
  }));
  dependencies.sort((a, b) => byString(a.from, b.from) || byString(a.to, b.to));
  const entities: EntityRecord[] = spec.contexts
    .flatMap((context) => (context.entities ?? []).map(([id, table]) => ({ id, table, orm: 'typeorm' as const, definedIn: context.files[0] ?? null, line: 3 })))
    .sort((a, b) => byString(a.id, b.id));
  const dataAccess: DataAccessRecord[] = (spec.access ?? []).map((access) => ({
    module: access.module,
    entity: access.entity,
    mode: access.mode,
    orm: 'typeorm',
    operations: [access.mode === 'read' ? 'find' : 'save'],
    locations: (access.lines ?? [5]).map((line) => ({ line })),
  }));
  const contexts = spec.contexts.map((context) => contextRecord(context, dependencies, dataAccess, contextOf, entities));
  return {
    schemaVersion: 1,
    tool: { name: 'carve', version: '0.0.0-test' },
    root: '.',
    summary: {
      files: modules.length,
      dependencies: dependencies.length,
      externalImports: 0,
      unresolvedImports: 0,
      entities: entities.length,
      dataAccesses: dataAccess.length,
      contexts: contexts.length,
      warnings: 0,
    },
    modules,
    dependencies,
    entities,
    dataAccess,
    contexts,
    sharedKernel: [...(spec.kernel ?? [])].sort(byString),
    godModules: [],
    compositionRoots: [],
    metrics: { modularity: 0.5 },
    plan: {
      ...(spec.verdict ? { verdict: spec.verdict } : {}),
      ...(spec.cycles ? { cycles: spec.cycles } : {}),
      steps: spec.steps ?? [],
    },
    diagnostics: [],
  };
}

function contextRecord(
  context: FixtureContext,
  dependencies: DependencyRecord[],
  dataAccess: DataAccessRecord[],
  contextOf: Map<string, string>,
  entities: EntityRecord[],
): ContextRecord {
  let internal = 0;
  let cross = 0;
  const inbound: Record<string, number> = {};
  const outbound: Record<string, number> = {};
  for (const dependency of dependencies) {
    const from = contextOf.get(dependency.from);
    const to = contextOf.get(dependency.to);
    if (from !== context.id && to !== context.id) continue;
    if (from === to) internal += dependency.weight;
    else {
      cross += dependency.weight;
      if (from === context.id && to) outbound[to] = (outbound[to] ?? 0) + dependency.weight;
      if (to === context.id && from) inbound[from] = (inbound[from] ?? 0) + dependency.weight;
    }
  }
  const owned = new Set((context.entities ?? []).map(([id]) => id));
  const tableOf = new Map(entities.map((entity) => [entity.id, entity.table]));
  const shared = new Set<string>();
  for (const access of dataAccess) {
    const accessor = contextOf.get(access.module);
    if (owned.has(access.entity) && accessor !== context.id) shared.add(tableOf.get(access.entity) ?? access.entity);
  }
  const total = internal + cross;
  return {
    id: context.id,
    modules: [...context.files].sort(byString),
    entities: [...owned].sort(byString),
    origin: 'detected',
    metrics: {
      size: context.files.length,
      loc: context.files.length * 20,
      cohesion: total === 0 ? 1 : internal / total,
      coupling: total === 0 ? 0 : cross / total,
      stability: 1,
      inbound,
      outbound,
      tablesOwned: (context.entities ?? []).map(([, table]) => table).sort(byString),
      tablesShared: [...shared].sort(byString),
    },
    ...(context.readiness ? { readiness: context.readiness } : {}),
  };
}

/** Three contexts with cross imports, a shared table and a plan with seams and data strategies. */
export function shopAnalysis(): Analysis {
  return buildAnalysis({
    contexts: [
      {
        id: 'catalog',
        files: ['src/catalog/product.entity.ts', 'src/catalog/product.service.ts', 'src/catalog/index.ts'],
        entities: [['Product', 'products']],
        readiness: { level: 'needs-seams', reasons: ['orders (products) reads its tables: serve them through its API'] },
      },
      {
        id: 'orders',
        files: ['src/orders/order.entity.ts', 'src/orders/order.service.ts', 'src/orders/order.controller.ts'],
        entities: [['Order', 'orders']],
        readiness: { level: 'extract-now', reasons: ['in no cycle, and shares no table with another context', '1 inbound call site from 1 context uses 1 operation: a narrow interface'] },
      },
      { id: 'payments', files: ['src/payments/payment.entity.ts', 'src/payments/payment.service.ts'], entities: [['Payment', 'payments']] },
    ],
    kernel: ['src/shared/logger.ts'],
    edges: [
      { from: 'src/orders/order.service.ts', to: 'src/catalog/product.service.ts', weight: 7, symbols: ['findProduct', 'priceOf'], lines: [3, 4] },
      { from: 'src/orders/order.controller.ts', to: 'src/orders/order.service.ts', weight: 5, symbols: ['createOrder'], lines: [2] },
      { from: 'src/orders/order.service.ts', to: 'src/orders/order.entity.ts', weight: 4, symbols: ['Order'], lines: [1] },
      { from: 'src/payments/payment.service.ts', to: 'src/orders/order.service.ts', weight: 2, symbols: ['markPaid'], lines: [6] },
      { from: 'src/payments/payment.service.ts', to: 'src/payments/payment.entity.ts', weight: 3, symbols: ['Payment'], lines: [1] },
      { from: 'src/catalog/index.ts', to: 'src/catalog/product.service.ts', weight: 1, kind: 'reexport', lines: [1] },
      { from: 'src/catalog/product.service.ts', to: 'src/shared/logger.ts', weight: 1, symbols: ['log'], lines: [2] },
    ],
    access: [
      { module: 'src/catalog/product.service.ts', entity: 'Product', mode: 'write', lines: [12] },
      { module: 'src/orders/order.service.ts', entity: 'Product', mode: 'read', lines: [21, 30] },
      { module: 'src/orders/order.service.ts', entity: 'Order', mode: 'write', lines: [25] },
      { module: 'src/payments/payment.service.ts', entity: 'Payment', mode: 'write', lines: [9] },
    ],
    verdict: { decision: 'extract', headline: 'three contexts, one shared table', reasons: ['modularity 0.50'] },
    steps: [
      planStep({
        rank: 1,
        context: 'payments',
        coupling: 0.2,
        size: 2,
        loc: 40,
        facade: { entryPoints: [{ kind: 'http', name: 'POST /payments', file: 'src/payments/payment.service.ts', line: 3 }], wiring: [] },
        outboundSeams: [
          {
            from: 'payments',
            to: 'orders',
            weight: 2,
            antiCorruptionLayer: false,
            reason: 'one call',
            seams: [
              {
                module: 'src/orders/order.service.ts',
                symbols: ['markPaid'],
                style: 'sync',
                isOnRequestPath: true,
                isIdempotent: false,
                resilience: { timeoutMs: 2000, retry: 'idempotency-key', circuitBreaker: true, fallback: null },
                sites: [{ file: 'src/payments/payment.service.ts', line: 6 }],
              },
            ],
          },
        ],
        data: { owned: ['payments'], shared: [], foreign: [] },
      }),
      planStep({
        rank: 2,
        context: 'catalog',
        coupling: 0.35,
        inboundSeams: [
          {
            name: 'ProductService',
            module: 'src/catalog/product.service.ts',
            operations: [
              { symbol: 'findProduct', style: 'sync', callers: [{ file: 'src/orders/order.service.ts', line: 3, context: 'orders' }] },
              { symbol: 'priceOf', style: 'sync', callers: [{ file: 'src/orders/order.service.ts', line: 4, context: 'orders' }] },
            ],
          },
        ],
        data: {
          owned: [],
          shared: [
            {
              table: 'products',
              entities: ['Product'],
              owner: 'catalog',
              writers: ['catalog'],
              readers: ['orders'],
              strategy: 'read-model',
              reason: 'orders only reads it',
              consumers: [{ context: 'orders', mode: 'read', strategy: 'read-model', sites: [{ file: 'src/orders/order.service.ts', line: 21 }] }],
            },
          ],
          foreign: [],
        },
        effort: { points: 8, size: 'M', counts: { entryPoints: 0, operations: 2, callSites: 2, outboundSeams: 0, syncSeams: 0, tablesOwned: 0, tablesShared: 1, cycleBreaks: 0, loc: 60 } },
      }),
      planStep({ rank: 3, context: 'orders', coupling: 0.5, after: ['catalog'], prerequisites: ['publish product changes from catalog'] }),
    ],
  });
}

/** One context holding every file: no cross-context pairs at all. */
export function oneContextAnalysis(): Analysis {
  return buildAnalysis({
    contexts: [{ id: 'app', files: ['src/a.ts', 'src/b.ts', 'src/c.ts'], entities: [['User', 'users']] }],
    edges: [
      { from: 'src/a.ts', to: 'src/b.ts', weight: 3, symbols: ['b'] },
      { from: 'src/b.ts', to: 'src/c.ts', weight: 2, symbols: ['c'] },
    ],
    access: [{ module: 'src/c.ts', entity: 'User', mode: 'read' }],
    steps: [planStep({ rank: 1, context: 'app', coupling: 0 })],
  });
}

/** The shop without entities or data access. */
export function noDataAccessAnalysis(): Analysis {
  const shop = shopAnalysis();
  const contexts = shop.contexts.map((context) => ({ ...context, entities: [], metrics: { ...context.metrics, tablesOwned: [], tablesShared: [] } }));
  return { ...shop, entities: [], dataAccess: [], contexts, summary: { ...shop.summary, entities: 0, dataAccesses: 0 } };
}

/** Deterministic LCG: tests must not depend on Math.random. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `files` files spread over `contexts` contexts, about four imports per file, a fifth of them crossing. */
export function largeAnalysis(files = 5000, contexts = 40, seed = 7): Analysis {
  const random = seededRandom(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const contextIds = Array.from({ length: contexts }, (_, i) => `ctx${String(i).padStart(2, '0')}`);
  const filesOf: string[][] = contextIds.map(() => []);
  for (let i = 0; i < files; i += 1) {
    const c = i % contexts;
    filesOf[c]!.push(`src/${contextIds[c]}/module-${String(i).padStart(5, '0')}.ts`);
  }
  const edges: FixtureEdge[] = [];
  const seen = new Set<string>();
  for (let c = 0; c < contexts; c += 1) {
    for (const from of filesOf[c]!) {
      for (let k = 0; k < 4; k += 1) {
        const target = random() < 0.2 ? pick(contexts) : c;
        const to = filesOf[target]![pick(filesOf[target]!.length)]!;
        if (to === from || seen.has(`${from}>${to}`)) continue;
        seen.add(`${from}>${to}`);
        edges.push({ from, to, weight: 1 + pick(6), symbols: [`use${k}`], lines: [k + 1] });
      }
    }
  }
  const access: FixtureAccess[] = [];
  for (let c = 0; c < contexts; c += 1) {
    for (let k = 0; k < 6; k += 1) {
      const target = random() < 0.15 ? pick(contexts) : c;
      access.push({ module: filesOf[c]![pick(filesOf[c]!.length)]!, entity: `Entity${target}`, mode: random() < 0.5 ? 'read' : 'write', lines: [10 + k] });
    }
  }
  const fixtureContexts = contextIds.map((id, c) => ({ id, files: filesOf[c]!, entities: [[`Entity${c}`, `table_${c}`]] as Array<[string, string]> }));
  const analysis = buildAnalysis({ contexts: fixtureContexts, edges, access });
  const ranked = [...analysis.contexts].sort((a, b) => a.metrics.coupling - b.metrics.coupling || byString(a.id, b.id));
  analysis.plan = { steps: ranked.map((context, i) => planStep({ rank: i + 1, context: context.id, coupling: context.metrics.coupling, data: { owned: context.metrics.tablesOwned, shared: [], foreign: [] } })) };
  return analysis;
}
