import { describe, expect, it } from 'vitest';
import { withPlan } from '../../src/analysis/index.js';
import { planStage } from '../../src/plan/index.js';
import { renderPlanText } from '../../src/report/plan-text.js';
import { shopAnalysis } from '../helpers/analysis-builder.js';
import { CONTROL, hostileAnalysis } from './hostile.js';

describe('carve plan text', () => {
  const analysis = withPlan(shopAnalysis(), planStage(shopAnalysis()));
  const text = renderPlanText(analysis, 'fixtures/shop');
  const lines = text.split('\n');

  it('puts the verdict first, then the cycles, then the steps in rank order', () => {
    expect(lines[0]).toBe('carve plan: fixtures/shop (25 files, 7 contexts, modularity 0.60)');
    expect(lines[2]).toBe('VERDICT  cut seams first, then extract');
    expect(lines[3]).toMatch(/^ {2}Cut seams before extracting anything: no context is ready yet\. Start with notifications/);
    const order = ['VERDICT', 'CYCLES TO BREAK FIRST', 'STEPS, least coupled first'].map((heading) => lines.findIndex((line) => line.startsWith(heading)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const steps = lines.filter((line) => /^ {2}[ \d]\d\. /.test(line)).map((line) => line.trim().split(/\s+/)[1]);
    expect(steps).toEqual(analysis.plan.steps.map((step) => step.context));
    expect(steps[0]).toBe('notifications');
  });

  it('gives each step its facade, interface, outbound seams, data and prerequisites', () => {
    const start = lines.findIndex((line) => line.includes('. orders '));
    const block = lines.slice(start, lines.indexOf('', start)).join('\n');
    expect(block).toMatch(/facade {4}GET \/orders \(src\/orders\/order\.controller\.ts:10\)/);
    expect(block).toMatch(/outbound {2}cart \[sync\], catalog \[sync\], customers \[sync\], payments \[sync\]/);
    expect(block).toContain('before    - Break payments -> orders: ');
    expect(block).toContain('carts of cart: split');
  });

  it('gives each step its readiness level and reasons', () => {
    const start = lines.findIndex((line) => line.includes('. orders '));
    expect(lines[start]).toMatch(/^ {2} 7\. orders {3}needs seams first {3}coupling /);
    expect(lines[start + 1]).toBe('     readiness - in a cycle with payments; cut its edge first: payments -> orders (weight 4)');
    expect(lines[start + 2]).toBe('               - writes 1 table on a par with cart (carts): split it by writer');
  });

  it('strips control characters and line breaks from names', () => {
    const hostile = renderPlanText(hostileAnalysis(), 'dir\u001b[2J');
    expect(hostile).not.toMatch(CONTROL);
    expect(hostile.split('\n').every((line) => line === '' || /^(carve plan|VERDICT|CYCLES|STEPS|Every seam| )/.test(line))).toBe(true);
  });
});
