// Models a class inherits or is handed: `class JobRepository extends BaseRepository<JobDBModel> {
// constructor() { super(Job) } }` where `BaseRepository` (maybe in another file) keeps the model in
// `constructor(protected MongooseModel: Model<T>)` and calls `this.MongooseModel.find(...)`.
//
// Per file (`collectClassFacts`, ORM-agnostic, after the adapters): each class that extends a project
// class or holds a model in a member becomes a ClassFact: its base (as imported), what its
// `super(...)` and `extends Base<...>` pass up (an entity, or its own parameter / type parameter),
// the members that may hold a model (a constructor parameter, a type parameter through a model type
// such as `Model<T>`, an entity), and per method the uses `this.<member>.<op>(...)` and `this.<m>(...)`.
//
// Per project (`inheritedAccesses`, called by the linker): from each class down its chain of bases,
// across files and re-exports, with what each level passes up:
// - `this.<member>.<op>(...)` in a class that does not declare `member` is an access of the file of
//   that class to the model its bases bind `member` to, with `op`'s mode;
// - `this.<m>(...)` of a method the class inherits is an access of the calling file to what the
//   base method's body touches (its member uses, and the this-calls it makes, dispatched from the
//   calling class again), at the line of the call.
// A base class's own uses of a member it holds as a parameter are nobody's access: the base is shared
// infrastructure, and the concrete model only exists in a subclass. Uses of members a class binds
// itself are its adapter's (found there already).
import ts from '../../../shared/typescript.cjs';
import type { AccessMode, ClassFact, DataAccessFact, EntityRef, FileFacts, MemberUse, OrmName, RepoPath, RepositoryCall, ValueSource } from '../../../shared/facts.js';
import { compareStrings } from '../../../shared/sort.js';
import { followValue, type BindingSite } from './bindings.js';
import { symbolTarget, typeTarget } from './entity-ref.js';
import type { DataAccessScanInput } from '../../types.js';
import type { FileIndex } from './file-index.js';
import { fromPackage, importOf } from './imports.js';
import { methodTable } from './method-table.js';
import type { FactSink } from './sink.js';
import { dottedName, isThisProperty, methodCall, propertyNameText, typeBaseName, typeReference, unwrap } from './syntax.js';

/** What one ORM calls on a model or repository held in a member, and the types that hold one. */
export interface MemberVocabulary {
  orm: OrmName;
  packages: readonly string[];
  /** `Model<T>`, `EntityRepository<T>`: their first type argument is the model held. */
  types: readonly string[];
  methods: Readonly<Record<string, AccessMode>>;
}

/** Text gate: a class that extends something (an interface's `extends` opens nothing). */
export const CLASS_GATE = /\bclass\s+[\w$]+\s*(?:<[^{]*?>\s*)?extends\s/;

/**
 * Text gate for a base class that imports no ORM (plain JavaScript, `this.model = model`): a
 * constructor, and a call of a member vocabulary's method on a member (`this.model.find(`).
 */
export function memberCallGate(vocabularies: readonly MemberVocabulary[]): (text: string) => boolean {
  const methods = [...new Set(vocabularies.flatMap((vocabulary) => Object.keys(vocabulary.methods)))].sort();
  const calls = new RegExp(`\\bthis\\.[\\w$]+\\.(?:${methods.join('|')})\\(`);
  return (text) => text.includes('constructor') && calls.test(text);
}

type ClassNode = ts.ClassDeclaration | ts.ClassExpression;

/** `T` where a class, function or type around declares the type parameter `T`. */
export function isTypeParameter(type: ts.TypeNode): boolean {
  const reference = typeReference(type);
  if (!reference || reference.args.length > 0 || reference.name.includes('.')) return false;
  for (let node: ts.Node | undefined = type.parent; node; node = node.parent) {
    const parameters = (node as { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }).typeParameters;
    if (parameters?.some((parameter) => parameter.name.text === reference.name)) return true;
  }
  return false;
}

function methodKey(member: ts.ClassElement): string | null {
  if (ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) return member.name ? propertyNameText(member.name) : null;
  if (ts.isPropertyDeclaration(member) && member.initializer) {
    const value = unwrap(member.initializer);
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return propertyNameText(member.name);
  }
  return null;
}

/** The method (or constructor) of `cls` a node is in, with `this` still the instance; null otherwise. */
function enclosingMember(node: ts.Node, cls: ClassNode): ts.ClassElement | null {
  let current: ts.Node | undefined = node.parent;
  let last: ts.Node = node;
  while (current && current !== cls) {
    if (ts.isFunctionDeclaration(current) || (ts.isFunctionExpression(current) && !ts.isPropertyDeclaration(current.parent))) return null;
    if (ts.isClassDeclaration(current) || ts.isClassExpression(current)) return null;
    last = current;
    current = current.parent;
  }
  return current === cls && ts.isClassElement(last) ? last : null;
}

export function collectClassFacts(file: FileIndex, vocabularies: readonly MemberVocabulary[]): ClassFact[] {
  const methodModes = new Map<string, Partial<Record<OrmName, AccessMode>>>();
  for (const { orm, methods } of vocabularies) {
    for (const [method, mode] of Object.entries(methods)) {
      const modes = methodModes.get(method) ?? {};
      modes[orm] = mode;
      methodModes.set(method, modes);
    }
  }
  // Which ORM's holder type a type name is, by its import (`Model` from mongoose).
  const holderType = (type: ts.TypeNode | undefined): ts.TypeNode | null => {
    const reference = typeReference(type);
    if (!reference || !reference.args[0]) return null;
    const dot = reference.name.lastIndexOf('.');
    const local = dot < 0 ? reference.name : reference.name.slice(0, dot);
    const exported = dot < 0 ? reference.name : reference.name.slice(dot + 1);
    const imported = file.input.importsByLocal.get(local);
    if (!imported || imported.module !== null) return null;
    const name = dot < 0 ? imported.imported : exported;
    return vocabularies.some((v) => v.types.includes(name) && fromPackage(imported.specifier, v.packages)) ? reference.args[0] : null;
  };

  const facts: ClassFact[] = [];
  const classes = file.classes.filter((cls): cls is ClassNode => !!cls.name);
  const usesByClass = new Map<ClassNode, Map<string, MemberUse[]>>();
  for (const call of file.calls) {
    const method = methodCall(call);
    if (!method) continue;
    const receiver = unwrap(method.receiver);
    let use: Omit<MemberUse, 'line'> | null = null;
    if (receiver.kind === ts.SyntaxKind.ThisKeyword) use = { call: method.name };
    else if (receiver.kind === ts.SyntaxKind.SuperKeyword) use = { call: method.name, super: true };
    else if (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword && methodModes.has(method.name)) {
      use = { member: receiver.name.text, call: method.name, modes: methodModes.get(method.name)! };
    }
    if (!use) continue;
    let cls: ts.Node | undefined = call.parent;
    while (cls && !ts.isClassDeclaration(cls) && !ts.isClassExpression(cls)) cls = cls.parent;
    if (!cls || !(ts.isClassDeclaration(cls) || ts.isClassExpression(cls)) || !cls.name) continue;
    const member = enclosingMember(call, cls);
    const key = member ? methodKey(member) : null;
    if (key === null) continue;
    let byMethod = usesByClass.get(cls);
    if (!byMethod) usesByClass.set(cls, (byMethod = new Map()));
    const list = byMethod.get(key) ?? [];
    list.push({ ...use, line: file.line(call) });
    byMethod.set(key, list);
  }

  for (const cls of classes) {
    const typeParams = (cls.typeParameters ?? []).map((parameter) => parameter.name.text);
    const typeSource = (type: ts.TypeNode): ValueSource | null => {
      const reference = typeReference(type);
      if (reference && reference.args.length === 0) {
        const index = typeParams.indexOf(reference.name);
        if (index >= 0) return { typeParam: index };
      }
      const target = typeTarget(file, type);
      return target ? { ref: target } : null;
    };
    const ctor = cls.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && !!member.body);
    const params = ctor ? ctor.parameters.map((parameter) => (ts.isIdentifier(parameter.name) ? parameter.name.text : '')) : [];
    const valueSource = (expr: ts.Expression): ValueSource | null => {
      const node = unwrap(expr);
      if (ts.isIdentifier(node)) {
        const index = params.indexOf(node.text);
        if (index >= 0 && file.bindings.lookup(node)?.declaration === ctor?.parameters[index]) return { param: index };
      }
      const target = symbolTarget(file, node);
      return target && target !== 'dynamic' ? { ref: target } : null;
    };

    // `super(repository)` of a parameter whose type names its model (`repository: Repository<Order>`): that model.
    const superSource = (expr: ts.Expression): ValueSource | null => {
      const node = unwrap(expr);
      const site = ts.isIdentifier(node) ? file.bindings.lookup(node) : undefined;
      const held = site?.kind === 'parameter' ? holderType(site.type) : null;
      const source = held ? typeSource(held) : null;
      return source && 'ref' in source ? source : valueSource(expr);
    };

    const members: Record<string, ValueSource[]> = {};
    const addMember = (name: string, source: ValueSource | null): void => {
      if (!source) return;
      const list = (members[name] ??= []);
      if (!list.some((known) => JSON.stringify(known) === JSON.stringify(source))) list.push(source);
    };
    const typed = (name: string, type: ts.TypeNode | undefined): void => {
      const held = holderType(type);
      if (held) addMember(name, typeSource(held));
    };
    ctor?.parameters.forEach((parameter, index) => {
      if (!ts.isIdentifier(parameter.name) || !ts.isParameterPropertyDeclaration(parameter, ctor)) return;
      addMember(parameter.name.text, { param: index });
      typed(parameter.name.text, parameter.type);
    });
    for (const member of cls.members) {
      if (!ts.isPropertyDeclaration(member)) continue;
      const name = propertyNameText(member.name);
      if (name === null) continue;
      typed(name, member.type);
    }
    // `this.model = model` in the constructor.
    let superCall: ts.CallExpression | null = null;
    if (ctor?.body) {
      const visit = (node: ts.Node): void => {
        if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
          const left = unwrap(node.left);
          if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword) {
            const source = valueSource(node.right);
            if (source && 'param' in source) addMember(left.name.text, source);
          }
        }
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword && !superCall) superCall = node;
        if (!ts.isFunctionLike(node) || node === ctor) ts.forEachChild(node, visit);
      };
      visit(ctor);
    }

    const fact: ClassFact = { name: cls.name!.text, line: file.line(cls.name!) };
    const heritage = cls.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const baseName = heritage ? dottedName(heritage.expression) : null;
    if (heritage && baseName !== null) {
      const root = baseName.split('.')[0]!;
      const imported = file.input.importsByLocal.get(root);
      const local = !imported && classes.some((other) => other !== cls && other.name!.text === baseName);
      if (imported?.module && (imported.imported === '*' ? baseName.includes('.') : !baseName.includes('.'))) {
        fact.base = { name: imported.imported === '*' ? baseName.slice(root.length + 1) : imported.imported, module: imported.module };
      } else if (local) {
        fact.base = { name: baseName, module: file.input.path };
      }
      if (fact.base) {
        if (heritage.typeArguments && heritage.typeArguments.length > 0) fact.typeArgs = heritage.typeArguments.map(typeSource);
        const found = superCall as ts.CallExpression | null;
        // Without a constructor of its own, the base's receives the same arguments.
        if (ctor && found && !found.arguments.some((arg) => ts.isSpreadElement(arg))) fact.superArgs = found.arguments.map(superSource);
        else if (ctor) fact.superArgs = [];
      }
    }
    if (Object.keys(members).length > 0) fact.members = members;
    // Every method it declares (one without uses still overrides the base's).
    const uses = usesByClass.get(cls);
    const names = new Set<string>();
    for (const member of cls.members) {
      const key = methodKey(member);
      if (key !== null) names.add(key);
    }
    if (names.size > 0) {
      fact.methods = {};
      for (const name of [...names].sort(compareStrings)) fact.methods[name] = uses?.get(name) ?? [];
    }
    // Only what can matter: a class with a project base, or one holding a model for its subclasses.
    if (fact.base || fact.members) facts.push(fact);
  }
  return facts;
}

interface Located {
  ref: EntityRef;
  /** The file the ref was read in (a `module: null` symbol is declared there). */
  file: RepoPath;
}

interface Level {
  file: RepoPath;
  fact: ClassFact;
  params: (Located | null)[] | null;
  typeParams: (Located | null)[];
}

export type ClassResolver = (module: RepoPath, name: string) => { file: RepoPath; name: string } | null;

const MAX_CHAIN = 8;
const MAX_CALL_DEPTH = 4;

/**
 * The accesses classes make through what they inherit, per file, as data-access facts the linker
 * binds like any other (one candidate per ORM whose vocabulary knows the operation; a symbol whose
 * entity is of another ORM drops there).
 */
export function inheritedAccesses(files: readonly FileFacts[], resolveExport: ClassResolver): Map<RepoPath, DataAccessFact[]> {
  const classes = new Map<string, ClassFact>();
  for (const facts of files) for (const fact of facts.classes ?? []) classes.set(`${facts.path}\u0000${fact.name}`, fact);
  const out = new Map<RepoPath, DataAccessFact[]>();
  if (classes.size === 0) return out;

  const located = (source: ValueSource | null | undefined, level: Level): Located | null => {
    if (!source) return null;
    if ('ref' in source) return { ref: source.ref, file: level.file };
    if ('param' in source) return level.params?.[source.param] ?? null;
    return level.typeParams[source.typeParam] ?? null;
  };

  /** The class and its bases, each with what the level below passed up. */
  const chainOf = (file: RepoPath, fact: ClassFact): Level[] => {
    const levels: Level[] = [{ file, fact, params: [], typeParams: [] }];
    const seen = new Set([`${file}\u0000${fact.name}`]);
    while (levels.length < MAX_CHAIN) {
      const below = levels[levels.length - 1]!;
      const base = below.fact.base;
      if (!base) break;
      const owner = resolveExport(base.module, base.name) ?? { file: base.module, name: base.name };
      const key = `${owner.file}\u0000${owner.name}`;
      const next = classes.get(key);
      if (!next || seen.has(key)) break;
      seen.add(key);
      levels.push({
        file: owner.file,
        fact: next,
        params: below.fact.superArgs ? below.fact.superArgs.map((source) => located(source, below)) : below.params,
        typeParams: (below.fact.typeArgs ?? []).map((source) => located(source, below)),
      });
    }
    return levels;
  };

  /**
   * What `member` may be bound to, from the most derived class that declares it (a subclass's
   * declaration wins, as at run time): every source that names something, the constructor's before
   * the type's (the linker keeps those that bind to an entity of the use's ORM).
   */
  const memberValues = (chain: Level[], member: string): Located[] => {
    for (let index = 0; index < chain.length; index++) {
      const sources = chain[index]!.fact.members?.[member];
      if (!sources) continue;
      const ordered = [...sources.filter((source) => !('typeParam' in source)), ...sources.filter((source) => 'typeParam' in source)];
      return ordered.map((source) => located(source, chain[index]!)).filter((found): found is Located => found !== null);
    }
    return [];
  };

  const emit = (file: RepoPath, value: Located, use: MemberUse, line: number, operation: string): void => {
    const target: EntityRef = value.ref.by === 'symbol' && value.ref.module === null ? { ...value.ref, module: value.file } : value.ref;
    const list = out.get(file) ?? [];
    for (const [orm, mode] of Object.entries(use.modes ?? {}) as [OrmName, AccessMode][]) list.push({ target, mode, line, orm, operation });
    out.set(file, list);
  };

  /** Accesses of method `method` of the chain (looked up from level `from`), reported in `file` at `line`. */
  const callMethod = (chain: Level[], file: RepoPath, from: number, method: string, line: number, operation: string, depth: number, visiting: Set<string>): void => {
    if (depth > MAX_CALL_DEPTH) return;
    const index = chain.findIndex((level, at) => at >= from && level.fact.methods?.[method] !== undefined);
    if (index < 0) return;
    const key = `${index}\u0000${method}`;
    if (visiting.has(key)) return;
    visiting.add(key);
    for (const use of chain[index]!.fact.methods![method]!) {
      if (use.member !== undefined) {
        for (const value of memberValues(chain, use.member)) emit(file, value, use, line, `${operation} -> this.${use.member}.${use.call}`);
      } else {
        // Dispatched from the most derived class again: a subclass's override wins.
        callMethod(chain, file, use.super ? index + 1 : 0, use.call, line, operation, depth + 1, visiting);
      }
    }
    visiting.delete(key);
  };

  for (const facts of files) {
    for (const fact of facts.classes ?? []) {
      if (!fact.base || !fact.methods) continue;
      const chain = chainOf(facts.path, fact);
      if (chain.length < 2) continue;
      for (const uses of Object.values(fact.methods)) {
        for (const use of uses) {
          if (use.member !== undefined) {
            // A member the class declares itself is its adapter's, or a parameter nobody binds here.
            if (fact.members?.[use.member]) continue;
            for (const value of memberValues(chain, use.member)) emit(facts.path, value, use, use.line, `this.${use.member}.${use.call}`);
          } else if (use.super || fact.methods[use.call] === undefined) {
            // Only calls of methods this class does not declare itself: its own methods' uses are here already.
            callMethod(chain, facts.path, 1, use.call, use.line, `${use.super ? 'super' : 'this'}.${use.call}`, 0, new Set());
          }
        }
      }
    }
    // `this.jobRepository.find()` on a project repository class: what that method does, in this file.
    for (const call of facts.repositoryCalls ?? []) {
      const owner = resolveExport(call.class.module, call.class.name) ?? { file: call.class.module, name: call.class.name };
      const fact = classes.get(`${owner.file}\u0000${owner.name}`);
      if (!fact) continue;
      callMethod(chainOf(owner.file, fact), facts.path, 0, call.call, call.line, `${call.receiver}.${call.call}`, 0, new Set());
    }
  }
  return out;
}

// Data services received through generics: `productService_: InternalService<Product>` (a framework's
// generic service or repository from a package, with the entity as type argument) or a project
// repository class the receiver is declared or asserted to be (`(repo as unknown as CategoryRepository)`),
// called with the usual CRUD names. The ORM is not known in the calling file: one candidate per ORM,
// the linker keeps the one the entity belongs to. An ORM's own repository types are its adapter's.
const SERVICE_METHODS: Readonly<Record<string, AccessMode>> = methodTable({
  list: 'read', listAndCount: 'read', retrieve: 'read', find: 'read', findOne: 'read', findAndCount: 'read', findAll: 'read', count: 'read',
  create: 'write', update: 'write', upsert: 'write', upsertWithReplace: 'write', delete: 'write', softDelete: 'write', restore: 'write',
});
const GENERIC_SERVICE = /(Service|Repository)$/;
const PROJECT_REPOSITORY = /Repository$/;

/** The type a receiver is asserted to be: `(x as unknown as T)` gives T. */
function assertedType(expr: ts.Expression): ts.TypeNode | null {
  let node: ts.Expression = expr;
  for (;;) {
    if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
    else if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
      const kind = node.type.kind;
      if (kind !== ts.SyntaxKind.UnknownKeyword && kind !== ts.SyntaxKind.AnyKeyword) return node.type;
      node = node.expression;
    } else return null;
  }
}

export function collectTypedServiceCalls(file: FileIndex, sink: FactSink, orms: readonly OrmName[], ormPackages: readonly string[]): void {
  const serviceTarget = (type: ts.TypeNode | undefined): EntityRef | null => {
    const reference = typeReference(type);
    if (!reference) return null;
    const imported = importOf(file, reference.name.split('.')[0]!);
    if (!imported || fromPackage(imported.specifier, ormPackages)) return null;
    const base = typeBaseName(reference.name);
    if (reference.args.length > 0) {
      if (imported.module !== null || imported.specifier.startsWith('.') || !GENERIC_SERVICE.test(base) || !reference.args[0]) return null;
      const target = typeTarget(file, reference.args[0]);
      return target?.by === 'symbol' && target.module !== null ? target : null;
    }
    if (imported.module === null || imported.imported === '*' || !PROJECT_REPOSITORY.test(base)) return null;
    return { by: 'symbol', name: imported.imported, module: imported.module };
  };
  for (const call of file.calls) {
    const method = methodCall(call);
    const mode = method ? SERVICE_METHODS[method.name] : undefined;
    if (!method || !mode) continue;
    const asserted = assertedType(method.receiver);
    const target: EntityRef | null = asserted
      ? serviceTarget(asserted)
      : followValue<EntityRef>(file.bindings, method.receiver, () => null, (site) => serviceTarget(site.type));
    if (!target) continue;
    for (const orm of orms) sink.access(target, mode, orm, `${dottedName(method.receiver) ?? 'service'}.${method.name}`, call);
  }
}

/** A project class named like a repository: its instances' method calls are read through its class facts. */
const REPOSITORY_CLASS = /(Repository|Repo)$/;

/** Gate for `collectTypedServiceCalls`: a generic service or repository type, or a cast to a project one. */
export const TYPED_SERVICE_GATE = /\w(?:Service|Repository)\s*<|\bas\s+\w*Repository\b/;

/** Gate: the file imports a class named like a repository from another project file. */
export function importsRepositoryClass(input: DataAccessScanInput): boolean {
  for (const imported of input.importsByLocal.values()) if (imported.module !== null && REPOSITORY_CLASS.test(imported.imported)) return true;
  return false;
}

/**
 * `this.jobRepository.find()`, `repo.updateStatus()` where the receiver is declared (or made with `new`)
 * as a project repository class imported from another file: the linker reads what that method does
 * through the class and its bases (`inheritedAccesses`). Only repositories: a call on a service that
 * itself calls repositories is a dependency between modules, not an access of the caller.
 */
export function collectRepositoryCalls(file: FileIndex): RepositoryCall[] {
  const repositoryClass = (name: ts.EntityName | ts.Expression): RepositoryCall['class'] | null => {
    if (!ts.isIdentifier(name)) return null;
    const imported = importOf(file, name.text);
    if (!imported?.module || imported.imported === '*' || imported.imported === 'default' || !REPOSITORY_CLASS.test(imported.imported)) return null;
    return { name: imported.imported, module: imported.module };
  };
  const calls: RepositoryCall[] = [];
  // One lookup per receiver name (`repo`, `this.repo`): its declared type, or the `new` it was given.
  const known = new Map<BindingSite, RepositoryCall['class'] | null>();
  const classOf = (site: BindingSite): RepositoryCall['class'] | null => {
    if (known.has(site)) return known.get(site)!;
    let found: RepositoryCall['class'] | null = null;
    if (site.type) found = ts.isTypeReferenceNode(site.type) && !site.type.typeArguments ? repositoryClass(site.type.typeName) : null;
    else {
      const value = site.values[0] ? unwrap(site.values[0]) : null;
      found = value && ts.isNewExpression(value) ? repositoryClass(value.expression) : null;
    }
    known.set(site, found);
    return found;
  };
  for (const call of file.calls) {
    const method = methodCall(call);
    if (!method) continue;
    const receiver = unwrap(method.receiver);
    let found: RepositoryCall['class'] | null = null;
    if (ts.isNewExpression(receiver)) found = repositoryClass(receiver.expression);
    else if (ts.isIdentifier(receiver) || isThisProperty(receiver)) {
      const site = file.bindings.lookup(receiver);
      found = site ? classOf(site) : null;
    }
    if (found) calls.push({ class: found, call: method.name, receiver: dottedName(receiver) ?? 'repository', line: file.line(call) });
  }
  return calls;
}
