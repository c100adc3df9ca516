import { describe, expect, it } from 'vitest';
import { LEXICAL_MAX_GROUP, LEXICAL_UNITS_PER_FILE, lexicalKey, lexicalTies, nameWords } from '../../src/graph/lexical.js';

describe('lexical ties', () => {
  it('keys a file by its stem in singular words without trailing role words', () => {
    expect(lexicalKey('src/sales/order-item.service.ts')).toBe('order-item');
    expect(lexicalKey('src/sales/orders.controller.ts')).toBe('order');
    expect(lexicalKey('src/env/user-environments-service.ts')).toBe('user-environment');
    expect(lexicalKey('src/market/marketData.service.ts')).toBe('market-data');
    expect(lexicalKey('server/entity/UserSettings.ts')).toBe('user-setting');
    // A report about customers is not the customer's file.
    expect(lexicalKey('src/reporting/customer-report.ts')).toBe('customer-report');
  });

  it('gives no key to a name of role words or numbers alone', () => {
    expect(lexicalKey('src/index.ts')).toBeNull();
    expect(lexicalKey('src/app.module.ts')).toBeNull();
    expect(lexicalKey('src/shared/base-entity.ts')).toBeNull();
    // Generated names: the number keeps them apart.
    expect(lexicalKey('src/controllers/ctl-0004.ts')).toBe('ctl-0004');
    expect(nameWords('HTTPServer_categories')).toEqual(['http', 'server', 'category']);
  });

  it("spreads a file's lexical weight over its group, sorted, and ties no file alone or in a too common group", () => {
    const ties = lexicalTies(['src/c/account.service.ts', 'src/a/accounts.controller.ts', 'src/d/account.entity.ts', 'src/b/clock.ts']);
    const half = LEXICAL_UNITS_PER_FILE / 2;
    expect(ties).toEqual([
      { source: 'src/a/accounts.controller.ts', target: 'src/c/account.service.ts', weight: half },
      { source: 'src/a/accounts.controller.ts', target: 'src/d/account.entity.ts', weight: half },
      { source: 'src/c/account.service.ts', target: 'src/d/account.entity.ts', weight: half },
    ]);
    const common = Array.from({ length: LEXICAL_MAX_GROUP + 1 }, (_, i) => `src/f${i}/user.ts`);
    expect(lexicalTies(common)).toEqual([]);
  });
});
