// Hand-built Analysis objects for the plan and report tests: contexts, imports with their calls, tables
// and who reads or writes them, entry points. `shopAnalysis()` models the sample shop in miniature.
import type { Analysis, ContextRecord, DependencyRecord, EntityRecord } from '../../src/shared/analysis.js';
import type { AccessMode, EntryPointFact, ImportKind, RepoPath } from '../../src/shared/facts.js';

export interface ImportSpec {
  symbols?: string[];
  kind?: ImportKind;
  /** Default: number of symbols + 1. */
  weight?: number;
  used?: number;
  discarded?: number;
  lines?: number[];
  via?: RepoPath;
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class AnalysisBuilder {
  private readonly contexts = new Map<string, RepoPath[]>();
  private readonly others = new Set<RepoPath>();
  private readonly kernel = new Set<RepoPath>();
  private readonly dependencies: DependencyRecord[] = [];
  private readonly entities: EntityRecord[] = [];
  private readonly access = new Map<string, Analysis['dataAccess'][number]>();
  private readonly entryPoints = new Map<RepoPath, EntryPointFact[]>();
  private readonly loc = new Map<RepoPath, number>();
  private modularity = 0.6;

  context(id: string, files: RepoPath[]): this {
    this.contexts.set(id, [...(this.contexts.get(id) ?? []), ...files]);
    return this;
  }

  /** Files in no context (composition roots); with `isKernel`, the shared kernel. */
  outside(files: RepoPath[], isKernel = false): this {
    for (const file of files) {
      this.others.add(file);
      if (isKernel) this.kernel.add(file);
    }
    return this;
  }

  imports(from: RepoPath, to: RepoPath, spec: ImportSpec = {}): this {
    const symbols = spec.symbols ?? [];
    this.dependencies.push({
      from,
      to,
      kind: spec.kind ?? 'import',
      weight: spec.weight ?? symbols.length + 1,
      symbols: [...symbols].sort(byString),
      locations: (spec.lines ?? [1]).map((line) => ({ line })),
      calls: { used: spec.used ?? 0, discarded: spec.discarded ?? 0 },
      ...(spec.via === undefined ? {} : { via: spec.via }),
    });
    return this;
  }

  entity(id: string, table: string, definedIn: RepoPath | null): this {
    this.entities.push({ id, table, orm: 'typeorm', definedIn, line: definedIn === null ? null : 1 });
    return this;
  }

  reads(module: RepoPath, entity: string, lines: number[] = [1]): this {
    return this.touch(module, entity, 'read', lines);
  }

  writes(module: RepoPath, entity: string, lines: number[] = [1]): this {
    return this.touch(module, entity, 'write', lines);
  }

  route(file: RepoPath, name: string, line: number, kind: EntryPointFact['kind'] = 'http'): this {
    this.entryPoints.set(file, [...(this.entryPoints.get(file) ?? []), { kind, name, line }]);
    return this;
  }

  linesOfCode(file: RepoPath, loc: number): this {
    this.loc.set(file, loc);
    return this;
  }

  withModularity(modularity: number): this {
    this.modularity = modularity;
    return this;
  }

  private touch(module: RepoPath, entity: string, mode: AccessMode, lines: number[]): this {
    const key = `${module}\u0000${entity}\u0000${mode}`;
    const existing = this.access.get(key);
    if (existing) existing.locations.push(...lines.map((line) => ({ line })));
    else this.access.set(key, { module, entity, mode, orm: 'typeorm', operations: [mode === 'write' ? 'save' : 'find'], locations: lines.map((line) => ({ line })) });
    return this;
  }

  build(): Analysis {
    const contextOf = new Map<RepoPath, string>();
    for (const [id, files] of this.contexts) for (const file of files) contextOf.set(file, id);
    const files = [...new Set([...contextOf.keys(), ...this.others])].sort(byString);
    const modules = files.map((id) => ({
      id,
      loc: this.loc.get(id) ?? 40,
      context: contextOf.get(id) ?? null,
      external: {},
      unresolvedDataAccess: 0,
      entryPoints: [...(this.entryPoints.get(id) ?? [])].sort((a, b) => a.line - b.line),
    }));
    const contexts: ContextRecord[] = [...this.contexts.keys()].sort(byString).map((id) => {
      const own = files.filter((file) => contextOf.get(file) === id);
      return {
        id,
        modules: own,
        entities: this.entities.filter((entity) => entity.definedIn !== null && contextOf.get(entity.definedIn) === id).map((entity) => entity.id).sort(byString),
        origin: 'detected',
        metrics: {
          size: own.length,
          loc: own.reduce((sum, file) => sum + (this.loc.get(file) ?? 40), 0),
          cohesion: 1,
          coupling: 0,
          stability: 1,
          inbound: {},
          outbound: {},
          tablesOwned: [],
          tablesShared: [],
        },
      };
    });
    const dataAccess = [...this.access.values()].sort(
      (a, b) => byString(a.module, b.module) || byString(a.entity, b.entity) || byString(a.mode, b.mode),
    );
    const dependencies = [...this.dependencies].sort((a, b) => byString(a.from, b.from) || byString(a.to, b.to) || byString(a.kind, b.kind));
    return {
      schemaVersion: 1,
      tool: { name: 'carve', version: '0.0.0-test' },
      root: '.',
      summary: {
        files: files.length,
        dependencies: dependencies.length,
        externalImports: 0,
        unresolvedImports: 0,
        entities: this.entities.length,
        dataAccesses: dataAccess.length,
        contexts: contexts.length,
        warnings: 0,
      },
      modules,
      dependencies,
      entities: [...this.entities].sort((a, b) => byString(a.id, b.id)),
      dataAccess,
      contexts,
      sharedKernel: [...this.kernel].sort(byString),
      godModules: [],
      compositionRoots: [],
      metrics: { modularity: this.modularity },
      plan: { steps: [] },
      diagnostics: [],
    };
  }
}

/**
 * The sample shop in miniature: notifications only reacts to events (a leaf), orders and payments call
 * each other, orders holds the god service (checkout reaches into cart, catalog, customers and
 * payments), carts are written by cart and checkout alike, customers read by notifications, and
 * reporting reads everybody's tables. Every file has 500 lines, so the verdict is about structure.
 */
export function shopAnalysis(): Analysis {
  const builder = new AnalysisBuilder()
    .context('catalog', ['src/catalog/product.entity.ts', 'src/catalog/product.service.ts', 'src/catalog/catalog.controller.ts'])
    .context('cart', ['src/cart/cart.entity.ts', 'src/cart/cart.service.ts', 'src/cart/cart.controller.ts'])
    .context('customers', ['src/customers/customer.entity.ts', 'src/customers/customer.service.ts', 'src/customers/customer.controller.ts'])
    .context('orders', ['src/orders/order.entity.ts', 'src/orders/order.service.ts', 'src/orders/checkout.service.ts', 'src/orders/order.controller.ts'])
    .context('payments', ['src/payments/payment.entity.ts', 'src/payments/payment.service.ts', 'src/payments/payment.controller.ts'])
    .context('notifications', ['src/notifications/notification.entity.ts', 'src/notifications/notification.service.ts', 'src/notifications/handlers.ts'])
    .context('reporting', ['src/reporting/sales-report.ts', 'src/reporting/report.controller.ts', 'src/reporting/snapshot.entity.ts'])
    .outside(['src/shared/logger.ts', 'src/events/event-bus.ts'], true)
    .outside(['src/main.ts']);
  // Inside each context: controller -> service -> entity.
  for (const [folder, name] of [['catalog', 'product'], ['cart', 'cart'], ['customers', 'customer'], ['orders', 'order'], ['payments', 'payment']] as const) {
    const controller = folder === 'catalog' ? 'src/catalog/catalog.controller.ts' : `src/${folder}/${name}.controller.ts`;
    builder.imports(controller, `src/${folder}/${name}.service.ts`, { symbols: [`${name}Service`], used: 3, weight: 6, lines: [2] });
    builder.imports(`src/${folder}/${name}.service.ts`, `src/${folder}/${name}.entity.ts`, { symbols: [name[0]!.toUpperCase() + name.slice(1)], weight: 5, lines: [1] });
    builder.imports(`src/${folder}/${name}.service.ts`, 'src/shared/logger.ts', { symbols: ['log'], used: 2, lines: [3] });
    builder.route(controller, `GET /${folder}`, 10).route(controller, `POST /${folder}`, 20);
  }
  builder
    .imports('src/notifications/handlers.ts', 'src/notifications/notification.service.ts', { symbols: ['notify'], used: 4, weight: 8, lines: [2] })
    .imports('src/notifications/notification.service.ts', 'src/notifications/notification.entity.ts', { symbols: ['Notification'], weight: 5, lines: [1] })
    .imports('src/notifications/handlers.ts', 'src/events/event-bus.ts', { symbols: ['bus'], discarded: 3, lines: [1] })
    .route('src/notifications/handlers.ts', 'order.placed', 12, 'handler')
    .route('src/notifications/handlers.ts', 'payment.failed', 13, 'handler')
    .imports('src/reporting/report.controller.ts', 'src/reporting/sales-report.ts', { symbols: ['salesReport'], used: 2, weight: 6, lines: [2] })
    .imports('src/reporting/sales-report.ts', 'src/reporting/snapshot.entity.ts', { symbols: ['Snapshot'], weight: 5, lines: [1] })
    .route('src/reporting/report.controller.ts', 'GET /reports/sales', 8)
    .imports('src/orders/order.controller.ts', 'src/orders/checkout.service.ts', { symbols: ['checkout'], used: 1, weight: 4, lines: [3] })
    .imports('src/orders/checkout.service.ts', 'src/orders/order.entity.ts', { symbols: ['Order'], weight: 4, lines: [1] })
    // The god service: checkout reaches into four other contexts.
    .imports('src/orders/checkout.service.ts', 'src/cart/cart.service.ts', { symbols: ['currentCart', 'markConverted'], used: 2, weight: 6, lines: [4] })
    .imports('src/orders/checkout.service.ts', 'src/catalog/product.service.ts', { symbols: ['getPrice', 'reserveStock'], used: 2, weight: 6, lines: [5] })
    .imports('src/orders/checkout.service.ts', 'src/customers/customer.service.ts', { symbols: ['findCustomer'], used: 1, weight: 3, lines: [6] })
    .imports('src/orders/checkout.service.ts', 'src/payments/payment.service.ts', { symbols: ['authorize'], used: 1, weight: 4, lines: [7] })
    .imports('src/orders/checkout.service.ts', 'src/events/event-bus.ts', { symbols: ['bus'], discarded: 1, lines: [8] })
    .imports('src/cart/cart.service.ts', 'src/catalog/product.service.ts', { symbols: ['getPrice'], used: 1, weight: 3, lines: [4] })
    // The cycle: orders refunds through payments, payments marks orders paid and maps Order.
    .imports('src/orders/order.service.ts', 'src/payments/payment.service.ts', { symbols: ['refund'], used: 1, weight: 3, lines: [6] })
    .imports('src/payments/payment.service.ts', 'src/orders/order.service.ts', { symbols: ['markPaid'], discarded: 1, weight: 2, lines: [5] })
    .imports('src/payments/payment.entity.ts', 'src/orders/order.entity.ts', { symbols: ['Order'], weight: 2, lines: [3] })
    // Wiring: main registers the handlers and the controllers.
    .imports('src/main.ts', 'src/notifications/handlers.ts', { symbols: ['registerHandlers'], used: 1, lines: [4] })
    .imports('src/main.ts', 'src/orders/order.controller.ts', { symbols: ['OrderController'], lines: [5] })
    .entity('Product', 'products', 'src/catalog/product.entity.ts')
    .entity('Cart', 'carts', 'src/cart/cart.entity.ts')
    .entity('Customer', 'customers', 'src/customers/customer.entity.ts')
    .entity('Order', 'orders', 'src/orders/order.entity.ts')
    .entity('Payment', 'payments', 'src/payments/payment.entity.ts')
    .entity('Notification', 'notifications', 'src/notifications/notification.entity.ts')
    .entity('Snapshot', 'report_snapshots', 'src/reporting/snapshot.entity.ts')
    .writes('src/catalog/product.service.ts', 'Product', [20, 30])
    .writes('src/cart/cart.service.ts', 'Cart', [12, 18])
    .reads('src/cart/cart.service.ts', 'Product', [25])
    .writes('src/orders/checkout.service.ts', 'Cart', [40, 44])
    .writes('src/orders/checkout.service.ts', 'Order', [50])
    .writes('src/orders/order.service.ts', 'Order', [15, 22])
    .reads('src/orders/order.service.ts', 'Order', [10])
    .writes('src/customers/customer.service.ts', 'Customer', [9])
    .writes('src/payments/payment.service.ts', 'Payment', [11, 14])
    .writes('src/notifications/notification.service.ts', 'Notification', [30])
    .reads('src/notifications/notification.service.ts', 'Customer', [21])
    .writes('src/reporting/sales-report.ts', 'Snapshot', [40])
    .reads('src/reporting/sales-report.ts', 'Order', [15])
    .reads('src/reporting/sales-report.ts', 'Payment', [16])
    .reads('src/reporting/sales-report.ts', 'Product', [17])
    .reads('src/reporting/sales-report.ts', 'Customer', [18]);
  for (const file of builder.build().modules) builder.linesOfCode(file.id, 500);
  return builder.build();
}
