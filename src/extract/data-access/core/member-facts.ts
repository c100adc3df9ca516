// Methods a model class declares beyond the ORM's own: custom statics (`static findBySlug(s) {
// return this.findOne(...) }`) and association accessors (`user.getPosts()`, `post.$get('author')`).
// A caller cannot see their bodies or declarations (they live in the model's file), so both sides
// travel as data-access facts whose operation carries a prefix, like aliases (`sink.ts`):
// - `member-call:<key>` in the caller, `target` the model (class, or the model of an instance);
// - in the model's (or association's) file, `member-def:<owner>:<key>`, `target` the model the member
//   reaches, `mode` its mode; or `member-body:<owner>:<key>:<from>-<to>`, `target` the owner: the
//   member's mode is that of the accesses its body (lines from-to of that file) makes.
// `<owner>` is the owner model as an EntityRef in JSON. The linker (`link/member-calls.ts`) binds both
// owners to entities and makes each call an access; definitions and unmatched calls leave no record.
// Keys: `static:<name>` for statics, `<name>` for instance methods (`getPosts`), `$get:<field>` for
// sequelize-typescript's `$get('field')`.
import type { AccessMode, DataAccessFact, EntityRef, OrmName } from '../../../shared/facts.js';
import type { Target } from './entity-ref.js';
import type { FactSink } from './sink.js';
import ts from '../../../shared/typescript.cjs';
import { stringValue, unwrap } from './syntax.js';

const CALL = 'member-call:';
const DEF = 'member-def:';
const BODY = 'member-body:';

export type MemberDefinition =
  | { kind: 'def'; owner: EntityRef; key: string }
  | { kind: 'body'; owner: EntityRef; key: string; from: number; to: number };

/** The key an instance call goes by: `getPosts`, or `$get:posts` for `$get('posts')`. */
export function memberKey(call: ts.CallExpression, method: string): string {
  const field = method.startsWith('$') && call.arguments[0] ? stringValue(unwrap(call.arguments[0])) : null;
  return field === null ? method : `${method}:${field}`;
}

/** `text`: the call as written (`Comment.findBySlug`), the operation the access will show. */
export function memberCall(sink: FactSink, model: Target, key: string, text: string, orm: OrmName, node: ts.Node): void {
  // `Order.toString()`, `Order.bind(...)`: what every object or class has is nobody's member.
  const method = key.replace(/^static:/, '').split(':')[0]!;
  if (model === 'dynamic' || method in Object.prototype || method in Function.prototype) return;
  sink.access(model, 'read', orm, `${CALL}${key}\u0000${text}`, node);
}

export function memberDef(sink: FactSink, owner: EntityRef, key: string, reaches: Target, mode: AccessMode, orm: OrmName, node: ts.Node): void {
  if (reaches === 'dynamic') return;
  sink.access(reaches, mode, orm, `${DEF}${JSON.stringify(owner)}\u0000${key}`, node);
}

export function memberBody(sink: FactSink, owner: EntityRef, key: string, lines: { from: number; to: number }, orm: OrmName, node: ts.Node): void {
  sink.access(owner, 'read', orm, `${BODY}${JSON.stringify(owner)}\u0000${key}\u0000${lines.from}-${lines.to}`, node);
}

export function isMemberFact(fact: DataAccessFact): boolean {
  return fact.operation.startsWith(CALL) || fact.operation.startsWith(DEF) || fact.operation.startsWith(BODY);
}

/** The key a `member-call:` fact calls and the call as written, else null. */
export function memberCallOf(fact: DataAccessFact): { key: string; text: string } | null {
  if (!fact.operation.startsWith(CALL)) return null;
  const [key = '', text = ''] = fact.operation.slice(CALL.length).split('\u0000');
  return { key, text };
}

export function memberDefinition(fact: DataAccessFact): MemberDefinition | null {
  const body = fact.operation.startsWith(BODY);
  if (!body && !fact.operation.startsWith(DEF)) return null;
  const parts = fact.operation.slice((body ? BODY : DEF).length).split('\u0000');
  let owner: EntityRef;
  try {
    owner = JSON.parse(parts[0] ?? '') as EntityRef;
  } catch {
    return null;
  }
  const key = parts[1] ?? '';
  if (!body) return { kind: 'def', owner, key };
  const [from, to] = (parts[2] ?? '').split('-').map(Number);
  return from !== undefined && to !== undefined && Number.isFinite(from) && Number.isFinite(to) ? { kind: 'body', owner, key, from, to } : null;
}
