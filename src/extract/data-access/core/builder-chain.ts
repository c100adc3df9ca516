// Query builders are used fluently (`qb.where().getMany()`) or kept in a variable and extended later
// (`const qb = repo.createQueryBuilder(); if (x) qb.andWhere(...); await qb.delete().execute()`).
// Both are one builder; this collects every call made on it so its mode is judged as a whole.
import ts from '../../../shared/typescript.cjs';
import type { BindingSite } from './bindings.js';
import type { FileIndex } from './file-index.js';
import { chainAbove, chainRoot, chainTop, unwrap } from './syntax.js';

const rootedCalls = new WeakMap<FileIndex, Map<BindingSite, ts.CallExpression[]>>();

/** Every call whose fluent chain starts at a name, grouped by the declaration the name refers to. */
function callsRootedAtNames(file: FileIndex): Map<BindingSite, ts.CallExpression[]> {
  let bySite = rootedCalls.get(file);
  if (bySite) return bySite;
  bySite = new Map();
  for (const call of file.calls) {
    const { root, calls } = chainRoot(call);
    // Only the first call of each chain, so a chain is not counted once per link.
    if (calls[0] !== call || !ts.isIdentifier(root)) continue;
    const site = file.bindings.lookup(root);
    if (!site) continue;
    const list = bySite.get(site);
    if (list) list.push(call);
    else bySite.set(site, [call]);
  }
  rootedCalls.set(file, bySite);
  return bySite;
}

/** The variable a chain's value is stored in: `const qb = <chain>` or `qb = <chain>`. */
function storedIn(file: FileIndex, value: ts.Expression): BindingSite | undefined {
  let node: ts.Node = value;
  while (node.parent && (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent))) {
    node = node.parent;
  }
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name)) {
    return file.bindings.lookup(parent.name);
  }
  if (parent && ts.isBinaryExpression(parent) && parent.right === node && ts.isIdentifier(unwrap(parent.left))) {
    return file.bindings.lookup(parent.left);
  }
  return undefined;
}

/** All calls applied to the builder `start` creates: its own chain, and chains on the variable holding it. */
export function builderCalls(file: FileIndex, start: ts.Expression): ts.CallExpression[] {
  const calls = chainAbove(start);
  const site = storedIn(file, chainTop(start));
  if (!site) return calls;
  for (const first of callsRootedAtNames(file).get(site) ?? []) {
    calls.push(first, ...chainAbove(first));
  }
  return calls;
}
