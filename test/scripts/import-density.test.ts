import { describe, expect, it } from 'vitest';
import { layerOf, measureDensity, type DensityInput } from '../../scripts/import-density.js';

describe('layerOf', () => {
  it('reads the file suffix first, then the nearest layer folder', () => {
    expect(layerOf('src/orders/order.controller.ts')).toBe('controllers');
    expect(layerOf('src/services/order.service.ts')).toBe('services');
    expect(layerOf('src/dto/create-order.dto.ts')).toBe('dto');
    expect(layerOf('src/entities/order.ts')).toBe('entities');
    expect(layerOf('src/entities/order.repository.ts')).toBe('repositories');
    expect(layerOf('src/controllers/ctl-0001.ts')).toBe('controllers');
    expect(layerOf('src/orders/orders.module.ts')).toBe('modules');
    expect(layerOf('src/services/index.ts')).toBe('other');
    expect(layerOf('src/shared/logger.ts')).toBe('other');
  });
});

describe('measureDensity', () => {
  const dep = (from: string, to: string, kind = 'import', via?: string): DensityInput['dependencies'][number] =>
    via === undefined ? { from, to, kind } : { from, to, kind, via };
  const analysis: DensityInput = {
    modules: [
      'src/controllers/a.controller.ts',
      'src/services/a.service.ts',
      'src/services/b.service.ts',
      'src/services/index.ts',
      'src/entities/a.entity.ts',
      'src/shared/logger.ts',
      'src/main.ts',
    ].map((id) => ({ id })),
    dependencies: [
      // Through the barrel: counted once, as the defining file.
      dep('src/controllers/a.controller.ts', 'src/services/index.ts'),
      dep('src/controllers/a.controller.ts', 'src/services/a.service.ts', 'import', 'src/services/index.ts'),
      dep('src/controllers/a.controller.ts', 'src/shared/logger.ts'),
      // Two records to one file (a type and a value import): one target.
      dep('src/services/a.service.ts', 'src/entities/a.entity.ts', 'type'),
      dep('src/services/a.service.ts', 'src/entities/a.entity.ts'),
      dep('src/services/a.service.ts', 'src/services/b.service.ts'),
      dep('src/services/b.service.ts', 'src/shared/logger.ts'),
      dep('src/services/index.ts', 'src/services/a.service.ts', 'reexport'),
      dep('src/services/index.ts', 'src/services/b.service.ts', 'reexport'),
      dep('src/main.ts', 'src/controllers/a.controller.ts'),
    ],
    sharedKernel: ['src/shared/logger.ts'],
    compositionRoots: ['src/main.ts'],
  };

  it('counts distinct targets, barrels, re-exports and the kernel aside, per layer and overall', () => {
    const report = measureDensity(analysis);
    expect(report.barrels).toBe(1);
    const layer = (name: string) => report.layers.find((l) => l.layer === name);
    // Controller: a.service (through the barrel) and the logger; only a.service is a domain import.
    expect(layer('controllers')).toMatchObject({ files: 1, project: 2, domain: 1 });
    // Services: a -> entity, b (2 domain); b -> logger (kernel, not domain).
    expect(layer('services')).toMatchObject({ files: 2, project: 1.5, domain: 1, domainMedian: 1 });
    expect(layer('entities')).toMatchObject({ files: 1, domain: 0, atMostOne: 1 });
    expect(report.domainFiles).toBe(4);
    expect(report.domainMean).toBe(3 / 4);
    // All files but the barrel, the kernel and the root: controller 1, a.service 2, b.service 0, entity 0.
    expect(report.allFiles).toBe(4);
    expect(report.allMean).toBe(3 / 4);
  });
});
