// How a dependency would cross a service boundary, read from what the code does with it: calls whose
// result is used want a request/response call, calls whose result is dropped an event; entity classes,
// type-only imports, leaf libraries and module registration are not service calls at all. Rules:
// docs/decisions/plan.md.
import type { DependencyRecord, SeamStyle } from '../shared/analysis.js';

/** Nest modules, controllers and routers: imported to be registered, not called. */
const WIRING_NAME = /(Module|Controller|Router)$/;
/** Injected collaborators: calls go through `this.x.method()`, which the import scan cannot see. */
const COLLABORATOR_NAME = /(Service|Client|Gateway|Repository|Repo|Provider|Manager|Api|Store|Facade|Adapter|Guard)$/i;
/** Verbs of reads: such calls can be retried safely. */
const READ_VERB = /^(get|find|list|load|fetch|read|search|query|count|lookup|resolve|is|has|can|check|calc|calculate|compute|quote|estimate|preview|validate|render|format|describe|show|view|exists|peek)(?=[A-Z0-9_]|$)/;
/** Collaborators that only answer questions. */
const READ_COLLABORATOR = /(Query|Queries|Reader|View|Search|Lookup|Finder)(Service|Client|Repository)?$/i;

export interface SeamTarget {
  /** Entity classes the target file defines. */
  entities: ReadonlySet<string>;
  /** The target is a leaf library: it imports no project file at run time (kernel aside), touches no table, serves no entry point. */
  isLibrary: boolean;
}

export function classifySeam(dependency: Pick<DependencyRecord, 'kind' | 'symbols' | 'calls'>, target: SeamTarget): SeamStyle {
  const { kind, symbols, calls } = dependency;
  if (kind === 'type') return 'contract';
  if (kind === 'side-effect') return 'wiring';
  if (symbols.length > 0 && symbols.every((symbol) => WIRING_NAME.test(symbol))) return 'wiring';
  // Calls into a leaf library (money, pagination, clock helpers) are shared code, not a service call.
  if (target.isLibrary) return 'contract';
  const entitiesInTarget = target.entities;
  if (calls.used > 0) return 'sync';
  if (calls.discarded > 0) return 'event';
  if (symbols.length > 0 && symbols.every((symbol) => entitiesInTarget.has(symbol))) return 'data';
  if (symbols.some((symbol) => COLLABORATOR_NAME.test(symbol))) return 'sync';
  return 'contract';
}

/** Strongest first: a symbol used in several ways is listed under the most demanding one. */
const STYLE_ORDER: readonly SeamStyle[] = ['sync', 'event', 'data', 'contract', 'wiring'];

export function strongerStyle(a: SeamStyle, b: SeamStyle): SeamStyle {
  return STYLE_ORDER.indexOf(a) <= STYLE_ORDER.indexOf(b) ? a : b;
}

export function isReadName(symbol: string): boolean {
  return READ_VERB.test(symbol) || READ_COLLABORATOR.test(symbol);
}

/** `src/services/order-status.service.ts` -> OrderStatusService; an index file takes its folder's name. */
export function interfaceName(module: string): string {
  const parts = module.split('/');
  let base = (parts.pop() ?? module).replace(/\.(d\.)?[cm]?[jt]sx?$/, '');
  if (base === 'index') base = parts.pop() ?? base;
  const words = base.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  const name = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
  return name.length > 0 ? name : 'Module';
}
