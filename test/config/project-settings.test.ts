// carve.config.json `project`: the tsconfig and include `carve init` used, so that `check` and
// `analyze` read the same project when the command line names none. The tsconfig is relative to the
// config file and must stay in the repository, like the baseline; include globs are checked like the
// top-level ones; the command line still wins.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFromAnalysis, loadConfig, parseConfig, projectTsconfigPath } from '../../src/config/index.js';
import { layoutOptions } from '../../src/analysis/run-inputs.js';
import type { Analysis } from '../../src/shared/analysis.js';
import { errorOf } from '../helpers/carve-error.js';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'carve-project-settings-')));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A repository with apps/api/src/carve.config.json holding `project`. */
function repoWithConfig(name: string, project: unknown): string {
  const repo = join(scratch, name);
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'apps/api/src'), { recursive: true });
  writeFileSync(join(repo, 'apps/api/src/carve.config.json'), JSON.stringify({ project, contexts: {} }));
  return join(repo, 'apps/api/src');
}

describe('project in carve.config.json', () => {
  it('resolves project.tsconfig beside the config file, above the analyzed folder but in the repository', () => {
    const dir = repoWithConfig('above', { tsconfig: '../tsconfig.app.json', include: ['**/*.ts'] });
    const loaded = loadConfig(dir)!;
    expect(projectTsconfigPath(loaded)).toBe(join(scratch, 'above/apps/api/tsconfig.app.json'));
    expect(layoutOptions({}, loaded)).toEqual({ tsconfig: join(scratch, 'above/apps/api/tsconfig.app.json'), include: ['**/*.ts'] });
  });

  it('the command line wins over project', () => {
    const loaded = loadConfig(repoWithConfig('cli-wins', { tsconfig: '../tsconfig.app.json', include: ['**/*.ts'] }))!;
    expect(layoutOptions({ tsconfig: 'other.json', include: ['main.ts'] }, loaded)).toEqual({ tsconfig: 'other.json', include: ['main.ts'] });
  });

  it('refuses a tsconfig that is absolute or climbs out of the repository, naming the field', () => {
    for (const [name, tsconfig, message] of [
      ['absolute', '/etc/tsconfig.json', /carve\.config\.json: project\.tsconfig: is an absolute path/],
      ['climbs', '../../../../tsconfig.json', /carve\.config\.json: project\.tsconfig: climbs out of the repository/],
    ] as const) {
      const loaded = loadConfig(repoWithConfig(name, { tsconfig }))!;
      const error = errorOf(() => layoutOptions({}, loaded));
      expect(error.code).toBe('bad-config');
      expect(error.message).toMatch(message);
    }
  });

  it('checks project.include like include, and refuses both at once', () => {
    expect(() => parseConfig(JSON.stringify({ project: { include: ['../x/**'] }, contexts: {} }))).toThrow(/project\.include\[0\]/);
    expect(() => parseConfig(JSON.stringify({ project: { include: ['src/**'] }, include: ['src/**'], contexts: {} }))).toThrow(/project\.include: .*give include once/);
    expect(() => parseConfig(JSON.stringify({ project: { tsconfig: '' }, contexts: {} }))).toThrow(/project\.tsconfig/);
    expect(() => parseConfig(JSON.stringify({ project: { tsconfg: 'x' }, contexts: {} }))).toThrow(/tsconfg/);
  });

  it('init writes the project it read: the tsconfig given, or the only one in play, and the include', () => {
    const analysis = { summary: { tsconfigs: ['tsconfig.json'] }, contexts: [], modules: [], entities: [], dependencies: [] } as unknown as Analysis;
    expect(configFromAnalysis(analysis, {}).project).toEqual({ tsconfig: 'tsconfig.json' });
    expect(configFromAnalysis(analysis, { tsconfig: '../tsconfig.app.json', include: ['src/**'] }).project).toEqual({ tsconfig: '../tsconfig.app.json', include: ['src/**'] });
    const monorepo = { ...analysis, summary: { tsconfigs: ['apps/api/tsconfig.app.json', 'libs/x/tsconfig.lib.json'] } } as unknown as Analysis;
    // Several tsconfigs in play: each file's nearest, which zero config finds again.
    expect(configFromAnalysis(monorepo, {}).project).toBeUndefined();
  });
});
