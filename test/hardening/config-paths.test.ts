// Paths in carve.config.json are confined to the repository: the baseline (read by check, written by
// --update-baseline) and the globs. Absolute paths, `..` out of the repository and links that lead
// out are an exit-2 error naming the field, echoing nothing read, creating nothing outside.
// A baseline at a device, /proc or a FIFO could hang a run or fill its memory: those runs get a process
// of their own (killed after RUN_LIMIT_MS); the others run the built CLI's main in this process.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectLayout } from '../../src/extract/index.js';
import { isCarveError } from '../../src/shared/errors.js';
import { isCliBuilt, runCli, runCliInProcess, type CliRun } from '../helpers/run-cli.js';
import { useScratch } from '../helpers/scratch.js';
import { canMakeFifo, plantLink, plantSpecial } from './special-files.js';

const scratch = useScratch('config-paths');
const RUN_LIMIT_MS = 20_000;
const SECRET = 'CARVE-CANARY-5e1d-never-echoed';

const SOURCES: Record<string, string> = {
  'src/orders/order.ts': "import { notify } from '../mail/notify.js';\nexport const order = notify('placed');\n",
  'src/mail/notify.ts': 'export function notify(what: string): string {\n  return what;\n}\n',
};

/** A repository (with a .git folder) holding the project in `sub`, and a sibling folder outside it. */
function layout(config: Record<string, unknown>, sub = ''): { repo: string; dir: string; outside: string } {
  const top = scratch('case');
  const repo = join(top, 'repo');
  const dir = join(repo, sub);
  const outside = join(top, 'outside');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.json'), `${SECRET}\n`);
  for (const [path, text] of Object.entries(SOURCES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const contexts = { orders: { paths: ['src/orders/**'] }, mail: { paths: ['src/mail/**'] } };
  writeFileSync(join(dir, 'carve.config.json'), JSON.stringify({ contexts, ...config }));
  return { repo, dir, outside };
}

/** With the run's cache (outside every repository here): the config is judged before any cache is read. */
function check(dir: string, ...extra: string[]): Promise<CliRun> {
  return runCliInProcess(['check', dir, '--format', 'json', ...extra], { env: { CARVE_TEST_CANARY: SECRET } });
}

/** The same run in a process of its own, for targets that could hang it or fill its memory. */
function checkSpawned(dir: string, ...extra: string[]): Promise<CliRun> {
  return runCli(['check', dir, '--format', 'json', ...extra], { timeoutMs: RUN_LIMIT_MS, env: { CARVE_TEST_CANARY: SECRET } });
}

const isDevice = (path: string): boolean => path.startsWith('/proc/') || path.startsWith('/dev/');

function expectRefused(run: CliRun, field: RegExp): void {
  expect(run.isTimedOut).toBe(false);
  expect(run.exitCode, run.stderr).toBe(2);
  expect(run.stderr).toMatch(field);
  expect(run.stderr).not.toMatch(/internal error|not valid JSON/);
  // Nothing read is echoed: not the secret (V8 quotes the first bytes of bad JSON), not the environment.
  const output = `${run.stdout}${run.stderr}`;
  expect(output).not.toContain(SECRET.slice(0, 8));
  for (const name of Object.keys(process.env)) expect(output).not.toContain(`${name}=`);
}

describe.skipIf(!isCliBuilt())('the baseline path', () => {
  for (const baseline of ['../outside/x.json', '../../outside/x.json', '/proc/self/environ', '/dev/zero', '/dev/stdin', `/tmp/carve-no-such-${process.pid}/x.json`]) {
    it(`"${baseline}": check and check --update-baseline exit 2 naming the field, echo nothing, create nothing`, async () => {
      const { repo, dir, outside } = layout({ baseline });
      const before = readdirSync(dirname(repo)).sort();
      for (const extra of [[], ['--update-baseline']]) {
        const run = await (isDevice(baseline) ? checkSpawned(dir, ...extra) : check(dir, ...extra));
        expectRefused(run, /carve\.config\.json: baseline: (is an absolute path|climbs out of the repository)/);
      }
      expect(readdirSync(dirname(repo)).sort()).toEqual(before);
      expect(readdirSync(outside)).toEqual(['secret.json']);
      expect(existsSync(`/tmp/carve-no-such-${process.pid}`)).toBe(false);
    });
  }

  it('a baseline that links outside the repository is refused, its target never echoed', async () => {
    const { dir, outside } = layout({});
    plantLink(join(dir, 'carve-baseline.json'), join(outside, 'secret.json'));
    for (const extra of [[], ['--update-baseline']]) expectRefused(await check(dir, ...extra), /carve-baseline\.json/);
    expect(readFileSync(join(outside, 'secret.json'), 'utf8')).toBe(`${SECRET}\n`);
  });

  it('--update-baseline through a linked folder that leads out creates nothing outside', async () => {
    const { dir, outside } = layout({ baseline: 'ci/deep/accepted.json' });
    plantLink(join(dir, 'ci'), outside);
    expectRefused(await check(dir, '--update-baseline'), /accepted\.json/);
    expect(readdirSync(outside)).toEqual(['secret.json']);
  });

  it.skipIf(!canMakeFifo())('a FIFO baseline inside the repository is exit 2, not a hang', async () => {
    const { dir } = layout({});
    plantSpecial(join(dir, 'carve-baseline.json'), 'fifo');
    expectRefused(await checkSpawned(dir), /carve-baseline\.json.*not a regular file/);
  });

  it('may climb to a folder above the config while it stays in the repository', async () => {
    const { repo, dir } = layout({ baseline: '../baselines/shop.json' }, 'apps/shop');
    const run = await check(dir, '--update-baseline');
    expect(run.exitCode, run.stderr).toBe(0);
    expect(existsSync(join(repo, 'apps', 'baselines', 'shop.json'))).toBe(true);
  });
});

describe.skipIf(!isCliBuilt())('globs in the config', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['include', { include: ['../**/*.ts'] }, /include\[0\]/],
    ['include (absolute)', { include: ['/proc/**'] }, /include\[0\]/],
    ['exclude', { exclude: ['src/x.ts', '!../../**'] }, /exclude\[1\]/],
    ['a context path', { contexts: { orders: { paths: ['/etc/**'] } } }, /contexts\.orders\.paths\[0\]/],
    ['expose', { contexts: { orders: { paths: ['src/**'], expose: ['../x.ts'] } } }, /contexts\.orders\.expose\[0\]/],
  ];
  for (const [what, config, field] of cases) {
    it(`${what} that leaves the repository is a bad-config error naming the field`, async () => {
      const { dir } = layout(config);
      expectRefused(await check(dir), field);
    });
  }
});

describe('--include globs given to the layout', () => {
  it('that leave the root are refused before any walk', () => {
    const { dir } = layout({});
    for (const pattern of ['../**/*.ts', '/proc/**/*.ts', 'src/{..,orders}/**/*.ts', '!../x.ts']) {
      let error: unknown;
      try {
        loadProjectLayout(dir, { include: [pattern] });
      } catch (caught) {
        error = caught;
      }
      expect(isCarveError(error) && error.code).toBe('bad-include');
    }
  });
});
