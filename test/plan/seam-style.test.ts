import { describe, expect, it } from 'vitest';
import { classifySeam, interfaceName, isReadName, strongerStyle } from '../../src/plan/seam-style.js';

const edge = (symbols: string[], used = 0, discarded = 0, kind: 'import' | 'type' | 'side-effect' = 'import') => ({ kind, symbols, calls: { used, discarded } });
const none = { entities: new Set<string>(), isLibrary: false };
const entities = (...names: string[]) => ({ entities: new Set(names), isLibrary: false });

describe('classifySeam: sync vs event', () => {
  it('a call whose result is used is a synchronous seam', () => {
    expect(classifySeam(edge(['getPrice'], 2, 0), none)).toBe('sync');
  });
  it('calls whose results are all dropped are an event', () => {
    expect(classifySeam(edge(['markPaid'], 0, 3), none)).toBe('event');
  });
  it('one used call among dropped ones keeps it synchronous', () => {
    expect(classifySeam(edge(['reserve'], 1, 5), none)).toBe('sync');
  });
  it('type-only imports are contracts, whatever their names', () => {
    expect(classifySeam(edge(['OrderService'], 0, 0, 'type'), none)).toBe('contract');
  });
  it('entity classes of the target file are data', () => {
    expect(classifySeam(edge(['Order', 'OrderLine']), entities('Order', 'OrderLine'))).toBe('data');
    expect(classifySeam(edge(['Order', 'ORDER_LIMIT']), entities('Order'))).toBe('contract');
  });
  it('modules, controllers and routers are wiring; side-effect imports too', () => {
    expect(classifySeam(edge(['OrdersModule', 'OrderController']), none)).toBe('wiring');
    expect(classifySeam(edge([], 0, 0, 'side-effect'), none)).toBe('wiring');
  });
  it('an injected collaborator with no visible calls is synchronous', () => {
    expect(classifySeam(edge(['PaymentService']), none)).toBe('sync');
    expect(classifySeam(edge(['stripeClient']), none)).toBe('sync');
  });
  it('calls into a leaf library are shared code, not a service call', () => {
    expect(classifySeam(edge(['formatMoney'], 3, 0), { entities: new Set(), isLibrary: true })).toBe('contract');
    expect(classifySeam(edge(['AppModule'], 0, 0), { entities: new Set(), isLibrary: true })).toBe('wiring');
  });
  it('constants and plain values are contracts', () => {
    expect(classifySeam(edge(['MAX_ITEMS', 'currencies']), none)).toBe('contract');
  });
});

describe('seam helpers', () => {
  it('orders styles from the most demanding', () => {
    expect(strongerStyle('event', 'sync')).toBe('sync');
    expect(strongerStyle('contract', 'data')).toBe('data');
    expect(strongerStyle('wiring', 'contract')).toBe('contract');
  });
  it('reads by verb at a word boundary, or by a query collaborator', () => {
    expect(['getPrice', 'findCustomer', 'listOrders', 'isActive', 'count', 'orderQueryService'].every(isReadName)).toBe(true);
    expect(['issueRefund', 'getaway', 'refund', 'markPaid', 'PaymentService', 'createOrder'].some(isReadName)).toBe(false);
  });
  it('names an interface after its file, an index after its folder', () => {
    expect(interfaceName('src/services/order-status.service.ts')).toBe('OrderStatusService');
    expect(interfaceName('src/catalog/index.ts')).toBe('Catalog');
    expect(interfaceName('src/x/pricing.tsx')).toBe('Pricing');
  });
});
