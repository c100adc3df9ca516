// The scratch shop of the check end-to-end tests: three contexts that keep to their config, and the
// changes that break it one way each.
export const CONFIG = {
  $schema: './node_modules/carve/schema/carve.config.schema.json',
  contexts: {
    catalog: { paths: ['src/catalog/**'], expose: ['src/catalog/index.ts'] },
    orders: { paths: ['src/orders/**'], entities: ['orders'], dependsOn: ['catalog'], expose: ['src/orders/index.ts'] },
    billing: { paths: ['src/billing/**'], dependsOn: ['orders', 'shared'] },
    // Every file in a context: a file in no context is a violation of its own (rule unassigned).
    shared: { paths: ['src/shared/**'] },
  },
};

/** A small shop that keeps to CONFIG: imports only through exposed files of dependsOn contexts. */
export const CLEAN_SHOP: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', experimentalDecorators: true }, include: ['src'] }),
  'carve.config.json': `${JSON.stringify(CONFIG, null, 2)}\n`,
  'src/catalog/index.ts': "export { price } from './pricing.js';\n",
  'src/catalog/pricing.ts': 'export function price(sku: string): number {\n  return sku.length * 100;\n}\n',
  'src/orders/index.ts': "export { Order } from './order.entity.js';\nexport { placeOrder } from './order.service.js';\n",
  'src/orders/order.entity.ts': [
    "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';",
    '',
    "@Entity('orders')",
    'export class Order {',
    '  @PrimaryGeneratedColumn() id!: number;',
    '  @Column() total!: number;',
    '}',
    '',
  ].join('\n'),
  'src/orders/order.service.ts': [
    "import type { DataSource } from 'typeorm';",
    "import { price } from '../catalog/index.js';",
    "import { Order } from './order.entity.js';",
    '',
    'export async function placeOrder(dataSource: DataSource, sku: string): Promise<Order> {',
    '  const repo = dataSource.getRepository(Order);',
    '  return repo.save(repo.create({ total: price(sku) }));',
    '}',
    '',
  ].join('\n'),
  'src/billing/invoice.ts': [
    "import type { DataSource } from 'typeorm';",
    "import { placeOrder } from '../orders/index.js';",
    "import { cents } from '../shared/money.js';",
    '',
    'export async function invoice(dataSource: DataSource, sku: string): Promise<string> {',
    '  const order = await placeOrder(dataSource, sku);',
    '  return cents(order.total);',
    '}',
    '',
  ].join('\n'),
  'src/shared/money.ts': 'export function cents(value: number): string {\n  return (value / 100).toFixed(2);\n}\n',
};

/** Adds a line importing the unexposed pricing file of catalog from orders. */
export const UNEXPOSED_IMPORT = {
  'src/orders/discount.ts': "import { price } from '../catalog/pricing.js';\n\nexport function discounted(sku: string): number {\n  return price(sku) * 0.9;\n}\n",
};
/** billing imports catalog, which is not in billing's dependsOn. */
export const UNDECLARED_CONTEXT = {
  'src/billing/quote.ts': "// Quotes straight from the catalog.\nimport { price } from '../catalog/index.js';\n\nexport function quote(sku: string): number {\n  return price(sku);\n}\n",
};
/** catalog imports orders, and catalog depends on nothing. */
export const CATALOG_USES_ORDERS = {
  'src/catalog/bestsellers.ts': "import { placeOrder } from '../orders/index.js';\n\nexport const reorder = placeOrder;\n",
};
/** billing writes the orders table through the Order entity, which orders owns. */
export const FOREIGN_TABLE_WRITE = {
  'src/billing/refund.ts': [
    "import type { DataSource } from 'typeorm';",
    "import { Order } from '../orders/index.js';",
    '',
    'export async function refund(dataSource: DataSource, id: number): Promise<void> {',
    '  const repo = dataSource.getRepository(Order);',
    '  await repo.save({ id, total: 0 });',
    '}',
    '',
  ].join('\n'),
};
