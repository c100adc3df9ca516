// What Carve touches: a full init/analyze/plan/check/explore round on a read-only copy of the shop
// leaves every file of the copy as it was (byte for byte, same mode, same mtime) and writes only to
// --out and the cache folder (HOME and TMPDIR stay empty); it never runs the code it reads (a file
// that would leave a marker if executed) and never opens a network connection (a preload that
// records any attempt).
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesRoot } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';

let scratch: string;
let project: string;
let env: Record<string, string>;

/** Every file and folder under `dir`: path -> content hash (files), mode and mtime. */
function snapshot(dir: string): Map<string, string> {
  const entries = new Map<string, string>();
  const visit = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const stat = statSync(path);
      const key = relative(dir, path);
      if (stat.isDirectory()) {
        entries.set(key, `dir ${stat.mode} ${stat.mtimeMs}`);
        visit(path);
      } else {
        entries.set(key, `file ${stat.mode} ${stat.mtimeMs} ${readFileSync(path).toString('base64')}`);
      }
    }
  };
  visit(dir);
  return entries;
}

function setWritable(dir: string, isWritable: boolean): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) setWritable(path, isWritable);
    else chmodSync(path, isWritable ? 0o644 : 0o444);
  }
  chmodSync(dir, isWritable ? 0o755 : 0o555);
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'carve-read-only-'));
  project = join(scratch, 'shop');
  cpSync(join(fixturesRoot, 'shop'), project, { recursive: true });
  // Code that would leave a marker if anything executed it, and a git history for check --base.
  writeFileSync(join(project, 'src', 'side-effect.ts'), `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(join(scratch, 'executed'))}, 'ran');\nexport const ran = true;\n`);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd: project, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'base');
  const noNetwork = join(scratch, 'no-network.cjs');
  writeFileSync(
    noNetwork,
    `const fs = require('node:fs'); const net = require('node:net'); const dns = require('node:dns');
const record = (what) => { fs.appendFileSync(${JSON.stringify(join(scratch, 'network'))}, what + '\\n'); throw new Error('network used: ' + what); };
net.Socket.prototype.connect = function () { record('connect'); };
dns.lookup = () => record('dns.lookup');
dns.resolve = () => record('dns.resolve');
`,
  );
  for (const folder of ['home', 'tmp', 'cache', 'out']) mkdirSync(join(scratch, folder));
  env = { HOME: join(scratch, 'home'), TMPDIR: join(scratch, 'tmp'), XDG_CACHE_HOME: join(scratch, 'xdg'), NODE_OPTIONS: `--require ${noNetwork}` };
});

afterAll(() => {
  if (existsSync(project)) setWritable(project, true);
  rmSync(scratch, { recursive: true, force: true });
});

describe('a read-only project', () => {
  // Seven processes one after another: the suite's 60 s a test (a bound on a hang, not on speed) was
  // too little for them on a busy two-core machine; 180 s here.
  it('is read, never written, executed or used to reach the network', async () => {
    // init is the one command that writes into the project (and only carve.config.json): run it first.
    const init = await runCli(['init', project, '--cache-dir', join(scratch, 'cache')], { env });
    expect(init.exitCode, init.stderr).toBe(0);
    setWritable(project, false);
    const before = snapshot(project);

    const cache = ['--cache-dir', join(scratch, 'cache')];
    const runs = [
      await runCli(['analyze', project, '--out', join(scratch, 'out'), '--quiet', ...cache], { env }),
      await runCli(['analyze', project, '--out', join(scratch, 'out'), '--quiet', '--no-cache', '--history', '20'], { env }),
      await runCli(['plan', project, ...cache], { env }),
      await runCli(['check', project, '--base', 'HEAD', ...cache], { env }),
      await runCli(['check', project, '--format', 'sarif', ...cache], { env }),
      await runCli(['explore', project, ...cache], { env }),
    ];
    for (const run of runs) expect([0, 1], run.stderr).toContain(run.exitCode);

    expect(snapshot(project)).toEqual(before);
    expect(existsSync(join(scratch, 'executed'))).toBe(false);
    expect(existsSync(join(scratch, 'network'))).toBe(false);
    expect(readdirSync(join(scratch, 'home'))).toEqual([]);
    expect(readdirSync(join(scratch, 'tmp'))).toEqual([]);
    expect(existsSync(join(scratch, 'xdg'))).toBe(false);
    expect(readdirSync(join(scratch, 'out')).sort()).toEqual(['analysis.json', 'contexts.dot', 'report.md']);
    expect(readdirSync(join(scratch, 'cache')).length).toBeGreaterThan(0);
  }, 180_000);

  it('the network guard does catch a connection (so its silence above means something)', async () => {
    const probe = join(scratch, 'probe.cjs');
    writeFileSync(probe, "require('node:net').connect(9, '127.0.0.1');\n");
    const guarded = execFileSync(process.execPath, ['-e', `try { require(${JSON.stringify(probe)}) } catch (e) { process.stdout.write(e.message) }`], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(guarded).toBe('network used: connect');
    rmSync(join(scratch, 'network'), { force: true });
  });
});
