/**
 * The generated project's non-domain files: shared kernel, barrels, composition root, tsconfig.json
 * and package.json. None of them belongs to a hidden domain.
 */
import type { KernelModule, MonolithPlan, PlannedModule } from './monolith-model.js';
import { ImportBlock, PATH_ALIAS, relativeSpecifier } from './monolith-specifiers.js';

export function renderKernel(kernel: KernelModule, plan: MonolithPlan): string {
  switch (kernel.role) {
    case 'logger':
      return [
        "import { config } from './config';",
        '',
        "type Level = 'debug' | 'info' | 'warn' | 'error';",
        '',
        'function write(level: Level, message: string, context?: Record<string, unknown>): void {',
        "  if (level === 'debug' && config.get('logLevel') !== 'debug') return;",
        '  process.stdout.write(`${JSON.stringify({ level, message, ...context })}\\n`);',
        '}',
        '',
        'export const logger = {',
        "  debug: (message: string, context?: Record<string, unknown>): void => write('debug', message, context),",
        "  info: (message: string, context?: Record<string, unknown>): void => write('info', message, context),",
        "  warn: (message: string, context?: Record<string, unknown>): void => write('warn', message, context),",
        "  error: (message: string, context?: Record<string, unknown>): void => write('error', message, context),",
        '};',
        '',
      ].join('\n');
    case 'config':
      return [
        'const defaults: Record<string, string> = {',
        "  pageSize: '50',",
        "  timeoutMs: '5000',",
        "  region: 'eu-west-1',",
        "  retries: '3',",
        "  logLevel: 'info',",
        '};',
        '',
        'export const config = {',
        '  get(key: string): string | undefined {',
        '    return process.env[`APP_${key.toUpperCase()}`] ?? defaults[key];',
        '  },',
        '};',
        '',
      ].join('\n');
    case 'errors':
      return [
        'export class AppError extends Error {',
        '  constructor(message: string, readonly status: number) {',
        '    super(message);',
        '  }',
        '}',
        '',
        'export class NotFoundError extends AppError {',
        '  constructor(what: string, id: number) {',
        '    super(`${what} ${id} not found`, 404);',
        '  }',
        '}',
        '',
      ].join('\n');
    case 'db':
      return [
        "import { DataSource } from 'typeorm';",
        '',
        'export const dataSource = new DataSource({',
        "  type: 'postgres',",
        '  url: process.env.DATABASE_URL,',
        `  entities: ['${plan.spec.layered ? 'src/entities/*.ts' : 'src/*/entities/*.ts'}'],`,
        '});',
        '',
      ].join('\n');
    case 'bus':
      return [
        "import { EventEmitter } from 'node:events';",
        '',
        'class Bus extends EventEmitter {',
        '  publish(topic: string, payload: unknown): void {',
        '    this.emit(topic, payload);',
        '  }',
        '}',
        '',
        'export const bus = new Bus();',
        '',
      ].join('\n');
  }
}

export function renderBarrel(plan: MonolithPlan, barrelPath: string, members: readonly number[]): string {
  const lines = members.map((i) => {
    const m = plan.modules[i] as PlannedModule;
    const keyword = m.layer === 'dto' ? 'export type' : 'export';
    return `${keyword} { ${m.symbol} } from '${relativeSpecifier(barrelPath, m.path)}';`;
  });
  return `${lines.join('\n')}\n`;
}

/** src/main.ts: mounts every controller and subscribes every handler. */
export function renderMain(plan: MonolithPlan): string {
  const block = new ImportBlock();
  block.add('express', 'express', false);
  const mounts: string[] = [];
  const subscriptions: string[] = [];
  const entries = plan.modules.filter((m) => m.layer === 'controllers' || m.layer === 'handlers');
  entries.sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const m of entries) {
    block.add(relativeSpecifier(plan.mainPath, m.path), m.symbol, false);
    if (m.layer === 'controllers') {
      mounts.push(`app.use(${m.symbol});`);
    } else {
      block.add(relativeSpecifier(plan.mainPath, m.path), `${m.symbol}Topic`, false);
      subscriptions.push(`bus.on(${m.symbol}Topic, ${m.symbol});`);
    }
  }
  const hasKernel = plan.kernel.length > 0;
  if (hasKernel) {
    block.add('./common/bus', 'bus', false);
    block.add('./common/logger', 'logger', false);
  } else {
    block.add('node:events', 'EventEmitter', false);
  }
  // `import express from 'express'` is a default import; the block only prints named ones.
  const imports = block.render().replace("import { express } from 'express';", "import express from 'express';");
  return [
    imports,
    '',
    ...(hasKernel ? [] : ['const bus = new EventEmitter();', '']),
    'const app = express();',
    'app.use(express.json());',
    ...mounts,
    '',
    ...subscriptions,
    '',
    'const port = Number(process.env.PORT ?? 3000);',
    hasKernel
      ? "app.listen(port, () => logger.info('listening', { port }));"
      : 'app.listen(port);',
    '',
  ].join('\n');
}

export function renderTsconfig(): string {
  const tsconfig = {
    compilerOptions: {
      target: 'ES2021',
      module: 'commonjs',
      moduleResolution: 'node',
      strict: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
      skipLibCheck: true,
      outDir: 'dist',
      baseUrl: '.',
      paths: { [PATH_ALIAS]: ['src/*'] },
    },
    include: ['src/**/*.ts'],
  };
  return `${JSON.stringify(tsconfig, null, 2)}\n`;
}

export function renderPackageJson(plan: MonolithPlan): string {
  const dependencies: Record<string, string> = { express: '^4.21.2' };
  if (plan.spec.withData) {
    dependencies['reflect-metadata'] = '^0.2.2';
    dependencies.typeorm = '^0.3.20';
  }
  const pkg = {
    name: `generated-monolith-${plan.spec.seed}`,
    version: '1.0.0',
    private: true,
    description: 'Generated by carve scripts/generate-monolith.ts; truth.json holds the hidden domains.',
    main: 'dist/main.js',
    scripts: { build: 'tsc -p tsconfig.json' },
    dependencies,
    devDependencies: { '@types/express': '^4.17.21', '@types/node': '^20.17.0', typescript: '^5.6.3' },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
