// A generator of hostile repositories: a small valid project (two contexts, a config, a baseline, a
// tsconfig that extends another, workspaces, .gitignore files), then one attack planted in it: a
// special file under a name Carve reads, symlinks out of the root, or git config that would run
// commands (test/helpers/hostile-git.ts). Every attack leaves a trace if it works: a marker file, a secret echoed, a hang, memory.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Files without which Carve cannot judge the repository: a bad one ends the run (exit 2, one line). */
export const NAMES_THAT_STOP_A_RUN = ['carve.config.json', 'carve-baseline.json', 'tsconfig.json', 'tsconfig.base.json'] as const;

/** Files Carve can do without: a bad one is a warning naming it, and the run goes on. */
export const NAMES_READ_WITH_A_WARNING = ['package.json', 'pnpm-workspace.yaml', '.gitignore', 'src/.gitignore', 'src/orders/order.service.ts'] as const;

/** Every file name Carve reads from a repository: config-like files and a source file. */
export const NAMES_CARVE_READS = [...NAMES_THAT_STOP_A_RUN, ...NAMES_READ_WITH_A_WARNING];

/**
 * - fifo: a named pipe, which blocks whoever opens it for reading;
 * - dev-zero: a symlink to /dev/zero, endless bytes;
 * - outside-file: a symlink to a file outside the repository holding a secret;
 * - folder: a folder where a file is expected.
 */
export const PLANTS = ['fifo', 'dev-zero', 'outside-file', 'folder'] as const;
export type Plant = (typeof PLANTS)[number];

/** Content of the file outside the repository that no output may ever echo. */
export const SECRET = 'CARVE-SECRET-7f3a9c-never-echoed';

export interface HostileLayout {
  /** The repository (a git work tree). */
  repo: string;
  /** A sibling folder outside it: the secret, and any marker an attack would leave. */
  outside: string;
}

const BASE_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'hostile-shop', private: true, workspaces: ['packages/*'] }, null, 2),
  'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
  '.gitignore': 'dist/\n',
  'src/.gitignore': '*.generated.ts\n',
  'tsconfig.base.json': JSON.stringify({ compilerOptions: { strict: true, baseUrl: '.', paths: { '@orders/*': ['src/orders/*'] } } }, null, 2),
  'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json', include: ['src', 'packages'] }, null, 2),
  'src/orders/order.entity.ts': "import { Entity, Column } from 'typeorm';\n@Entity('orders')\nexport class Order {\n  @Column() total!: number;\n}\n",
  'src/orders/order.service.ts':
    "import { Order } from './order.entity';\nimport { notify } from '../notifications/notify';\nexport class OrderService {\n  constructor(private readonly repo: { save(o: Order): Promise<Order> }) {}\n  place(order: Order) {\n    notify('placed');\n    return this.repo.save(order);\n  }\n}\n",
  'src/notifications/notify.ts': "import { Order } from '@orders/order.entity';\nexport function notify(what: string, order?: Order): string {\n  return `${what} ${order?.total ?? 0}`;\n}\n",
  'packages/util/package.json': JSON.stringify({ name: '@hostile/util', version: '1.0.0', main: 'src/index.ts' }),
  'packages/util/src/index.ts': 'export const id = (x: number): number => x;\n',
  'carve.config.json': JSON.stringify(
    {
      contexts: {
        orders: { paths: ['src/orders/**'], entities: ['orders'], dependsOn: ['notifications'] },
        notifications: { paths: ['src/notifications/**'], dependsOn: ['orders'] },
        util: { paths: ['packages/**'] },
      },
      baseline: 'carve-baseline.json',
    },
    null,
    2,
  ),
  'carve-baseline.json': JSON.stringify({ version: 1, violations: [] }, null, 2),
};

/** Writes the valid base project into `layout.repo` and the secret into `layout.outside`. */
export function writeBaseProject(layout: HostileLayout): void {
  mkdirSync(layout.repo, { recursive: true });
  mkdirSync(layout.outside, { recursive: true });
  writeFileSync(join(layout.outside, 'secret.txt'), `${SECRET}\n`);
  for (const [path, content] of Object.entries(BASE_FILES)) {
    mkdirSync(dirname(join(layout.repo, path)), { recursive: true });
    writeFileSync(join(layout.repo, path), content);
  }
}

/** Replaces `name` in the repository by the special file `plant`. */
export function plantSpecialFile(layout: HostileLayout, name: string, plant: Plant): void {
  const path = join(layout.repo, name);
  rmSync(path, { recursive: true, force: true });
  mkdirSync(dirname(path), { recursive: true });
  if (plant === 'fifo') execFileSync('mkfifo', [path]);
  else if (plant === 'dev-zero') symlinkSync('/dev/zero', path);
  else if (plant === 'outside-file') symlinkSync(join(layout.outside, 'secret.txt'), path);
  else mkdirSync(path);
}

/**
 * Symlinks out of the root: a source folder linked to /proc (a walk that follows it reads the whole
 * machine), and one linked to a folder outside holding sources, a .gitignore and a FIFO.
 */
export function plantEscapingLinks(layout: HostileLayout): void {
  const away = join(layout.outside, 'away');
  mkdirSync(away, { recursive: true });
  writeFileSync(join(away, 'stolen.ts'), `export const secret = '${SECRET}';\n`);
  writeFileSync(join(away, '.gitignore'), `${SECRET}\n`);
  execFileSync('mkfifo', [join(away, 'pipe.ts')]);
  symlinkSync('/proc', join(layout.repo, 'src', 'proc-link'));
  symlinkSync(away, join(layout.repo, 'src', 'away-link'));
  symlinkSync(join(away, 'stolen.ts'), join(layout.repo, 'src', 'stolen.ts'));
}

/** Git settings that name commands (filters, hooks, fsmonitor, pagers, transports): one planter for all tests. */
export { HOSTILE_GITATTRIBUTES, plantHostileGitConfig } from '../helpers/hostile-git.js';
