// The layout cache: a layout is taken from the cache only while every input it was read from (tsconfig
// chains, manifests, .gitignore files, the folders under the root) keeps its stamp, and any change to
// one of them reads the layout afresh. Paths are "settled" by hand (their mtime set into the past, each
// change to its own past time, and the clock moved 3 s on, past their change time, which utimes cannot
// set back), so that the test sees stamps compared, not the 2 s freshness rule.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadProjectLayout, type LayoutOptions } from '../../src/extract/index.js';
import { readCachedLayout, writeCachedLayout } from '../../src/extract/project/layout-cache.js';
import { LayoutInputs } from '../../src/extract/project/layout-inputs.js';

let scratch: string;
let project: string;
let cacheDir: string;
let pastSeconds = Math.floor(Date.now() / 1000) - 100_000;

/** Sets each path's mtime to a past moment no earlier call used, and the clock to 3 s from now. */
function settle(...paths: string[]): void {
  pastSeconds += 60;
  for (const path of paths) utimesSync(path, pastSeconds, pastSeconds);
  vi.setSystemTime(vi.getRealSystemTime() + 3000);
}

function settleAll(dir: string): void {
  const paths: string[] = [];
  const visit = (folder: string): void => {
    paths.push(folder);
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else paths.push(path);
    }
  };
  visit(dir);
  settle(...paths);
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** What a run does: the cached layout when valid, else read, recorded and written. */
function load(options: LayoutOptions = {}, unwatched: string[] = []): { paths: string[]; isFromCache: boolean; layout: ReturnType<typeof loadProjectLayout> } {
  const cached = readCachedLayout(cacheDir, project, options);
  if (cached) return { paths: cached.files.map((file) => file.path), isFromCache: true, layout: cached };
  const inputs = new LayoutInputs(unwatched);
  const layout = loadProjectLayout(project, options, inputs);
  writeCachedLayout(cacheDir, project, options, layout, inputs);
  return { paths: layout.files.map((file) => file.path), isFromCache: false, layout };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  scratch = mkdtempSync(join(tmpdir(), 'carve-layout-cache-'));
  project = join(scratch, 'project');
  cacheDir = join(scratch, 'cache');
  write(
    join(project, 'tsconfig.json'),
    JSON.stringify({ extends: '@acme/tsconfig/base.json', compilerOptions: { baseUrl: '.', paths: { '@app/*': ['src/*'] } }, include: ['src'] }),
  );
  write(join(project, 'node_modules/@acme/tsconfig/base.json'), JSON.stringify({ compilerOptions: { strict: true } }));
  write(join(project, 'node_modules/@acme/tsconfig/package.json'), JSON.stringify({ name: '@acme/tsconfig' }));
  write(join(project, 'package.json'), JSON.stringify({ name: 'root', workspaces: ['packages/*'] }));
  write(join(project, 'packages/util/package.json'), JSON.stringify({ name: '@acme/util' }));
  write(join(project, 'src/a.ts'), 'export const a = 1;\n');
  write(join(project, 'src/b.ts'), "import { a } from './a';\nexport const b = a;\n");
  write(join(project, 'src/docs/README.md'), 'no sources here yet\n');
  write(join(project, 'src/generated/skip.ts'), 'export const skip = 1;\n');
  write(join(project, '.gitignore'), 'src/generated/\n');
  settleAll(project);
});

afterEach(() => {
  vi.useRealTimers();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the layout cache', () => {
  it('gives back the layout it stored while nothing changed', () => {
    const fresh = load();
    expect(fresh.isFromCache).toBe(false);
    expect(fresh.paths).toEqual(['src/a.ts', 'src/b.ts']);
    const again = load();
    expect(again.isFromCache).toBe(true);
    expect(again.layout).toEqual(fresh.layout);
  });

  it('sees a source file added to a folder that had none', () => {
    load();
    write(join(project, 'src/docs/c.ts'), 'export const c = 1;\n');
    settle(join(project, 'src/docs/c.ts'), join(project, 'src/docs'));
    const after = load();
    expect(after.isFromCache).toBe(false);
    expect(after.paths).toContain('src/docs/c.ts');
  });

  it('sees a new folder of sources and a deleted file', () => {
    load();
    write(join(project, 'src/billing/invoice.ts'), 'export const invoice = 1;\n');
    settle(join(project, 'src/billing/invoice.ts'), join(project, 'src/billing'), join(project, 'src'));
    expect(load().paths).toEqual(['src/a.ts', 'src/b.ts', 'src/billing/invoice.ts']);
    rmSync(join(project, 'src/b.ts'));
    settle(join(project, 'src'));
    const after = load();
    expect(after.isFromCache).toBe(false);
    expect(after.paths).toEqual(['src/a.ts', 'src/billing/invoice.ts']);
  });

  it('sees a changed tsconfig, and a changed file it extends from node_modules', () => {
    const before = load().layout.projects[0]!.options;
    expect(before.strict).toBe(true);
    write(join(project, 'tsconfig.json'), JSON.stringify({ extends: '@acme/tsconfig/base.json', compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/*'] } }, include: ['src'] }));
    settle(join(project, 'tsconfig.json'));
    const changedPaths = load();
    expect(changedPaths.isFromCache).toBe(false);
    expect(Object.keys(changedPaths.layout.projects[0]!.options.paths ?? {})).toEqual(['@lib/*']);
    write(join(project, 'node_modules/@acme/tsconfig/base.json'), JSON.stringify({ compilerOptions: { strict: false } }));
    settle(join(project, 'node_modules/@acme/tsconfig/base.json'));
    const changedBase = load();
    expect(changedBase.isFromCache).toBe(false);
    expect(changedBase.layout.projects[0]!.options.strict).toBe(false);
  });

  it('sees a changed .gitignore and a renamed workspace package', () => {
    load();
    write(join(project, '.gitignore'), '');
    settle(join(project, '.gitignore'));
    const unignored = load();
    expect(unignored.isFromCache).toBe(false);
    expect(unignored.paths).toContain('src/generated/skip.ts');
    write(join(project, 'packages/util/package.json'), JSON.stringify({ name: '@acme/utils' }));
    settle(join(project, 'packages/util/package.json'));
    const renamed = load();
    expect(renamed.isFromCache).toBe(false);
    expect(renamed.layout.workspaces.map((workspace) => workspace.name)).toEqual(['@acme/utils']);
  });

  it('is keyed by the options: other globs, another layout', () => {
    load();
    const excluded = load({ exclude: ['src/b.ts'] });
    expect(excluded.isFromCache).toBe(false);
    expect(excluded.paths).toEqual(['src/a.ts']);
  });

  it('stores nothing read from files changed in the last two seconds', () => {
    writeFileSync(join(project, 'src/a.ts'), 'export const a = 2;\n');
    // a.ts itself is only a source file (its stamp is the facts cache's business), but its folder's
    // listing is an input: a fresh folder must not be trusted.
    write(join(project, 'src/fresh.ts'), 'export const fresh = 1;\n');
    vi.setSystemTime(vi.getRealSystemTime());
    expect(load().isFromCache).toBe(false);
    expect(load().isFromCache).toBe(false);
  });

  it('ignores writes into folders it was told are not its inputs (the report folder)', () => {
    const out = join(project, 'carve-report');
    mkdirSync(out);
    settle(out, project);
    load({}, [out]);
    writeFileSync(join(out, 'analysis.json'), '{}');
    expect(load({}, [out]).isFromCache).toBe(true);
  });

  it('rebuilds from a corrupt cache file', () => {
    load();
    for (const name of readdirSync(cacheDir)) writeFileSync(join(cacheDir, name), 'not a cache');
    expect(load().isFromCache).toBe(false);
    expect(load().isFromCache).toBe(true);
  });

  it('reads the layout afresh when a tsconfig.json appears above the analyzed folder (its nearest for the files)', () => {
    // The repository is `scratch` (it holds .git); the analyzed folder is project/packages/api.
    mkdirSync(join(scratch, '.git'));
    const api = join(project, 'packages/api');
    write(join(api, 'src/main.ts'), "import { x } from '@api/x';\nexport const main = x;\n");
    write(join(api, 'src/x.ts'), 'export const x = 1;\n');
    settleAll(project);
    const folder = project;
    project = api;
    try {
      // The repository root's tsconfig lists only its own src/: these files have no tsconfig yet.
      const before = load();
      expect(before.layout.tsconfigs).toEqual([]);
      expect(load().isFromCache).toBe(true);
      write(join(folder, 'packages/tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@api/*': ['api/src/*'] } }, include: ['api/src'] }));
      settle(join(folder, 'packages/tsconfig.json'), join(folder, 'packages'));
      const after = load();
      expect(after.isFromCache).toBe(false);
      expect(after.layout.tsconfigs).toEqual(['../tsconfig.json']);
    } finally {
      project = folder;
    }
  });
});
