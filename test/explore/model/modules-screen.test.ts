// Explore's context detail lists the context's feature modules and its misplaced files with their
// evidence; an analysis.json without them (an older Carve) shows neither, and one with them of the
// wrong shape is refused.
import { describe, expect, it } from 'vitest';
import { parseAnalysisJson } from '../../../src/explore/analysis-file.js';
import { buildExploreModel } from '../../../src/explore/model/explore-model.js';
import { screenContent } from '../../../src/explore/model/screens.js';
import type { Analysis } from '../../../src/shared/analysis.js';
import { shopAnalysis } from '../analysis-fixture.js';

function withModules(): Analysis {
  const analysis = shopAnalysis();
  analysis.featureModules = [
    {
      id: 'src/orders',
      context: 'orders',
      basis: 'folder',
      files: ['src/orders/order.controller.ts', 'src/orders/order.entity.ts', 'src/orders/order.service.ts', 'src/payments/payment.service.ts'],
      split: [{ context: 'orders', files: 3 }, { context: 'payments', files: 1 }],
    },
    { id: 'stem:payment', context: 'payments', basis: 'stem', files: ['src/payments/payment.entity.ts'] },
  ];
  analysis.misplaced = [
    { file: 'src/orders/order.service.ts', folderModule: 'src/orders', module: 'stem:payment', evidence: '3.0 of 4.0 tie weight (75%) to stem:payment: imports payment.entity.ts' },
  ];
  return analysis;
}

const rows = (analysis: Analysis, context: string): string[][] =>
  screenContent(buildExploreModel(analysis), { kind: 'context', context }).rows.map((row) => [row.kind, ...row.cells]);

describe('explore: modules in the context detail', () => {
  it('lists the modules whose context it is, with files here of all its files and the basis', () => {
    const shown = rows(withModules(), 'orders');
    expect(shown).toContainEqual(['section', 'Modules (1)', 'files here', 'files', 'basis']);
    expect(shown).toContainEqual(['item', 'src/orders', '3', '4', 'folder']);
  });

  it('lists its misplaced files with the evidence, and marks them among its files', () => {
    const shown = rows(withModules(), 'orders');
    expect(shown).toContainEqual(['section', 'Misplaced files (1)', 'placed in', 'ties go to', '']);
    expect(shown).toContainEqual(['item', 'src/orders/order.service.ts', 'src/orders', 'stem:payment', '']);
    expect(shown).toContainEqual(['note', '3.0 of 4.0 tie weight (75%) to stem:payment: imports payment.entity.ts']);
    expect(shown.some((row) => row[1] === 'src/orders/order.service.ts  [misplaced]')).toBe(true);
    expect(rows(withModules(), 'catalog')).toContainEqual(['note', 'no feature module has most of its files here']);
  });

  it('shows neither for an analysis without modules', () => {
    const shown = rows(shopAnalysis(), 'orders');
    expect(shown.some((row) => row[1]?.startsWith('Modules'))).toBe(false);
    expect(shown.some((row) => row[1]?.startsWith('Misplaced'))).toBe(false);
  });

  it('reads the fields from analysis.json, and refuses them in the wrong shape', () => {
    const analysis = withModules();
    const read = parseAnalysisJson(JSON.stringify(analysis), 'a.json');
    expect(read.featureModules).toEqual(analysis.featureModules);
    expect(read.misplaced).toEqual(analysis.misplaced);
    expect(parseAnalysisJson(JSON.stringify(shopAnalysis()), 'a.json').featureModules).toBeUndefined();
    const bad = JSON.parse(JSON.stringify(analysis)) as Record<string, unknown>;
    bad.misplaced = [{ file: 'x.ts', folderModule: 'a', module: 3, evidence: '' }];
    expect(() => parseAnalysisJson(JSON.stringify(bad), 'a.json')).toThrow(/misplaced\.0\.module/);
  });
});
