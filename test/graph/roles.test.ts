// The classifier before clustering (src/graph/roles.ts) and the syntax facts it reads
// (src/extract/roles/scan-role-facts.ts): each rule once, and files that must stay domain.
import { describe, expect, it } from 'vitest';
import { DECLARED_MAX_GROUP, classifyModules, declaredTies, roleBySyntax } from '../../src/graph/roles.js';
import { createRoleScanner, resolveRoleFacts } from '../../src/extract/roles/scan-role-facts.js';
import { parseSource } from '../../src/extract/file-facts.js';
import { walkTree } from '../../src/extract/imports/scan-imports.js';
import type { ExtractResult } from '../../src/extract/types.js';
import type { DependencyRecord } from '../../src/shared/analysis.js';
import type { ImportFact, RoleFacts } from '../../src/shared/facts.js';
import { fileFacts } from '../helpers/file-facts.js';

/** Role facts of a source text; `imports` maps local names to the project files they come from. */
function factsOf(path: string, text: string, imports: Record<string, string> = {}): RoleFacts | undefined {
  const sourceFile = parseSource(path, text);
  const scanner = createRoleScanner(sourceFile);
  walkTree(sourceFile, scanner.visit);
  const importFacts: ImportFact[] = Object.entries(imports).map(([local, module]) => ({
    specifier: `./${local}`,
    kind: 'import',
    line: 1,
    resolved: module,
    external: null,
    isUnresolved: false,
    bindings: [{ imported: local, local, isTypeOnly: false, references: 1, members: [], referenceLines: [1], discardedCalls: 0, usedCalls: 0 }],
  }));
  return resolveRoleFacts(path, text, scanner.finish(), importFacts);
}

function roleOf(path: string, text: string, imports: Record<string, string> = {}): string | undefined {
  const facts = factsOf(path, text, imports);
  return roleBySyntax(fileFacts(path, facts ? { roleFacts: facts } : {}))?.role;
}

describe('roles by syntax', () => {
  it('finds Nest and Angular module declarations as wiring', () => {
    expect(roleOf('src/users/users.module.ts', '@Module({ providers: [] }) export class UsersModule {}')).toBe('wiring');
    expect(roleOf('src/app/app.ts', '@NgModule({}) export class AppModule {}')).toBe('wiring');
  });

  it('finds a router mounting three project files as wiring, not a router with one', () => {
    const imports = { users: 'src/routes/users.ts', orders: 'src/routes/orders.ts', auth: 'src/middleware/auth.ts' };
    const aggregator = "const router = Router(); router.use('/users', auth(), users); router.use('/orders', orders.routes()); export default router;";
    expect(roleOf('src/routes/index.ts', aggregator, imports)).toBe('wiring');
    expect(roleOf('src/routes/index.ts', "const router = Router(); router.use('/users', users); export default router;", imports)).toBeUndefined();
  });

  it('finds DI provider files and factories constructing project classes as wiring', () => {
    expect(roleOf('src/cache/cache.provider.ts', 'export const CacheProvider = { provide: CacheService, useFactory: () => new Map() };')).toBe('wiring');
    const factory = 'export const createOrderService = (db) => new OrderService(new OrderStore(db), new EventBus(), new Clock());';
    const imports = { OrderService: 'src/orders/order-service.ts', OrderStore: 'src/orders/order-store.ts', EventBus: 'src/events/bus.ts', Clock: 'src/clock.ts' };
    expect(roleOf('src/orders/factory.ts', factory, imports)).toBe('wiring');
    // A domain function constructing its own value objects is not a factory of the application.
    expect(roleOf('src/orders/order.ts', 'export function createOrder() { return new Order(new Money(0)); }', { Order: 'src/orders/order.entity.ts', Money: 'src/money.ts' })).toBeUndefined();
  });

  it('finds Nest glue by the interface it implements, @Catch, custom decorators, and file suffixes', () => {
    expect(roleOf('src/auth/x.ts', '@Injectable() export class A implements CanActivate { canActivate() { return true; } }')).toBe('platform');
    expect(roleOf('src/x.ts', 'export class L implements NestInterceptor { intercept() {} }')).toBe('platform');
    expect(roleOf('src/x.ts', 'export class P implements PipeTransform { transform(v) { return v; } }')).toBe('platform');
    expect(roleOf('src/x.ts', '@Catch() export class F { catch() {} }')).toBe('platform');
    expect(roleOf('src/x.ts', "export const Public = () => SetMetadata('public', true);")).toBe('platform');
    expect(roleOf('src/x.ts', 'export const User = createParamDecorator((d, ctx) => ctx.user);')).toBe('platform');
    expect(roleOf('src/auth/roles.guard.ts', 'export const x = 1;')).toBe('platform');
  });

  it('finds express and koa middleware by their parameters, and middleware factories', () => {
    expect(roleOf('src/http/auth.ts', 'export function requireAuth(req, res, next) { next(); }')).toBe('platform');
    expect(roleOf('src/http/perm.ts', 'export const isAllowed = (permission) => (req, res, next) => next();')).toBe('platform');
    expect(roleOf('src/http/koa.ts', 'export async function timing(ctx, next) { await next(); }')).toBe('platform');
    // A route handler module exporting many functions, one of them middleware-shaped, stays domain.
    expect(roleOf('src/orders/handlers.ts', 'export function a(x) {} export function b(y) {} export function c(z) {} export function m(req, res, next) {}')).toBeUndefined();
  });

  it('sets migrations, seeds and dev tooling apart, and leaves a plain service domain', () => {
    expect(roleOf('src/db/migrations/1-init.ts', 'export class Init1 {}')).toBe('schema');
    expect(roleOf('src/db/x.ts', 'export class Init implements MigrationInterface { async up() {} async down() {} }')).toBe('schema');
    expect(roleOf('src/scripts/backfill.ts', 'export const run = () => 1;')).toBe('tooling');
    expect(roleOf('src/orders/orders.service.ts', '@Injectable() export class OrdersService { constructor(private readonly repo: Repository<Order>) {} }')).toBeUndefined();
  });
});

function dependency(from: string, to: string): DependencyRecord {
  return { from, to, kind: 'import', weight: 2, symbols: ['x'], locations: [{ line: 1 }], calls: { used: 0, discarded: 0 } };
}

function extractOf(modules: string[], dependencies: DependencyRecord[], parts: Partial<ExtractResult> = {}): ExtractResult {
  return {
    files: modules.map((path) => fileFacts(path)),
    modules: modules.map((id) => ({ id, loc: 10, external: {}, unresolvedDataAccess: 0 })),
    dependencies,
    entities: [],
    dataAccess: [],
    diagnostics: [],
    cacheStats: null,
    dataAccessMs: 0,
    ...parts,
  };
}

describe('roles from the import graph', () => {
  const stems = ['user', 'order', 'invoice', 'payment', 'shipment', 'product', 'cart', 'coupon', 'review', 'refund'];
  const importers = stems.map((stem) => `src/${stem}/${stem}.service.ts`);

  it('sets a file imported from many name stems aside, unless it owns data', () => {
    const helper = 'src/common/format.ts';
    const extract = extractOf([...importers, helper], importers.map((file) => dependency(file, helper)));
    expect(classifyModules(extract).get(helper)).toMatchObject({ role: 'platform', widelyImported: true });
    const owning = extractOf([...importers, helper], importers.map((file) => dependency(file, helper)), {
      dataAccess: [{ module: helper, entity: 'User', mode: 'write', orm: 'typeorm', operations: ['save'], locations: [{ line: 1 }] }],
    });
    expect(classifyModules(owning).get(helper)).toEqual({ role: 'domain' });
    // Imported from fewer stems than the threshold: domain.
    const few = extractOf([...importers, helper], importers.slice(0, 5).map((file) => dependency(file, helper)));
    expect(classifyModules(few).get(helper)).toEqual({ role: 'domain' });
  });

  it('sets the base class of one layer aside, not the base of one family', () => {
    const base = 'src/common/base.controller.ts';
    const layer = ['src/user/user.controller.ts', 'src/order/order.controller.ts', 'src/invoice/invoice.controller.ts'];
    const files = layer.map((path) => fileFacts(path, { roleFacts: { bases: [base] } }));
    const extract = { ...extractOf([...layer, base], []), files: [...files, fileFacts(base)] };
    expect(classifyModules(extract).get(base)?.role).toBe('platform');
    const family = ['src/field/text-field.dto.ts', 'src/field/date-field.dto.ts', 'src/field/link-field.dto.ts'];
    const familyBase = 'src/field/field-base.ts';
    const familyExtract = { ...extractOf([...family, familyBase], []), files: [...family.map((path) => fileFacts(path, { roleFacts: { bases: [familyBase] } })), fileFacts(familyBase)] };
    expect(classifyModules(familyExtract).get(familyBase)).toEqual({ role: 'domain' });
  });

  it('ties the domain files one wiring file declares, spread so each gets 2 units, never to wiring', () => {
    const module = 'src/orders/orders.module.ts';
    const other = 'src/users/users.module.ts';
    const declared = ['src/orders/orders.controller.ts', 'src/orders/orders.service.ts', 'src/orders/order.entity.ts'];
    const extract = {
      ...extractOf([module, other, ...declared], [...declared.map((file) => dependency(module, file)), dependency(module, other)]),
      files: [fileFacts(module, { roleFacts: { decorators: ['Module'] } }), fileFacts(other, { roleFacts: { decorators: ['Module'] } }), ...declared.map((path) => fileFacts(path))],
    };
    const ties = declaredTies(extract, classifyModules(extract));
    expect(ties).toHaveLength(3);
    for (const tie of ties) expect(tie.weight).toBe(1);
    expect(ties.some((tie) => tie.source === other || tie.target === other)).toBe(false);
  });

  it('ties nothing for a wiring file that declares more than DECLARED_MAX_GROUP files (the pairs would grow with the square)', () => {
    const root = 'src/app.module.ts';
    const declared = Array.from({ length: DECLARED_MAX_GROUP + 1 }, (_, i) => `src/f${String(i).padStart(3, '0')}/f.service.ts`);
    const extract = {
      ...extractOf([root, ...declared], declared.map((file) => dependency(root, file))),
      files: [fileFacts(root, { roleFacts: { decorators: ['Module'] } }), ...declared.map((path) => fileFacts(path))],
    };
    expect(declaredTies(extract, classifyModules(extract))).toEqual([]);
    const fewer = { ...extract, dependencies: extract.dependencies.slice(0, DECLARED_MAX_GROUP) };
    expect(declaredTies(fewer, classifyModules(fewer)).length).toBe((DECLARED_MAX_GROUP * (DECLARED_MAX_GROUP - 1)) / 2);
  });
});
