// report.md's two levels: per context its feature modules with file counts, the modules split across
// contexts, and the misplaced files with their evidence; nothing for an analysis written before them.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderSummary } from '../../src/report/summary.js';
import type { Analysis } from '../../src/shared/analysis.js';
import { shopAnalysis } from '../helpers/analysis-builder.js';

function withModules(analysis: Analysis, misplaced: NonNullable<Analysis['misplaced']>): Analysis {
  analysis.featureModules = [
    { id: 'src/cart', context: 'cart', basis: 'folder', files: ['src/cart/cart.controller.ts', 'src/cart/cart.entity.ts', 'src/cart/cart.service.ts'] },
    {
      id: 'src/orders',
      context: 'orders',
      basis: 'folder',
      files: ['src/orders/checkout.service.ts', 'src/orders/order.controller.ts', 'src/orders/order.entity.ts', 'src/orders/order.service.ts', 'src/payments/payment.controller.ts'],
      split: [{ context: 'orders', files: 4 }, { context: 'payments', files: 1 }],
    },
    { id: 'stem:pay|ment', context: 'payments', basis: 'stem', files: ['src/payments/payment.entity.ts', 'src/payments/payment.service.ts'] },
    { id: 'stem:orphan', context: null, basis: 'stem', files: ['src/a.ts', 'src/b.ts'] },
  ];
  analysis.misplaced = misplaced;
  return analysis;
}

describe('report.md: feature modules and misplaced files', () => {
  const misplaced = [
    {
      file: 'src/orders/checkout.service.ts',
      folderModule: 'src/orders',
      module: 'src/cart',
      evidence: '7.0 of 9.0 tie weight (78%) to src/cart: imports cart.service.ts, cart.entity.ts; imported by cart.controller.ts; 2.0 to its own module src/orders',
    },
  ];
  const markdown = renderMarkdown(withModules(shopAnalysis(), misplaced));

  it('lists each context with its modules and their file counts, modules in no context apart', () => {
    expect(markdown).toContain('## Feature modules');
    expect(markdown).toContain('- **orders**: src/orders (5 files)');
    expect(markdown).toContain('- **payments**: stem:pay\\|ment (2 files)');
    expect(markdown).toContain('- **catalog**: _no module of its own_');
    expect(markdown).toContain('- _in no context_: stem:orphan (2 files)');
  });

  it('lists the modules split across contexts', () => {
    expect(markdown).toContain('Modules split across contexts (1)');
    expect(markdown).toContain('- src/orders: orders 4, payments 1');
  });

  it('tables the misplaced files with their evidence', () => {
    expect(markdown).toContain('### Misplaced files');
    expect(markdown).toContain('| src/orders/checkout.service.ts | src/orders | src/cart | 7.0 of 9.0 tie weight (78%) to src/cart: imports cart.service.ts, cart.entity.ts; imported by cart.controller.ts; 2.0 to its own module src/orders |');
  });

  it('says so when no file is misplaced, and leaves the section out for an older analysis', () => {
    expect(renderMarkdown(withModules(shopAnalysis(), []))).toContain('None: no file ties mostly');
    const older = renderMarkdown(shopAnalysis());
    expect(older).not.toContain('## Feature modules');
    expect(older).not.toContain('Misplaced');
  });
});

describe('the analyze summary: modules', () => {
  const options = { target: 'shop', elapsedMs: 10, writtenFiles: [] };

  it('counts the modules by basis and the misplaced files', () => {
    const misplaced = [{ file: 'src/a.ts', folderModule: 'src/cart', module: 'src/orders', evidence: '...' }];
    expect(renderSummary(withModules(shopAnalysis(), misplaced), options)).toContain('  modules       4 (2 by folder, 2 by stem); 1 misplaced file (report.md)\n');
    expect(renderSummary(withModules(shopAnalysis(), []), options)).toContain('  modules       4 (2 by folder, 2 by stem); 0 misplaced files\n');
  });

  it('says nothing of modules for an analysis without them', () => {
    expect(renderSummary(shopAnalysis(), options)).not.toMatch(/^  modules /m);
  });
});
