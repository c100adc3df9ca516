// Two levels (src/contexts/feature-modules.ts): which folders are feature folders, how files of layer
// folders group by stem, and when a file is misplaced (with and without enough evidence). The end-to-end
// answer on fixtures/two-levels is in its expected-modules.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import {
  classifyFolders,
  detectFeatureModules,
  type FeatureModulesInput,
  fileRole,
  MISPLACED_MIN_SHARE,
} from '../../src/contexts/feature-modules.js';
import type { Analysis } from '../../src/shared/analysis.js';
import type { ImportKind } from '../../src/shared/facts.js';
import { fixturesRoot } from '../helpers/fixtures.js';

type Dependency = FeatureModulesInput['dependencies'][number];

function input(files: string[], options: { context?: (file: string) => string | null; imports?: Array<[string, string, number?, ImportKind?]>; setAside?: string[]; data?: FeatureModulesInput['dataAccess']; entities?: FeatureModulesInput['entities'] } = {}): FeatureModulesInput {
  const dependencies: Dependency[] = (options.imports ?? []).map(([from, to, symbols = 1, kind = 'import']) => ({
    from,
    to,
    kind,
    symbols: Array.from({ length: symbols }, (_, i) => `s${i}`),
  }));
  return {
    modules: files.map((id) => ({ id, loc: 10, context: options.context ? options.context(id) : 'app' })),
    dependencies,
    dataAccess: options.data ?? [],
    entities: options.entities ?? [],
    setAside: options.setAside ?? [],
  };
}

describe('feature folders and layer folders', () => {
  it('reads a technical role from the end of a file name', () => {
    expect(fileRole('src/a/account.controller.ts')).toBe('controller');
    expect(fileRole('src/a/account-balance.dto.ts')).toBe('dto');
    expect(fileRole('src/a/invoiceService.ts')).toBe('service');
    expect(fileRole('src/a/service.ts')).toBeNull();
    expect(fileRole('src/a/invoice.ts')).toBeNull();
  });

  it('calls a folder whose files mix roles, or that holds a framework module, a feature folder', () => {
    const kinds = classifyFolders([
      'src/billing/billing.controller.ts',
      'src/billing/invoice.service.ts',
      'src/search/search.module.ts',
      'src/search/search-index.ts',
      'src/services/order.service.ts',
      'src/services/cart.service.ts',
      'src/reports/sales.ts',
      'src/reports/revenue.ts',
    ]);
    expect(kinds.get('src/billing')).toBe('feature');
    expect(kinds.get('src/search')).toBe('feature');
    expect(kinds.get('src/services')).toBe('layer');
    expect(kinds.get('src/reports')).toBe('plain');
    expect(kinds.get('src')).toBe('layer');
  });

  it("counts the roles of a feature folder's role subfolders (dto/, services/)", () => {
    const kinds = classifyFolders(['src/core/page/page.controller.ts', 'src/core/page/dto/create-page.dto.ts', 'src/core/page/services/page.service.ts']);
    expect(kinds.get('src/core/page')).toBe('feature');
    expect(kinds.get('src/core/page/dto')).toBe('layer');
  });

  it('does not call one role with generic helpers (types, utils) a mix', () => {
    const kinds = classifyFolders(['src/payments/index.ts', 'src/payments/types.ts', 'src/payments/utils.ts', 'src/payments/stripe.ts']);
    expect(kinds.get('src/payments')).toBe('plain');
  });

  it('calls a folder of many things named in other folders too a layer (GraphQL object/, input/)', () => {
    const things = ['Expense', 'Order', 'Host', 'Member', 'Tier'];
    const kinds = classifyFolders([
      ...things.map((thing) => `server/graphql/v2/thing/${thing}.ts`),
      ...things.map((thing) => `server/models/${thing}.ts`),
      // A domain folder whose files carry its own name is not a layer, whoever else uses the name.
      ...['page', 'page-history', 'page-verification', 'page-transclusion', 'page-label'].map((stem) => `src/repos/page/${stem}.repo.ts`),
      ...['page', 'page-history', 'page-verification', 'page-transclusion', 'page-label'].map((stem) => `src/core/${stem}.service.ts`),
    ]);
    expect(kinds.get('server/graphql/v2/thing')).toBe('layer');
    expect(kinds.get('src/repos/page')).toBe('plain');
  });

  it('leaves words that are features somewhere (view, plugin) to the content test', () => {
    const kinds = classifyFolders(['src/features/view/view.ts', 'src/features/view/view-sort.ts', 'src/features/view/filter.ts', 'src/features/view/group.ts', 'src/features/view/model.ts', 'src/catalog/product-view.ts', 'src/catalog/product-commands.ts', 'src/catalog/pricing.ts', 'src/catalog/search.ts', 'src/catalog/index.ts', 'src/entities/product.entity.ts', 'server/graphql/collection/AccountCollection.ts']);
    expect(kinds.get('src/features/view')).toBe('plain');
    // A domain folder whose files are named by its entity (product-*) is no layer.
    expect(kinds.get('src/catalog')).toBe('plain');
    expect(kinds.get('server/graphql/collection')).toBe('layer');
  });
});

describe('modules', () => {
  it('gives each file of a feature folder that folder, with its role subfolders', () => {
    const result = detectFeatureModules(input(['src/billing/billing.controller.ts', 'src/billing/invoice.service.ts', 'src/billing/dto/invoice.dto.ts', 'src/billing/pdf/render.ts']));
    expect(result.featureModules).toEqual([
      {
        id: 'src/billing',
        context: 'app',
        basis: 'folder',
        files: ['src/billing/billing.controller.ts', 'src/billing/dto/invoice.dto.ts', 'src/billing/invoice.service.ts', 'src/billing/pdf/render.ts'],
      },
    ]);
  });

  it('groups the files of layer folders by domain stem, a stem of one file joining the stem it starts with (step by step)', () => {
    const result = detectFeatureModules(
      input([
        'src/controllers/account.controller.ts',
        'src/services/account.service.ts',
        'src/dto/account-balance.dto.ts',
        'src/services/cart.service.ts',
        'src/entities/cart-item.entity.ts',
        'src/entities/cart-item-option.entity.ts',
        'src/utils/index.ts',
        'src/utils/clock.ts',
      ]),
    );
    expect(result.featureModules.map((module) => [module.id, module.basis, module.files])).toEqual([
      ['stem:account', 'stem', ['src/controllers/account.controller.ts', 'src/dto/account-balance.dto.ts', 'src/services/account.service.ts']],
      ['stem:cart', 'stem', ['src/entities/cart-item-option.entity.ts', 'src/entities/cart-item.entity.ts', 'src/services/cart.service.ts']],
    ]);
    expect(result.moduleOf['src/utils/index.ts']).toBeNull();
    expect(result.moduleOf['src/utils/clock.ts']).toBeNull();
  });

  it('leaves a stem of one file alone when it starts with one stem and ends with another', () => {
    const result = detectFeatureModules(
      input(['src/entities/user.entity.ts', 'src/services/user.service.ts', 'src/routes/group.ts', 'src/services/group.service.ts', 'src/entities/user-group.entity.ts']),
    );
    expect(result.moduleOf['src/entities/user-group.entity.ts']).toBeNull();
    expect(result.moduleOf['src/entities/user.entity.ts']).toBe('stem:user');
    expect(result.moduleOf['src/routes/group.ts']).toBe('stem:group');
  });

  it('puts a layer file whose stem names a feature folder into that folder, and a domain folder under a layer by its name', () => {
    const result = detectFeatureModules(
      input([
        'src/core/page/page.controller.ts',
        'src/core/page/page.service.ts',
        'src/database/repos/page/page-history.repo.ts',
        'src/api/private/notes/notes.controller.ts',
        'src/notes/note.module.ts',
        'src/lib/two-factor/totp.ts',
        'src/lib/two-factor/webauthn.ts',
      ]),
    );
    expect(result.moduleOf['src/database/repos/page/page-history.repo.ts']).toBe('src/core/page');
    expect(result.moduleOf['src/api/private/notes/notes.controller.ts']).toBe('src/notes');
    expect(result.featureModules.find((module) => module.id === 'src/lib/two-factor')).toMatchObject({ basis: 'folder', files: ['src/lib/two-factor/totp.ts', 'src/lib/two-factor/webauthn.ts'] });
  });

  it('gives a module the context of most of its files, lines breaking ties, and lists a split', () => {
    const contextOf = (file: string): string | null => (file.includes('refund') ? 'refunds' : file.includes('payment.entity') ? null : 'payments');
    const files = ['src/payments/payment.controller.ts', 'src/payments/payment.service.ts', 'src/payments/refund.service.ts', 'src/payments/payment.entity.ts'];
    const result = detectFeatureModules(input(files, { context: contextOf }));
    expect(result.featureModules[0]).toMatchObject({ id: 'src/payments', context: 'payments', split: [{ context: 'payments', files: 2 }, { context: 'refunds', files: 1 }] });
    const one = detectFeatureModules(input(files, { context: () => 'payments' }));
    expect(one.featureModules[0]?.split).toBeUndefined();
  });

  it('leaves set-aside files (kernel, wiring, platform) out of every module', () => {
    const result = detectFeatureModules(input(['src/billing/billing.controller.ts', 'src/billing/invoice.service.ts', 'src/billing/billing.module.ts'], { setAside: ['src/billing/billing.module.ts'] }));
    expect(result.moduleOf['src/billing/billing.module.ts']).toBeNull();
    expect(result.featureModules[0]?.files).toEqual(['src/billing/billing.controller.ts', 'src/billing/invoice.service.ts']);
  });

  it('puts schema history (migrations, seeds, timestamped files) in no module, though its words name a stem', () => {
    const result = detectFeatureModules(
      input(['src/entities/user-setting.entity.ts', 'src/services/user-setting.service.ts', 'src/migration/1613615266968-CreateUserSettings.ts', 'src/db/20240324T085600-user-settings.ts', 'src/database/seeds/user-setting.ts']),
    );
    expect(result.featureModules.map((module) => [module.id, module.files.length])).toEqual([['stem:user-setting', 2]]);
    expect(result.moduleOf['src/migration/1613615266968-CreateUserSettings.ts']).toBeNull();
    expect(result.moduleOf['src/database/seeds/user-setting.ts']).toBeNull();
  });

  it('gives the same answer whatever the order of its input', () => {
    const files = ['src/controllers/account.controller.ts', 'src/services/account.service.ts', 'src/billing/billing.controller.ts', 'src/billing/invoice.service.ts', 'src/orders/order.service.ts', 'src/orders/order.controller.ts', 'src/orders/invoice-total.ts'];
    const imports: Array<[string, string, number?]> = [['src/orders/invoice-total.ts', 'src/billing/invoice.service.ts', 3], ['src/billing/billing.controller.ts', 'src/orders/invoice-total.ts', 2]];
    const forward = detectFeatureModules(input(files, { imports }));
    const backward = detectFeatureModules(input([...files].reverse(), { imports: [...imports].reverse() }));
    expect(JSON.stringify(backward.featureModules)).toBe(JSON.stringify(forward.featureModules));
    expect(backward.misplaced).toEqual(forward.misplaced);
  });
});

describe('misplaced files', () => {
  const files = [
    'src/billing/billing.controller.ts',
    'src/billing/invoice.service.ts',
    'src/billing/invoice.entity.ts',
    'src/orders/orders.controller.ts',
    'src/orders/order.service.ts',
    'src/orders/invoice-total.ts',
  ];

  it('lists a file whose ties go mostly to another module, with the figures', () => {
    const result = detectFeatureModules(
      input(files, {
        imports: [
          ['src/orders/invoice-total.ts', 'src/billing/invoice.service.ts', 3],
          ['src/orders/invoice-total.ts', 'src/billing/invoice.entity.ts', 1, 'type'],
          ['src/billing/billing.controller.ts', 'src/orders/invoice-total.ts', 1],
          ['src/orders/orders.controller.ts', 'src/orders/order.service.ts', 2],
        ],
        entities: [{ id: 'Invoice', definedIn: 'src/billing/invoice.entity.ts' }],
        data: [{ module: 'src/orders/invoice-total.ts', entity: 'Invoice', mode: 'read' }],
      }),
    );
    // 1 + log2(3) = 2.58 + 0.75 (a type import) + 1 + 0.5 (a read): 4.8, all to billing.
    expect(result.misplaced).toEqual([
      {
        file: 'src/orders/invoice-total.ts',
        folderModule: 'src/orders',
        module: 'src/billing',
        evidence: '4.8 of 4.8 tie weight (100%) to src/billing: imports invoice.entity.ts, invoice.service.ts; imported by billing.controller.ts; reads Invoice; 0.0 to its own module src/orders',
      },
    ]);
  });

  it('needs two files (or entities) of the other module: one import is an accident', () => {
    const result = detectFeatureModules(input(files, { imports: [['src/orders/invoice-total.ts', 'src/billing/invoice.service.ts', 8]] }));
    expect(result.misplaced).toEqual([]);
  });

  it(`needs ${MISPLACED_MIN_SHARE * 100}% of the weight: a file shared evenly with its own module stays`, () => {
    const result = detectFeatureModules(
      input(files, {
        imports: [
          ['src/orders/invoice-total.ts', 'src/billing/invoice.service.ts', 1],
          ['src/orders/invoice-total.ts', 'src/billing/invoice.entity.ts', 1],
          ['src/orders/invoice-total.ts', 'src/orders/order.service.ts', 1],
          ['src/orders/orders.controller.ts', 'src/orders/invoice-total.ts', 1],
        ],
      }),
    );
    expect(result.misplaced).toEqual([]);
  });

  it('does not move a definition its own module uses because another module uses it more', () => {
    const result = detectFeatureModules(
      input(files, {
        imports: [
          ['src/billing/billing.controller.ts', 'src/orders/invoice-total.ts', 4],
          ['src/billing/invoice.service.ts', 'src/orders/invoice-total.ts', 4],
          ['src/orders/order.service.ts', 'src/orders/invoice-total.ts', 1],
        ],
      }),
    );
    expect(result.misplaced).toEqual([]);
  });

  it('does not judge a file whose ties go mostly to set-aside files (the kernel)', () => {
    const kernel = ['src/shared/db.ts', 'src/shared/log.ts', 'src/shared/money.ts'];
    const imports: Array<[string, string, number?]> = [
      ['src/orders/invoice-total.ts', 'src/billing/invoice.service.ts', 1],
      ['src/orders/invoice-total.ts', 'src/billing/invoice.entity.ts', 1],
      ...kernel.map((file): [string, string, number] => ['src/orders/invoice-total.ts', file, 4]),
    ];
    expect(detectFeatureModules(input([...files, ...kernel], { imports, setAside: kernel })).misplaced).toEqual([]);
    expect(detectFeatureModules(input([...files, ...kernel], { imports: imports.slice(0, 2), setAside: kernel })).misplaced.map((entry) => entry.file)).toEqual(['src/orders/invoice-total.ts']);
  });

  it('does not call a name-placed file misplaced for ties to a sibling module of the same context', () => {
    const layered = ['src/entities/address.entity.ts', 'src/services/address.service.ts', 'src/entities/customer.entity.ts', 'src/services/customer.service.ts'];
    const imports: Array<[string, string, number?]> = [
      ['src/entities/address.entity.ts', 'src/entities/customer.entity.ts', 2],
      ['src/services/customer.service.ts', 'src/entities/address.entity.ts', 2],
    ];
    expect(detectFeatureModules(input(layered, { imports, context: () => 'customers' })).misplaced).toEqual([]);
    const apart = detectFeatureModules(input(layered, { imports, context: (file) => (file.includes('address') ? 'addresses' : 'customers') }));
    expect(apart.misplaced.map((entry) => [entry.file, entry.module])).toEqual([['src/entities/address.entity.ts', 'stem:customer']]);
  });
});

describe('misplaced files: framework glue', () => {
  it('never judges a guard, interceptor or decorator: it sits with what it guards, whatever it calls', () => {
    const files = ['src/billing/billing.controller.ts', 'src/billing/invoice.service.ts', 'src/orders/orders.controller.ts', 'src/orders/order.service.ts'];
    const imports = (guard: string): Array<[string, string, number?]> => [
      [guard, 'src/billing/invoice.service.ts', 2],
      [guard, 'src/billing/billing.controller.ts', 2],
    ];
    expect(detectFeatureModules(input([...files, 'src/orders/paid.guard.ts'], { imports: imports('src/orders/paid.guard.ts') })).misplaced).toEqual([]);
    expect(detectFeatureModules(input([...files, 'src/orders/paid-check.ts'], { imports: imports('src/orders/paid-check.ts') })).misplaced.map((entry) => entry.file)).toEqual(['src/orders/paid-check.ts']);
  });
});

describe('fixtures/two-levels', () => {
  const dir = join(fixturesRoot, 'two-levels');
  const expected = JSON.parse(readFileSync(join(dir, 'expected-modules.json'), 'utf8')) as {
    featureModules: Array<{ id: string; basis: string; files: string[] }>;
    noModule: string[];
    misplaced: Array<{ file: string; folderModule: string; module: string }>;
    notMisplaced: string[];
  };
  let analysis: Analysis;
  beforeAll(() => {
    analysis = analyze(dir).analysis;
  });

  it('finds the expected modules, by folder and by stem', () => {
    expect((analysis.featureModules ?? []).map(({ id, basis, files }) => ({ id, basis, files }))).toEqual(expected.featureModules);
    for (const file of expected.noModule) expect(analysis.modules.find((module) => module.id === file)?.module).toBeNull();
  });

  it('lists the misplaced file with its evidence, and not the file with one tie', () => {
    expect((analysis.misplaced ?? []).map(({ file, folderModule, module }) => ({ file, folderModule, module }))).toEqual(expected.misplaced);
    for (const entry of analysis.misplaced ?? []) expect(entry.evidence).toMatch(/^\d+\.\d of \d+\.\d tie weight \(\d+%\) to /);
    for (const file of expected.notMisplaced) expect((analysis.misplaced ?? []).map((entry) => entry.file)).not.toContain(file);
  });

  it("keeps the two levels consistent: each file's module, each module's context and each context's modules", () => {
    const contextOf = new Map(analysis.modules.map((module) => [module.id, module.context]));
    for (const module of analysis.featureModules ?? []) {
      for (const file of module.files) expect(analysis.modules.find((record) => record.id === file)?.module).toBe(module.id);
      const counts = new Map<string, number>();
      for (const file of module.files) {
        const context = contextOf.get(file);
        if (context) counts.set(context, (counts.get(context) ?? 0) + 1);
      }
      expect(counts.get(module.context ?? '') ?? 0).toBe(Math.max(0, ...counts.values()));
    }
    for (const context of analysis.contexts) {
      expect(context.featureModules).toEqual((analysis.featureModules ?? []).filter((module) => module.context === context.id).map((module) => module.id));
    }
  });
});
