/**
 * Turns one planned domain module into TypeScript source text. Every planned use of an imported symbol
 * becomes one statement (or field, or relation) that names it, so edge weights vary as planned.
 * Cosmetic choices (statement order, method names, columns) use a PRNG seeded per module, so a file's
 * text depends only on the spec and the file, never on the order files are rendered in.
 */
import { createPrng, type Prng } from './prng.js';
import type { KernelModule, MonolithPlan, PlannedModule } from './monolith-model.js';
import { ImportBlock, aliasSpecifier, relativeSpecifier } from './monolith-specifiers.js';

const METHOD_NAMES: Record<string, readonly string[]> = {
  services: ['load', 'list', 'save', 'sync', 'audit', 'refresh'],
  repositories: ['findOne', 'findAll', 'persist', 'remove', 'countAll', 'search'],
  mappers: ['toDto', 'toRow', 'merge', 'diff'],
};
const CALLED_METHODS: Record<string, readonly string[]> = {
  services: ['load', 'list', 'save'],
  repositories: ['findOne', 'findAll', 'persist'],
  mappers: ['toDto', 'toRow'],
};
const ROUTES: readonly { verb: string; suffix: string }[] = [
  { verb: 'get', suffix: '' },
  { verb: 'get', suffix: '/:id' },
  { verb: 'post', suffix: '' },
  { verb: 'put', suffix: '/:id' },
  { verb: 'delete', suffix: '/:id' },
  { verb: 'get', suffix: '/:id/history' },
];

export function moduleNumberText(m: PlannedModule): string {
  return /(\d+)\.ts$/.exec(m.path)?.[1] ?? String(m.number);
}

export function renderModule(plan: MonolithPlan, index: number): string {
  const m = plan.modules[index] as PlannedModule;
  const rng = createPrng(plan.spec.seed * 7919 + index * 104729 + 17);
  const block = new ImportBlock();
  if (m.layer === 'entities') return renderEntity(plan, m, rng, block);
  if (m.layer === 'dto') return renderDto(plan, m, block);
  const statements = collectStatements(plan, index, rng, block);
  const body = rng.shuffle(statements);
  const imports = (): string => block.render();
  switch (m.layer) {
    case 'controllers':
      return renderController(plan, m, body, rng, block, imports);
    case 'handlers':
      return `${sectioned(imports())}export const ${m.symbol}Topic = 'q.${moduleNumberText(m)}';\n\n` +
        `export async function ${m.symbol}(message: { id: number; payload: unknown }): Promise<void> {\n` +
        `  const id = message.id;\n  const input = message.payload;\n${indent(body, 2)}}\n`;
    default:
      return renderObjectModule(plan, m, body, imports);
  }
}

function sectioned(text: string): string {
  return text.length > 0 ? `${text}\n\n` : '';
}

function indent(lines: readonly string[], depth: number): string {
  const pad = ' '.repeat(depth);
  return lines.map((line) => `${pad}${line}\n`).join('');
}

const barrelCache = new WeakMap<MonolithPlan, Map<PlannedModule, string>>();

/** Module -> path of the barrel that re-exports it, built once per plan. */
function barrelOf(plan: MonolithPlan): Map<PlannedModule, string> {
  let map = barrelCache.get(plan);
  if (!map) {
    map = new Map();
    for (const barrel of plan.barrels) for (const i of barrel.members) map.set(plan.modules[i] as PlannedModule, barrel.path);
    barrelCache.set(plan, map);
  }
  return map;
}

function importSpecifier(plan: MonolithPlan, from: PlannedModule, to: PlannedModule, style: string): string {
  if (style === 'alias') return aliasSpecifier(to.path);
  if (style === 'barrel') {
    const barrel = barrelOf(plan).get(to);
    if (barrel) return relativeSpecifier(from.path, barrel);
  }
  return relativeSpecifier(from.path, to.path);
}

function addKernelImports(plan: MonolithPlan, index: number, block: ImportBlock): { role: KernelModule['role']; uses: number }[] {
  const m = plan.modules[index] as PlannedModule;
  const list = plan.kernelImports.get(index) ?? [];
  for (const k of list) {
    const kernel = plan.kernel.find((x) => x.role === k.role) as KernelModule;
    block.add(k.style === 'alias' ? aliasSpecifier(kernel.path) : relativeSpecifier(m.path, kernel.path), kernel.symbol, false);
  }
  return list;
}

/** One statement per planned use, of imported modules, kernel and raw SQL; adds the imports to the block. */
function collectStatements(plan: MonolithPlan, index: number, rng: Prng, block: ImportBlock): string[] {
  const m = plan.modules[index] as PlannedModule;
  const out: string[] = [];
  let counter = 0;
  const local = (): string => `r${(counter += 1)}`;
  const tag = `${m.symbol}`;
  for (const imp of m.imports) {
    const to = plan.modules[imp.target] as PlannedModule;
    block.add(importSpecifier(plan, m, to, imp.style), to.symbol, imp.isTypeOnly);
    for (let u = 0; u < imp.uses; u += 1) {
      if (imp.isTypeOnly) {
        out.push(`const ${local()} = input as ${to.symbol};`);
      } else if (to.layer === 'entities') {
        out.push(entityStatement(plan, to.symbol, u < imp.writes, rng, local()));
      } else {
        const method = rng.pick(CALLED_METHODS[to.layer] ?? ['load']);
        const call = to.layer === 'mappers' ? `${to.symbol}.${method}(id, input)` : `await ${to.symbol}.${method}(id, input)`;
        out.push(rng.chance(0.3) ? `${call};` : `const ${local()} = ${call};`);
      }
    }
  }
  for (const k of addKernelImports(plan, index, block)) {
    if (k.role === 'db') continue; // the data statements below name dataSource themselves
    for (let u = 0; u < k.uses; u += 1) out.push(kernelStatement(k.role, tag, rng, local()));
  }
  for (const access of m.sql) {
    out.push(
      access.mode === 'read'
        ? `const ${local()} = await dataSource.query('SELECT id, c_1 FROM ${access.table} WHERE id = $1', [id]);`
        : rng.chance(0.5)
          ? `await dataSource.query('UPDATE ${access.table} SET c_1 = $2 WHERE id = $1', [id, input]);`
          : `await dataSource.query('INSERT INTO ${access.table} (id, c_1) VALUES ($1, $2)', [id, input]);`,
    );
  }
  if (m.layer === 'repositories') addDataSource(plan, block);
  return out;
}

function entityStatement(plan: MonolithPlan, symbol: string, isWrite: boolean, rng: Prng, name: string): string {
  if (!plan.spec.withData) {
    return isWrite ? `store.set(id, input as ${symbol});` : `const ${name} = store.get(id) as ${symbol} | undefined;`;
  }
  if (isWrite) {
    return rng.pick([
      `await dataSource.getRepository(${symbol}).update(id, { updatedAt: new Date() });`,
      `await dataSource.getRepository(${symbol}).delete({ id });`,
      `await dataSource.getRepository(${symbol}).insert({ id });`,
    ]);
  }
  return rng.pick([
    `const ${name} = await dataSource.getRepository(${symbol}).findOneBy({ id });`,
    `const ${name} = await dataSource.getRepository(${symbol}).find({ take: 20 });`,
    `const ${name} = await dataSource.manager.count(${symbol});`,
  ]);
}

function addDataSource(plan: MonolithPlan, block: ImportBlock): void {
  if (plan.spec.withData && !plan.spec.withKernel) block.add('typeorm', 'DataSource', false);
}

function kernelStatement(role: KernelModule['role'], tag: string, rng: Prng, name: string): string {
  switch (role) {
    case 'logger':
      return `logger.${rng.pick(['info', 'warn', 'debug'])}('${tag}', { id });`;
    case 'errors':
      return `if (id < 0) throw new NotFoundError('${tag}', id);`;
    case 'config':
      return `const ${name} = config.get('${rng.pick(['pageSize', 'timeoutMs', 'region', 'retries'])}');`;
    case 'bus':
      return `bus.publish('${tag}.changed', { id });`;
    default:
      return `void dataSource;`;
  }
}

function splitIntoMethods(body: readonly string[], names: readonly string[], minimum: number): string[][] {
  const count = Math.min(names.length, Math.max(minimum, Math.ceil(body.length / 4)));
  const chunks: string[][] = Array.from({ length: count }, () => []);
  body.forEach((line, i) => chunks[Math.floor((i * count) / Math.max(1, body.length))]?.push(line));
  return chunks;
}

function renderObjectModule(plan: MonolithPlan, m: PlannedModule, body: readonly string[], imports: () => string): string {
  const names = METHOD_NAMES[m.layer] ?? ['run'];
  const isAsync = m.layer !== 'mappers';
  const chunks = splitIntoMethods(body, names, (CALLED_METHODS[m.layer] ?? []).length);
  let preamble = '';
  if (m.layer === 'repositories' && !plan.spec.withData) preamble = 'const store = new Map<number, unknown>();\n\n';
  if (m.layer === 'repositories' && plan.spec.withData && !plan.spec.withKernel) {
    preamble = "const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });\n\n";
  }
  const methods = chunks.map((lines, i) => {
    const head = isAsync
      ? `  async ${names[i]}(id: number, input?: unknown): Promise<unknown> {\n`
      : `  ${names[i]}(id: number, input?: unknown): unknown {\n`;
    return `${head}${indent(lines, 4)}    return { id, input };\n  },\n`;
  });
  return `${sectioned(imports())}${preamble}export const ${m.symbol} = {\n${methods.join('\n')}};\n`;
}

function renderController(plan: MonolithPlan, m: PlannedModule, body: readonly string[], rng: Prng, block: ImportBlock, imports: () => string): string {
  block.add('express', 'Router', false);
  const num = moduleNumberText(m);
  const base = plan.spec.domainWordsInNames ? `/api/${m.path.split('/').pop()?.split('-')[0]}/${num}` : `/api/r${num}`;
  const chunks = splitIntoMethods(body, ROUTES.map((r) => r.verb), 2);
  const offset = rng.int(0, 1);
  const routes = chunks.map((lines, i) => {
    const route = ROUTES[(i + offset) % ROUTES.length] as { verb: string; suffix: string };
    return `${m.symbol}.${route.verb}('${base}${route.suffix}', async (req, res) => {\n` +
      `  const id = Number(req.params['id'] ?? req.query['id'] ?? 0);\n  const input: unknown = req.body;\n` +
      `${indent(lines, 2)}  res.json({ ok: true, id });\n});\n`;
  });
  return `${sectioned(imports())}export const ${m.symbol} = Router();\n\n${routes.join('\n')}`;
}

function renderDto(plan: MonolithPlan, m: PlannedModule, block: ImportBlock): string {
  const fields: string[] = ['id: number;', 'createdAt: string;'];
  for (const imp of m.imports) {
    const to = plan.modules[imp.target] as PlannedModule;
    block.add(importSpecifier(plan, m, to, imp.style), to.symbol, true);
    const stem = to.symbol.charAt(0).toLowerCase() + to.symbol.slice(1);
    const shapes = [`${stem}: ${to.symbol};`, `${stem}List: ${to.symbol}[];`, `${stem}Previous?: ${to.symbol};`];
    for (let u = 0; u < imp.uses; u += 1) fields.push(shapes[u % shapes.length] as string);
  }
  return `${sectioned(block.render())}export interface ${m.symbol} {\n${indent(fields, 2)}}\n`;
}

function renderEntity(plan: MonolithPlan, m: PlannedModule, rng: Prng, block: ImportBlock): string {
  const columns = rng.int(2, 6);
  const members: string[] = [];
  const isOrm = plan.spec.withData;
  if (isOrm) {
    for (const name of ['Column', 'Entity', 'PrimaryGeneratedColumn']) block.add('typeorm', name, false);
    members.push('@PrimaryGeneratedColumn()', 'id!: number;', '');
  } else {
    members.push('id = 0;');
  }
  for (let c = 1; c <= columns; c += 1) {
    const type = rng.pick(['string', 'number', 'boolean']);
    if (isOrm) members.push(`@Column({ name: 'c_${c}' })`, `c${c}!: ${type};`, '');
    else members.push(`c${c}?: ${type};`);
  }
  if (isOrm) members.push("@Column({ name: 'updated_at', nullable: true })", 'updatedAt?: Date;', '');
  for (const imp of m.imports) {
    const to = plan.modules[imp.target] as PlannedModule;
    block.add(importSpecifier(plan, m, to, imp.style), to.symbol, false);
    for (let u = 0; u < imp.uses; u += 1) {
      const prop = `${to.symbol.charAt(0).toLowerCase()}${to.symbol.slice(1)}Ref${u + 1}`;
      if (isOrm) {
        block.add('typeorm', 'ManyToOne', false);
        members.push(`@ManyToOne(() => ${to.symbol}, { nullable: true })`, `${prop}?: ${to.symbol};`, '');
      } else {
        members.push(`${prop}?: ${to.symbol};`);
      }
    }
  }
  while (members[members.length - 1] === '') members.pop();
  const decorator = isOrm ? `@Entity('${m.table}')\n` : '';
  return `${sectioned(block.render())}${decorator}export class ${m.symbol} {\n${indent(members, 2).replace(/^ +\n/gm, '\n')}}\n`;
}
