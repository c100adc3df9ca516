import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/extract/file-facts.js';
import { createEntryPointScanner } from '../../src/extract/entry-points/scan-entry-points.js';
import { walkTree } from '../../src/extract/imports/scan-imports.js';

function entryPoints(text: string) {
  const sourceFile = parseSource('src/x.ts', text);
  const scanner = createEntryPointScanner(sourceFile);
  walkTree(sourceFile, scanner.visit);
  return scanner.entryPoints.map((entry) => `${entry.kind} ${entry.name} @${entry.line}`).sort();
}

describe('entry points', () => {
  it('finds express-style routes and event subscriptions', () => {
    expect(
      entryPoints(
        [
          "router.get('/orders/:id', handler);",
          "app.post('/orders', async (req, res) => res.send());",
          "bus.on('order.placed', onPlaced);",
          "process.on('SIGTERM', stop);",
          "map.get('key');",
        ].join('\n'),
      ),
    ).toEqual(['handler order.placed @3', 'http GET /orders/:id @1', 'http POST /orders @2']);
  });

  it('joins a NestJS controller prefix with its method routes', () => {
    expect(
      entryPoints(
        [
          "@Controller('orders')",
          'export class OrdersController {',
          "  @Get(':id') find() {}",
          '  @Post() create() {}',
          "  @OnEvent('payment.captured') paid() {}",
          '}',
        ].join('\n'),
      ),
    ).toEqual(['handler payment.captured @5', 'http GET /orders/:id @3', 'http POST /orders @4']);
  });
});
