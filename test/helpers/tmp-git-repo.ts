// Scratch git repositories in temp folders for the check tests: write files, commit, and run git with
// no user or system config, so a developer's settings (signing, hooks, default branch) cannot leak in.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TmpGitRepo {
  /** Absolute, real path of the work tree. */
  dir: string;
  /** Writes (or overwrites) files, creating folders; paths are relative to the work tree. */
  write(files: Record<string, string>): void;
  remove(paths: string[]): void;
  /** Stages everything and commits; returns the new commit id. */
  commit(message: string): string;
  /** Runs git in the work tree; `input` goes to its stdin (mktree, hash-object --stdin). */
  git(args: string[], input?: string): string;
  /** Deletes the whole scratch folder. */
  dispose(): void;
}

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Carve Test',
  GIT_AUTHOR_EMAIL: 'carve-test@example.invalid',
  GIT_COMMITTER_NAME: 'Carve Test',
  GIT_COMMITTER_EMAIL: 'carve-test@example.invalid',
  // Fixed dates: the same steps give the same commit ids.
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
};

export function createTmpGitRepo(files: Record<string, string> = {}, prefix = 'carve-git-'): TmpGitRepo {
  const scratch = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const dir = join(scratch, 'repo');
  mkdirSync(dir);
  const git = (args: string[], input?: string): string =>
    execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8', ...(input === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] } : { input }) }).trim();
  git(['init', '--quiet', '--initial-branch=main']);
  const repo: TmpGitRepo = {
    dir,
    write(entries) {
      for (const [path, content] of Object.entries(entries)) {
        const target = join(dir, path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
    },
    remove(paths) {
      for (const path of paths) rmSync(join(dir, path), { force: true, recursive: true });
    },
    commit(message) {
      git(['add', '--all']);
      git(['commit', '--quiet', '--allow-empty', '--no-verify', '-m', message]);
      return git(['rev-parse', 'HEAD']);
    },
    git,
    dispose() {
      rmSync(scratch, { recursive: true, force: true });
    },
  };
  repo.write(files);
  return repo;
}
