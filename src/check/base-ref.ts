// The --base ref as files: `git archive <commit> | tar -x` into a fresh temporary folder. Never a
// worktree or a checkout: those write into the user's .git and work tree. Only git's objects are read.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarveError } from '../shared/errors.js';

export interface BaseTree {
  /** The analyzed folder as it was at the ref, or null when that folder did not exist then. */
  dir: string | null;
  /** The full commit id the ref named. */
  commit: string;
  /** Removes the temporary folder. */
  dispose(): void;
}

function git(cwd: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 16 * 1024 * 1024 }).trim();
  } catch {
    return null;
  }
}

/** Pipes `git archive` into `tar -x`; resolves when both are done, rejects with what either said. */
function extractArchive(cwd: string, treeish: string, target: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const archive = spawn('git', ['archive', '--format=tar', treeish], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-x', '-f', '-', '--no-same-owner', '-C', target], { stdio: ['pipe', 'ignore', 'pipe'] });
    const messages: string[] = [];
    archive.stderr.on('data', (chunk: Buffer) => messages.push(chunk.toString('utf8')));
    tar.stderr.on('data', (chunk: Buffer) => messages.push(chunk.toString('utf8')));
    archive.stdout.pipe(tar.stdin);
    let pending = 2;
    let failed = false;
    const done = (name: string) => (code: number | null) => {
      if (code !== 0 && !failed) {
        failed = true;
        reject(new CarveError('base-failed', `could not read the base from git (${name} exited ${code}): ${messages.join(' ').trim()}`, 'check that git and tar work in this repository'));
      }
      if (--pending === 0 && !failed) resolvePromise();
    };
    archive.on('error', (error) => reject(new CarveError('base-failed', `cannot run git: ${error.message}`, 'install git to use --base')));
    tar.on('error', (error) => reject(new CarveError('base-failed', `cannot run tar: ${error.message}`, 'install tar to use --base')));
    archive.on('close', done('git archive'));
    tar.on('close', done('tar'));
  });
}

export async function materializeBase(projectDir: string, ref: string): Promise<BaseTree> {
  if (ref === '' || ref.startsWith('-') || ref.includes('\u0000')) {
    throw new CarveError('bad-ref', `'${ref}' is not a git ref`, 'give a branch, tag or commit, e.g. --base origin/main');
  }
  const cwd = realpathSync(projectDir);
  const prefix = git(cwd, ['rev-parse', '--show-prefix']);
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if (prefix === null || !top) throw new CarveError('not-a-git-repo', `--base needs a git repository, and ${projectDir} is not in one`, 'run carve check without --base, or inside a git work tree');
  const commit = git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!commit) {
    throw new CarveError('unknown-ref', `unknown git ref '${ref}'`, 'fetch it first (git fetch origin main; in GitHub Actions, checkout with fetch-depth: 0)');
  }
  const folder = prefix.replace(/\/$/, '');
  const treeish = folder === '' ? commit : `${commit}:${folder}`;
  const temp = mkdtempSync(join(tmpdir(), 'carve-base-'));
  const dispose = (): void => rmSync(temp, { recursive: true, force: true });
  if (git(top, ['cat-file', '-e', treeish]) === null) return { dir: null, commit, dispose };
  try {
    // From the top: in a subfolder, git archive would also filter by that folder's path.
    await extractArchive(top, treeish, temp);
  } catch (error) {
    dispose();
    throw error;
  }
  return { dir: temp, commit, dispose };
}
