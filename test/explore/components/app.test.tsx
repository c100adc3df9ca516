// The explore app rendered by ink-testing-library (100 columns, 24 rows): every view, every key, the
// filter, back, help, the empty states, resizing, and windowing of a 5,000-file analysis.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ExploreApp } from '../../../src/explore/components/app.js';
import { buildExploreModel } from '../../../src/explore/model/explore-model.js';
import type { ExitReason } from '../../../src/explore/state/types.js';
import type { Analysis } from '../../../src/shared/analysis.js';
import { buildAnalysis, largeAnalysis, noDataAccessAnalysis, oneContextAnalysis, shopAnalysis } from '../analysis-fixture.js';
import { KEYS, press, pressUntil, screen, selectedLine, typeText, waitForScreen, type Rendered } from '../ink-driver.js';

const mounted: Rendered[] = [];

async function mount(analysis: Analysis, exits: ExitReason[] = []): Promise<Rendered> {
  const app = render(<ExploreApp model={buildExploreModel(analysis)} theme={{ isColor: false }} onExit={(reason) => exits.push(reason)} />);
  mounted.push(app);
  await waitForScreen(app, (text) => text.includes('1 contexts'));
  return app;
}

afterEach(() => {
  for (const app of mounted.splice(0)) app.unmount();
});

describe('the contexts view', () => {
  it('lists the contexts with their metrics and plan rank', async () => {
    const app = await mount(shopAnalysis());
    expect(screen(app)).toMatchInlineSnapshot(`
      " 1 contexts  2 dependencies  3 data  4 plan  carve · 9 files · 3 contexts
      contexts
        context   files  cohesion  coupling  stability  tables  rank  readiness
      > catalog       3      0.11      0.89       1.00       1     2  seams
        orders        3      0.50      0.50       1.00       1     3  ready
        payments      2      0.60      0.40       1.00       1     1  -
      Enter open · Esc back · Tab view · / filter · ? help · q quit                                   1/3"
    `);
  });

  it('moves with the arrows and with j/k', async () => {
    const app = await mount(shopAnalysis());
    expect(selectedLine(await press(app, KEYS.down))).toMatch(/^> orders/);
    expect(selectedLine(await press(app, 'j'))).toMatch(/^> payments/);
    expect(selectedLine(await press(app, 'k'))).toMatch(/^> orders/);
    expect(selectedLine(await press(app, KEYS.up))).toMatch(/^> catalog/);
    expect(selectedLine(await press(app, 'G'))).toMatch(/^> payments/);
    expect(selectedLine(await press(app, 'g'))).toMatch(/^> catalog/);
  });

  it('opens a context with Enter and comes back with Esc and with Backspace', async () => {
    const app = await mount(shopAnalysis());
    await press(app, KEYS.down);
    const detail = await press(app, KEYS.enter);
    expect(detail).toMatchInlineSnapshot(`
      " 1 contexts  2 dependencies  3 data  4 plan  carve · 9 files · 3 contexts
      contexts > orders
        3 files, 113 loc · extract now · cohesion 0.50 · coupling 0.50 · stability 1.00
        Plan step                           rank  coupling    effort
      > step 3: extract orders                 3      0.50         S
        Readiness: extract now
        - in no cycle, and shares no table with another context
        - 1 inbound call site from 1 context uses 1 operation: a narrow interface
        Depends on (1 context)            weight   imports      data
        catalog                                7         2         2
        Used by (1 context)               weight   imports      data
        payments                               2         1         0
        Tables (1)                        entity   readers   writers
        orders                             Order         -  orders 1
        Files (3)                       coupling     cross  internal
        src/orders/order.service.ts         0.50         9         9
        src/orders/order.controller.ts      0.00         0         5
        src/orders/order.entity.ts          0.00         0         4
      Enter open · Esc back · Tab view · / filter · ? help · q quit                                   1/9"
    `);
    const back = await press(app, KEYS.escape);
    expect(back).toContain('  context ');
    expect(selectedLine(back)).toMatch(/^> orders/);
    await press(app, KEYS.enter);
    expect(await press(app, KEYS.backspace)).toContain('  context ');
  });

  it('opens a dependency from a context and a plan step from a context', async () => {
    const app = await mount(shopAnalysis());
    await press(app, KEYS.down);
    await press(app, KEYS.enter);
    // Cursor is on the plan step; the two readiness reasons, then the outbound dependency on catalog.
    await press(app, KEYS.down);
    await press(app, KEYS.down);
    expect(selectedLine(await press(app, KEYS.down))).toMatch(/^> catalog/);
    const pair = await press(app, KEYS.enter);
    expect(pair).toContain('contexts > orders > orders -> catalog');
    expect(pair).toContain('src/orders/order.service.ts:3');
    await press(app, KEYS.escape);
    await pressUntil(app, 'g', '> step 3: extract orders');
    expect(await press(app, KEYS.enter)).toContain('contexts > orders > step 3: orders');
  });
});

describe('the other views', () => {
  it('switches with Tab and Shift-Tab and keeps where each view was', async () => {
    const app = await mount(shopAnalysis());
    await press(app, KEYS.enter);
    const dependencies = await press(app, KEYS.tab);
    expect(dependencies).toMatchInlineSnapshot(`
      " 1 contexts  2 dependencies  3 data  4 plan  carve · 9 files · 3 contexts
      dependencies
        from -> to          weight  imports  data
      > orders -> catalog        7        2     2
        payments -> orders       2        1     0
      Enter open · Esc back · Tab view · / filter · ? help · q quit                                   1/2"
    `);
    expect(await press(app, KEYS.tab)).toContain('products  [shared]');
    expect(await press(app, KEYS.tab)).toContain('Verdict: extract');
    expect(await press(app, KEYS.tab)).toContain('contexts > catalog');
    expect(await press(app, KEYS.shiftTab)).toContain('Verdict: extract');
    expect(await press(app, '3')).toContain('products  [shared]');
  });

  it('lists the exact imports and data accesses of a pair', async () => {
    const app = await mount(shopAnalysis());
    await press(app, KEYS.tab);
    expect(await press(app, KEYS.enter)).toMatchInlineSnapshot(`
      " 1 contexts  2 dependencies  3 data  4 plan  carve · 9 files · 3 contexts
      dependencies > orders -> catalog
        weight 7 · 2 imports · 2 data accesses
        Imports (2)                     imported file                   kind    symbols
      > src/orders/order.service.ts:3   src/catalog/product.service.ts  import  findProduct, priceOf
        src/orders/order.service.ts:4   src/catalog/product.service.ts  import  findProduct, priceOf
        Data access (2)                 entity (table)                  mode    operations
        src/orders/order.service.ts:21  Product (products)              read    find
        src/orders/order.service.ts:30  Product (products)              read    find
      Enter open · Esc back · Tab view · / filter · ? help · q quit                                   1/4"
    `);
  });

  it('shows tables by context with readers and writers, and a table behind Enter', async () => {
    const app = await mount(shopAnalysis());
    const data = await press(app, '3');
    expect(data).toMatchInlineSnapshot(`
      " 1 contexts  2 dependencies  3 data  4 plan  carve · 9 files · 3 contexts
      data
        3 tables, 1 shared · 4 accesses
        catalog (1 table)   entity   readers   writers
      > products  [shared]  Product  orders 1  catalog 1
        orders (1 table)    entity   readers   writers
        orders              Order    -         orders 1
        payments (1 table)  entity   readers   writers
        payments            Payment  -         payments 1
      Enter open · Esc back · Tab view · / filter · ? help · q quit                                   1/3"
    `);
    const table = await press(app, KEYS.enter);
    expect(table).toContain('data > products');
    expect(table).toContain('src/catalog/product.service.ts:12');
    expect(table).toContain('src/orders/order.service.ts:30');
  });

  it('shows the ranked plan and a step with its facade, seams and data strategy', async () => {
    const app = await mount(shopAnalysis());
    const plan = await press(app, '4');
    expect(plan).toMatchInlineSnapshot(`
      " 1 contexts  2 dependencies  3 data  4 plan  carve · 9 files · 3 contexts
      plan  verdict: extract services, edge first · 1 ready, 1 need seams, 0 entangled
        #  context   coupling  effort  seams        tables                      after
        Verdict: extract services, edge first
      > three contexts, one shared table
        - modularity 0.50
        Steps (3)
        1  payments      0.20  S (1)   0 in, 1 out  1 own, 0 shared, 0 foreign
        2  catalog       0.35  M (8)   2 in, 0 out  0 own, 1 shared, 0 foreign
        3  orders        0.50  S (1)   0 in, 0 out  0 own, 0 shared, 0 foreign  catalog
      Enter open · Esc back · Tab view · / filter · ? help · q quit                                   1/5"
    `);
    expect(selectedLine(plan)).toBe('> three contexts, one shared table');
    await press(app, 'j');
    await press(app, 'j');
    const step = await press(app, KEYS.enter);
    expect(step).toContain('plan > step 1: payments');
    expect(step).toContain('POST /payments');
    expect(step).toContain('Calls into (1 context)');
    expect(step).toMatch(/sync +markPaid · timeout 2000 ms/);
    expect(step).toContain('Data (1 owned, 0 shared, 0 foreign)');
  });
});

describe('filtering', () => {
  it('narrows the list as you type, keeps it with Enter, clears it with Esc', async () => {
    const app = await mount(shopAnalysis());
    await press(app, '/');
    const typed = await typeText(app, 'pay');
    expect(typed).toContain('/pay_');
    expect(typed).toContain('payments');
    expect(typed).not.toContain('catalog');
    const kept = await press(app, KEYS.enter);
    expect(kept).toContain('[filter: pay]');
    expect(selectedLine(kept)).toMatch(/^> payments/);
    const cleared = await press(app, KEYS.escape);
    expect(cleared).toContain('catalog');
    expect(cleared).not.toContain('[filter');
  });

  it('says when nothing matches and erases with Backspace', async () => {
    const app = await mount(shopAnalysis());
    await press(app, '/');
    const none = await typeText(app, 'zz');
    expect(none).toContain('Nothing matches "zz"');
    expect(none).toContain('0/0');
    await press(app, KEYS.backspace);
    const erased = await press(app, KEYS.backspace);
    expect(erased).toContain('catalog');
    expect(erased).toContain('/_');
  });

  it('types q and j into the filter instead of quitting or moving', async () => {
    const exits: ExitReason[] = [];
    const app = await mount(shopAnalysis(), exits);
    await press(app, '/');
    expect(await press(app, 'q')).toContain('/q_');
    expect(exits).toEqual([]);
  });
});

describe('help and quitting', () => {
  it('shows the keys on ? and hides them on any key', async () => {
    const app = await mount(shopAnalysis());
    const help = await press(app, '?');
    expect(help).toContain('Keys');
    expect(help).toContain('switch view: contexts, dependencies, data, plan');
    expect(await press(app, 'x')).toContain('  context ');
  });

  it('asks to exit on q and on Ctrl-C', async () => {
    const exits: ExitReason[] = [];
    const app = await mount(shopAnalysis(), exits);
    app.stdin.write('q');
    await waitForScreen(app, () => exits.length > 0);
    expect(exits).toEqual(['quit']);
    const interrupted: ExitReason[] = [];
    const other = await mount(shopAnalysis(), interrupted);
    other.stdin.write(KEYS.ctrlC);
    await waitForScreen(other, () => interrupted.length > 0);
    expect(interrupted).toEqual(['interrupt']);
  });
});

describe('empty states', () => {
  it('with one context: no dependencies to show', async () => {
    const app = await mount(oneContextAnalysis());
    expect(screen(app)).toContain('> app');
    const dependencies = await press(app, KEYS.tab);
    expect(dependencies).toContain('No cross-context dependencies: this analysis has 1 context.');
    expect(dependencies).toContain('0/0');
  });

  it('with no data access: says so in the data view and in a context', async () => {
    const app = await mount(noDataAccessAnalysis());
    expect(await press(app, '3')).toContain('No data access: Carve found no entities or tables read or written');
    await press(app, '1');
    expect(await press(app, KEYS.enter)).toContain('owns no tables');
  });

  it('with no contexts and no plan: says why the lists are empty', async () => {
    const app = await mount(buildAnalysis({ contexts: [], kernel: ['src/main.ts'] }));
    expect(screen(app)).toContain('No contexts in this analysis');
    expect(await press(app, '4')).toContain('No plan steps');
  });
});

describe('long sentences', () => {
  it('draws the selected one whole, wrapped, and the others cut', async () => {
    const analysis = shopAnalysis();
    const long = 'Do not extract services yet: the boundaries are not clean enough to cut along yet, so hold the monolith to its contexts first and measure again after the cycles are broken.';
    analysis.plan.verdict = { decision: 'modular-monolith', headline: long, reasons: [long.toUpperCase()] };
    const app = await mount(analysis);
    const plan = await press(app, '4');
    const lines = plan.split('\n');
    expect(lines.some((line) => line.trim().startsWith('> Do not extract services yet'))).toBe(true);
    expect(plan).toContain('cycles are broken.');
    expect(plan).toMatch(/- DO NOT EXTRACT SERVICES YET.*…/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    const next = await press(app, 'j');
    expect(next).toContain('CYCLES ARE BROKEN.');
    expect(next).not.toContain('cycles are broken.');
  });
});

describe('large analyses and the terminal size', () => {
  it('draws only the rows that fit: 5,000 files and 40 contexts', async () => {
    const app = await mount(largeAnalysis(5000, 40));
    const list = screen(app);
    expect(list.split('\n').length).toBeLessThan(24);
    expect(list).toContain('1/40');
    const detail = await press(app, KEYS.enter);
    expect(detail.split('\n').length).toBeLessThan(24);
    const end = await press(app, 'G');
    expect(end).toMatch(/\n {2}src\/ctx00\/module-\d{5}\.ts/);
    expect(end.split('\n').length).toBeLessThan(24);
    expect(end).toMatch(/(\d+)\/\1\s*$/);
  });

  it('follows a resize: fewer rows and narrower columns', async () => {
    const app = await mount(largeAnalysis(400, 40));
    expect(screen(app).split('\n').length).toBeGreaterThan(15);
    Object.defineProperty(app.stdout, 'rows', { value: 10, configurable: true });
    Object.defineProperty(app.stdout, 'columns', { value: 40, configurable: true });
    app.stdout.emit('resize');
    const small = await waitForScreen(app, (text) => text.split('\n').length <= 9);
    for (const line of small.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect(small).not.toContain('stability');
  });
});
