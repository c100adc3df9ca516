// Prisma: models come from schema.prisma (see schema.ts); access is `<client>.<model>.<operation>()`.
// A receiver counts as a client only with evidence: it is named for Prisma (`prisma`, `this.prisma`,
// `prismaService`), typed `PrismaClient`/`PrismaService`/`Prisma.TransactionClient`, made by
// `new PrismaClient()`, is the `tx` of a `$transaction` callback, or is used elsewhere in the file with
// an operation only Prisma has (`findMany`, `findUnique`...). `a.b.find()` alone is never Prisma.
// `include`/`select` relation loads read the related models (through schema.prisma's relation fields).
import ts from '../../../shared/typescript.cjs';
import type { AccessMode, EntityRef } from '../../../shared/facts.js';
import type { OrmAdapter } from '../core/adapter.js';
import { callbackCallOf, followValue, type BindingSite } from '../core/bindings.js';
import type { FileIndex } from '../core/file-index.js';
import { nestedLoads } from '../core/relation-loads.js';
import type { FactSink } from '../core/sink.js';
import { destructuredFrom, dottedName, lastName, methodCall, typeReference, unwrap } from '../core/syntax.js';
import { methodTable } from '../core/method-table.js';

const OPERATIONS: Readonly<Record<string, AccessMode>> = methodTable({
  findMany: 'read', findFirst: 'read', findFirstOrThrow: 'read', findUnique: 'read', findUniqueOrThrow: 'read',
  count: 'read', aggregate: 'read', groupBy: 'read', findRaw: 'read', aggregateRaw: 'read',
  create: 'write', createMany: 'write', createManyAndReturn: 'write', update: 'write', updateMany: 'write',
  updateManyAndReturn: 'write', upsert: 'write', delete: 'write', deleteMany: 'write',
});

/** Operations no other library in this list has on `<x>.<y>`: seeing one is evidence `x` is a client. */
const PRISMA_ONLY = new Set([
  'findMany', 'findFirst', 'findFirstOrThrow', 'findUnique', 'findUniqueOrThrow', 'createMany', 'createManyAndReturn',
  'updateManyAndReturn', 'groupBy',
]);

const PRISMA_NAME = /prisma/i;

interface ModelCall {
  call: ts.CallExpression;
  operation: string;
  client: ts.Expression;
  /** The model accessor, or null when it is computed at run time (`prisma[name]`). */
  model: string | null;
}

/** `client.order.findMany()` / `client['order'].findMany()` / `client[name].findMany()`. */
function modelCallOf(call: ts.CallExpression): ModelCall | null {
  const method = methodCall(call);
  if (!method || !(method.name in OPERATIONS)) return null;
  const accessor = unwrap(method.receiver);
  if (ts.isPropertyAccessExpression(accessor)) {
    const model = accessor.name.text;
    if (model.startsWith('$')) return null;
    // Drizzle's relational queries are `db.query.<table>.findMany()`.
    if (dottedName(accessor.expression)?.endsWith('.query') || dottedName(accessor.expression) === 'query') return null;
    return { call, operation: method.name, client: accessor.expression, model };
  }
  if (ts.isElementAccessExpression(accessor)) {
    const key = unwrap(accessor.argumentExpression);
    const model = ts.isStringLiteralLike(key) ? key.text : null;
    return { call, operation: method.name, client: accessor.expression, model };
  }
  return null;
}

function collect(file: FileIndex, sink: FactSink): void {
  const candidates = file.calls.map(modelCallOf).filter((found): found is ModelCall => found !== null);
  if (candidates.length === 0) return;
  // Receivers used with a Prisma-only operation anywhere in the file are clients everywhere in it.
  const receiverKey = (expr: ts.Expression): string => dottedName(expr) ?? expr.getText(file.sourceFile).replace(/\s+/g, '');
  const evidenced = new Set<string>();
  for (const candidate of candidates) {
    if (PRISMA_ONLY.has(candidate.operation) && candidate.model !== null) evidenced.add(receiverKey(candidate.client));
  }

  const direct = (expr: ts.Expression): true | null => {
    if (evidenced.has(receiverKey(expr))) return true;
    const name = lastName(expr);
    if (name && PRISMA_NAME.test(name)) return true;
    // `prisma.client`, `this.prismaService.client`: the client a Prisma-named object holds.
    if (dottedName(expr)?.split('.').some((part) => PRISMA_NAME.test(part))) return true;
    // `const { client } = prisma`: the same, destructured.
    const destructured = ts.isIdentifier(expr) && !file.bindings.lookup(expr) ? destructuredFrom(expr) : null;
    if (destructured && (PRISMA_NAME.test(destructured.property) || PRISMA_NAME.test(dottedName(destructured.from) ?? ''))) return true;
    if (ts.isNewExpression(expr) && PRISMA_NAME.test(dottedName(expr.expression) ?? '')) return true;
    if (ts.isCallExpression(expr)) {
      const method = methodCall(expr);
      // `prisma.$extends(...)` returns a client, and so does a `prismaService.extendedPrismaClient()`.
      if (method?.name === '$extends' && isClient(method.receiver)) return true;
      if (PRISMA_NAME.test(lastName(expr.expression) ?? '')) return true;
    }
    return null;
  };
  const fromSite = (site: BindingSite): true | null => {
    const type = typeReference(site.type);
    if (type && PRISMA_NAME.test(type.name)) return true;
    if (site.type && ts.isTypeQueryNode(site.type) && PRISMA_NAME.test(site.type.exprName.getText(file.sourceFile))) return true;
    const callback = callbackCallOf(site);
    if (callback && callback.index === 0) {
      const method = methodCall(callback.call);
      if (method?.name === '$transaction' && isClient(method.receiver)) return true;
    }
    return null;
  };
  const isClient = (expr: ts.Expression): boolean => followValue(file.bindings, expr, direct, fromSite) === true;

  for (const candidate of candidates) {
    if (!isClient(candidate.client)) continue;
    const mode = OPERATIONS[candidate.operation]!;
    if (candidate.model === null) {
      sink.unresolvedAt(candidate.call);
      continue;
    }
    const operation = `${dottedName(candidate.client) ?? 'prisma'}.${candidate.model}.${candidate.operation}`;
    const model: EntityRef = { by: 'model', name: candidate.model, orm: 'prisma' };
    sink.access(model, mode, 'prisma', operation, candidate.call);
    // `include: { posts: true }`, `select: { author: { select: ... } }`: whatever the operation, the
    // related rows come back, so the related tables are read.
    for (const relation of nestedLoads(candidate.call.arguments[0], ['include', 'select'])) {
      sink.access(model, 'read', 'prisma', `${operation}.include`, candidate.call, { relation });
    }
  }
}

export const prismaAdapter: OrmAdapter = {
  orm: 'prisma',
  packages: ['@prisma/client'],
  markers: /risma|\.find(Many|First|Unique)|\.(create|update|delete)Many\(|\.groupBy\(|\$transaction/,
  collect,
};
