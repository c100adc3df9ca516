// `carve init` end to end: writes a carve.config.json that Carve and its shipped JSON schema accept,
// whose globs place every file exactly where the analysis put it, whose dependsOn lets today's imports
// pass `carve check`; refuses to overwrite without --force; writes nothing else; same bytes each time.
// The init that writes the config is a CLI process of its own; the other runs go through the built
// CLI's main in this process (runCliInProcess): their output and exit code are what counts.
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextOfFile, parseConfig } from '../../src/config/index.js';
import type { Analysis } from '../../src/shared/analysis.js';
import { validateJsonSchema } from '../check/helpers/json-schema.js';
import { snapshotTree } from '../helpers/fixtures.js';
import { builtCliEntry, isCliBuilt, repoRoot, runCli, runCliInProcess, stderrLines, type CliRun } from '../helpers/run-cli.js';
import { createTmpGitRepo, type TmpGitRepo } from '../helpers/tmp-git-repo.js';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'carve-e2e-init-')));
const schema = JSON.parse(readFileSync(join(repoRoot, 'schema', 'carve.config.schema.json'), 'utf8')) as Record<string, unknown>;

const SHOP: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', experimentalDecorators: true }, include: ['src'] }),
  'src/catalog/index.ts': "export { price } from './pricing.js';\nexport { search } from './search.js';\n",
  'src/catalog/pricing.ts': "import { Product } from './product.entity.js';\nexport function price(product: Product): number {\n  return product.cents;\n}\n",
  'src/catalog/search.ts': "import { price } from './pricing.js';\nimport { Product } from './product.entity.js';\nexport function search(items: Product[]): number[] {\n  return items.map(price);\n}\n",
  'src/catalog/product.entity.ts': "import { Column, Entity } from 'typeorm';\n@Entity('products')\nexport class Product {\n  @Column() cents!: number;\n}\n",
  'src/orders/index.ts': "export { place } from './order.service.js';\n",
  'src/orders/order.service.ts': "import { price, search } from '../catalog/index.js';\nimport { Order } from './order.entity.js';\nimport { lines } from './order-lines.js';\nexport function place(order: Order): number {\n  return lines(order) + search([]).length + price({ cents: 1 });\n}\n",
  'src/orders/order-lines.ts': "import { Order } from './order.entity.js';\nexport function lines(order: Order): number {\n  return order.id;\n}\n",
  'src/orders/order.entity.ts': "import { Column, Entity } from 'typeorm';\n@Entity('orders')\nexport class Order {\n  @Column() id!: number;\n}\n",
  'src/main.ts': "import { place } from './orders/index.js';\nplace({ id: 1 });\n",
};

let repo: TmpGitRepo;
let analysis: Analysis;

function describeRun(run: CliRun): string {
  return `exit ${run.exitCode}; stdout: ${run.stdout.slice(0, 2000)}; stderr: ${run.stderr.slice(0, 2000)}`;
}

beforeAll(async () => {
  if (!isCliBuilt()) throw new Error(`${builtCliEntry} is missing: run \`npm run build\` before the e2e tests`);
  repo = createTmpGitRepo(SHOP, 'carve-e2e-init-repo-');
  repo.commit('shop');
  const run = await runCliInProcess(['analyze', repo.dir, '--json', '--no-cache', '--out', join(scratch, 'reports')]);
  expect(run.exitCode, describeRun(run)).toBe(0);
  analysis = JSON.parse(run.stdout) as Analysis;
});

afterAll(() => {
  repo.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe('carve init', () => {
  let written = '';

  it('writes carve.config.json and nothing else', async () => {
    const before = snapshotTree(repo.dir);
    const run = await runCli(['init', repo.dir, '--no-cache']);
    expect(run.exitCode, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(/^wrote .*carve\.config\.json: \d+ contexts?/);
    written = readFileSync(join(repo.dir, 'carve.config.json'), 'utf8');
    const after = snapshotTree(repo.dir);
    delete after['carve.config.json'];
    delete after['.'];
    delete before['.'];
    expect(after).toEqual(before);
  });

  it('writes a config Carve and its JSON schema accept, with $schema', () => {
    const raw = JSON.parse(written) as Record<string, unknown>;
    // No Carve installed in the scratch repository: the stable URL of this version's schema (an
    // installed one is found by the install test, test/e2e/install.test.ts).
    expect(raw.$schema).toMatch(/^https:\/\/unpkg\.com\/carve@\d+\.\d+\.\d+[^/]*\/schema\/carve\.config\.schema\.json$/);
    expect(validateJsonSchema(schema, raw)).toEqual([]);
    expect(() => parseConfig(written)).not.toThrow();
  });

  it("places every file exactly where the analysis put it, with the contexts' tables", (context) => {
    const config = parseConfig(written);
    const membership = new Map(analysis.contexts.flatMap((context) => context.modules.map((module) => [module, context.id] as const)));
    for (const module of analysis.modules) {
      expect(contextOfFile(config, module.id), module.id).toBe(membership.get(module.id) ?? null);
    }
    const tables = new Map(analysis.entities.map((entity) => [entity.id, entity.table]));
    for (const context of analysis.contexts) {
      const entities = config.contexts[context.id]?.entities ?? [];
      for (const entity of context.entities) expect(entities).toContain(tables.get(entity) ?? entity);
    }
  });

  it('lets today\'s imports pass carve check', async (context) => {
    const run = await runCliInProcess(['check', repo.dir, '--no-cache', '--format', 'json']);
    expect([0, 1], describeRun(run)).toContain(run.exitCode);
    const violations = (JSON.parse(run.stdout) as { violations: { kind: string }[] }).violations;
    expect(violations.filter((violation) => violation.kind === 'import')).toEqual([]);
  });

  it('refuses to overwrite without --force (exit 2), and overwrites with it, byte for byte the same', async () => {
    const refused = await runCliInProcess(['init', repo.dir, '--no-cache']);
    expect(refused.exitCode).toBe(2);
    expect(stderrLines(refused)).toEqual([expect.stringMatching(/^carve: error: .*carve\.config\.json already exists \(hint: pass --force/)]);
    expect(readFileSync(join(repo.dir, 'carve.config.json'), 'utf8')).toBe(written);

    repo.write({ 'carve.config.json': '{"edited": true}' });
    const forced = await runCliInProcess(['init', repo.dir, '--no-cache', '--force']);
    expect(forced.exitCode, describeRun(forced)).toBe(0);
    expect(readFileSync(join(repo.dir, 'carve.config.json'), 'utf8')).toBe(written);
  });

  it('keeps --include and --exclude in the config it writes', async () => {
    const target = join(scratch, 'narrow.json');
    const run = await runCliInProcess(['init', repo.dir, '--no-cache', '--config', target, '--include', 'src/**/*.ts', '--exclude', 'src/main.ts']);
    expect(run.exitCode, describeRun(run)).toBe(0);
    const config = parseConfig(readFileSync(target, 'utf8'));
    // The config lies outside the repository: a tsconfig path climbing out of its own would not load.
    expect(config.project).toEqual({ include: ['src/**/*.ts'] });
    expect(config.exclude).toEqual(['src/main.ts']);
  });
});
