// What a Sequelize model class declares beyond the library's own methods, for calls made elsewhere
// (`core/member-facts.ts`):
// - custom statics of a model of this file (`static async findBySlug(s) { return this.findOne(...) }`):
//   their mode is their body's, read by the linker from the accesses at those lines;
// - association accessors, where the associated model is readable: declared mixins
//   (`declare getPosts: HasManyGetAssociationsMixin<Post>`), sequelize-typescript relations
//   (`@HasMany(() => Post) posts: Post[]` for `$get('posts')`), and association calls
//   (`User.hasMany(Post, { as: 'articles' })` for `getArticles()`, `addArticle()`, ...).
import ts from '../../../shared/typescript.cjs';
import type { AccessMode, EntityRef } from '../../../shared/facts.js';
import { symbolTarget, typeTarget } from '../core/entity-ref.js';
import type { FileIndex } from '../core/file-index.js';
import { importedFrom } from '../core/imports.js';
import { memberBody, memberDef } from '../core/member-facts.js';
import { MODEL_LIKE_NAME } from '../core/model-calls.js';
import { sequelizeTableName } from '../core/naming.js';
import type { FactSink } from '../core/sink.js';
import { findDecorator, methodCall, objectString, propertyNameText, typeReference, unwrap } from '../core/syntax.js';

/** `HasManyGetAssociationsMixin<Post>`: the verb says the mode. */
const MIXIN = /^(?:BelongsTo|HasOne|HasMany|BelongsToMany)(Get|Set|Add|Create|Remove|Has|Count)Associations?Mixin$/;
const READ_VERBS = new Set(['get', 'has', 'count']);
const RELATION_DECORATORS = ['HasMany', 'HasOne', 'BelongsTo', 'BelongsToMany'];
const TS_VERBS = ['get', 'set', 'add', 'remove', 'create', 'has', 'count'];
const ASSOCIATIONS = new Set(['hasMany', 'belongsToMany', 'hasOne', 'belongsTo']);

function verbMode(verb: string): AccessMode {
  return READ_VERBS.has(verb.toLowerCase()) ? 'read' : 'write';
}

function isStatic(node: ts.Node): boolean {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword) ?? false;
}

function upperFirst(name: string): string {
  return name.length === 0 ? name : name[0]!.toUpperCase() + name.slice(1);
}

/** Sequelize names the one-of accessors by the singular of a plural alias: `articles` -> `Article`. */
function singular(name: string): string {
  if (/ies$/.test(name)) return `${name.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/.test(name)) return name.slice(0, -2);
  if (/[^s]s$/.test(name)) return name.slice(0, -1);
  return name;
}

/** The body of a static method of the class, with its name. */
function staticBodies(cls: ts.ClassLikeDeclaration): { name: string; body: ts.Node }[] {
  const found: { name: string; body: ts.Node }[] = [];
  for (const member of cls.members) {
    if (!isStatic(member) || !member.name) continue;
    const name = propertyNameText(member.name);
    if (name === null) continue;
    if (ts.isMethodDeclaration(member) && member.body) found.push({ name, body: member.body });
    else if (ts.isPropertyDeclaration(member) && member.initializer) {
      const value = unwrap(member.initializer);
      if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) found.push({ name, body: value.body });
    }
  }
  return found;
}

function classMembers(file: FileIndex, sink: FactSink, cls: ts.ClassLikeDeclaration, owner: EntityRef): void {
  for (const { name, body } of staticBodies(cls)) {
    memberBody(sink, owner, `static:${name}`, { from: file.line(body), to: file.sourceFile.getLineAndCharacterOfPosition(body.getEnd()).line + 1 }, 'sequelize', body);
  }
  for (const member of cls.members) {
    if (!ts.isPropertyDeclaration(member) || isStatic(member) || !member.name) continue;
    const name = propertyNameText(member.name);
    if (name === null) continue;
    const mixin = typeReference(member.type);
    const verb = mixin ? MIXIN.exec(mixin.name)?.[1] : undefined;
    const associated = verb && mixin?.args[0] ? typeTarget(file, mixin.args[0]) : null;
    if (verb && associated) {
      memberDef(sink, owner, name, associated, verbMode(verb), 'sequelize', member);
      continue;
    }
    // sequelize-typescript: `@HasMany(() => Post) posts: Post[]` answers `$get('posts')`, `$add('posts', p)`, ...
    const relation = findDecorator(member, RELATION_DECORATORS);
    if (!relation || importedFrom(file, relation.name, ['sequelize-typescript']) === null) continue;
    const first = relation.args[0] ? unwrap(relation.args[0]) : undefined;
    const model = first && ts.isArrowFunction(first) && !ts.isBlock(first.body) ? symbolTarget(file, first.body) : null;
    if (!model) continue;
    for (const tsVerb of TS_VERBS) memberDef(sink, owner, `$${tsVerb}:${name}`, model, verbMode(tsVerb), 'sequelize', member);
  }
}

/** `User.hasMany(Post, { as: 'articles' })`: the accessors Sequelize adds to User's instances. */
function associationCalls(file: FileIndex, sink: FactSink, isModel: (expr: ts.Expression) => boolean): void {
  for (const call of file.calls) {
    const method = methodCall(call);
    if (!method || !ASSOCIATIONS.has(method.name)) continue;
    const source = unwrap(method.receiver);
    const targetExpr = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
    if (!targetExpr || !ts.isIdentifier(source) || !ts.isIdentifier(targetExpr) || !isModel(source) || !isModel(targetExpr)) continue;
    const owner = symbolTarget(file, source);
    const target = symbolTarget(file, targetExpr);
    if (!owner || owner === 'dynamic' || !target || target === 'dynamic') continue;
    const alias = objectString(call.arguments[1], 'as');
    const many = method.name === 'hasMany' || method.name === 'belongsToMany';
    const one = upperFirst(alias === null ? targetExpr.text : many ? singular(alias) : alias);
    const all = upperFirst(alias === null ? sequelizeTableName(targetExpr.text) : alias);
    const keys: [string, AccessMode][] = many
      ? [[`get${all}`, 'read'], [`count${all}`, 'read'], [`has${one}`, 'read'], [`has${all}`, 'read'], [`set${all}`, 'write'], [`add${one}`, 'write'], [`add${all}`, 'write'], [`remove${one}`, 'write'], [`remove${all}`, 'write'], [`create${one}`, 'write']]
      : [[`get${one}`, 'read'], [`set${one}`, 'write'], [`create${one}`, 'write']];
    for (const [key, mode] of keys) memberDef(sink, owner, key, target, mode, 'sequelize', call);
  }
}

export function collectMemberDefinitions(file: FileIndex, sink: FactSink): void {
  for (const cls of file.classes) {
    const name = cls.name?.text;
    if (name && sink.definesEntity(name)) classMembers(file, sink, cls, { by: 'symbol', name, module: null });
  }
  const isModel = (expr: ts.Expression): boolean => {
    if (!ts.isIdentifier(expr)) return false;
    const imported = file.input.importsByLocal.get(expr.text);
    return imported ? imported.module !== null && MODEL_LIKE_NAME.test(expr.text) : sink.definesEntity(expr.text);
  };
  associationCalls(file, sink, isModel);
}
