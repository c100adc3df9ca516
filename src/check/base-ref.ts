// The --base ref as files in a fresh temporary folder, read from git's objects only: `ls-tree` lists
// the tree, one `cat-file --batch` streams the blobs the analysis reads. Never a checkout, a worktree
// or `git archive`: those apply the tree's .gitattributes filter drivers (smudge, LFS) and write into
// the user's .git or work tree; cat-file without --filters applies no filter, textconv or smudge.
// Every git call goes through shared/git.ts (no hooks, pager, fsmonitor, transport or lazy fetch).
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, realpathSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarveError } from '../shared/errors.js';
import { GitError, GIT_TIMEOUT_MS, runGitText, spawnGit } from '../shared/git.js';
import { CONFIG_FILE_MAX_BYTES } from '../shared/safe-read.js';

export interface BaseTree {
  /** The analyzed folder as it was at the ref, or null when that folder did not exist then. */
  dir: string | null;
  /** The full commit id the ref named. */
  commit: string;
  /** Removes the temporary folder. */
  dispose(): void;
}

export interface MaterializeBaseOptions {
  /** The analysis's limit for source files (--max-file-size); see `placeholderThreshold`. */
  maxFileBytes?: number;
  /**
   * Called with the removal of the temporary folder before that folder is created; returns the call
   * that forgets it again. The CLI runs it when a signal or an exit ends the process.
   */
  registerCleanup?: (cleanup: () => void) => () => void;
}

/** One file of the base tree to write. */
export interface BaseEntry {
  /** Relative to the analyzed folder, '/'-separated. */
  path: string;
  object: string;
}

// What the analysis reads: sources and what module resolution may land on, configs (tsconfig*.json,
// package.json, carve.config.json: any .json, since tsconfig `extends` names any file), and the files
// of the schema adapters of extract/data-access (*.prisma). Anything else is never opened.
const ANALYSIS_INPUT = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs|json|jsonc|prisma)$/;
const ANALYSIS_INPUT_NAMES = new Set(['.gitignore', 'pnpm-workspace.yaml']);

/**
 * Blobs larger than this are written as empty (sparse) files of their size: the analysis refuses
 * every file over its limit by size alone, a source over --max-file-size as a config over the config
 * limit (CONFIG_FILE_MAX_BYTES: tsconfig, manifests, .gitignore), so the answer is that of the work
 * tree without writing the blob.
 */
export function placeholderThreshold(maxFileBytes: number | undefined): number {
  return Math.max(maxFileBytes ?? 0, CONFIG_FILE_MAX_BYTES);
}

/** Regular files only: 120000 is a symlink (its target is a path, possibly out of the tree), 160000 a submodule. */
const REGULAR_FILE_MODES = new Set(['100644', '100755']);

/** Whether the analysis of the base may read the file at `path` (relative, '/'-separated). */
export function isAnalysisInput(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return ANALYSIS_INPUT.test(name) || ANALYSIS_INPUT_NAMES.has(name);
}

/**
 * A path from a tree object that stays inside the folder it is written to. Git refuses such names
 * when it checks out, but a crafted tree may hold them: '..', '.', '' (from '//'), '.git', a backslash.
 */
export function isSafeTreePath(path: string): boolean {
  if (path.length === 0 || path.includes('\\') || path.includes('\u0000')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && part.toLowerCase() !== '.git');
}

/**
 * Parses `git ls-tree -r -z` output (`<mode> <type> <object>\t<path>\0`) into the files to
 * write: regular blobs under `prefix` that the analysis reads, paths made relative to `prefix`.
 */
export function parseTreeListing(listing: string, prefix: string): { entries: BaseEntry[]; isFolderPresent: boolean } {
  const entries: BaseEntry[] = [];
  let isFolderPresent = prefix === '';
  for (const record of listing.split('\u0000')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const fullPath = record.slice(tab + 1);
    if (!fullPath.startsWith(prefix)) continue;
    isFolderPresent = true;
    const [mode, type, object] = record.slice(0, tab).split(' ');
    if (type !== 'blob' || !REGULAR_FILE_MODES.has(mode ?? '') || object === undefined) continue;
    const path = fullPath.slice(prefix.length);
    // A name that was not UTF-8 in git came out with U+FFFD: it cannot be written under its own name.
    if (path.includes('\uFFFD') || !isSafeTreePath(path) || !isAnalysisInput(path)) continue;
    entries.push({ path, object });
  }
  return { entries, isFolderPresent };
}

function baseFailed(detail: string): CarveError {
  return new CarveError('base-failed', `could not read the base from git: ${detail}`, 'check that git works in this repository');
}

/** Runs a git query; a failure becomes `onFailure()` (null for "no such thing"), a hang or a missing git an error. */
function gitQuery(cwd: string, args: string[], onFailure: (error: GitError) => string | null): string | null {
  try {
    return runGitText(cwd, args, { maxBuffer: 1024 * 1024 * 1024 });
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    if (error.isMissingGit) throw new CarveError('base-failed', error.message, 'install git to use --base');
    if (error.isTimedOut) throw baseFailed(error.message);
    return onFailure(error);
  }
}

/** Creates the file `relative` under `root`, and its folders; never follows or replaces anything there. */
function createFile(root: string, relative: string, folders: Set<string>): number {
  const slash = relative.lastIndexOf('/');
  if (slash > 0) {
    const folder = relative.slice(0, slash);
    if (!folders.has(folder)) {
      mkdirSync(join(root, folder), { recursive: true });
      folders.add(folder);
    }
  }
  return openSync(join(root, relative), 'wx', 0o600);
}

/**
 * Writes each entry's blob, streamed from one `git cat-file --batch`, under `root`; never a whole
 * blob in memory. A blob over `maxBytes` becomes an empty file of its size (see placeholderThreshold).
 */
function writeBlobs(cwd: string, root: string, entries: BaseEntry[], maxBytes: number): Promise<void> {
  const pathsByObject = new Map<string, string[]>();
  for (const entry of entries) {
    const paths = pathsByObject.get(entry.object);
    if (paths) paths.push(entry.path);
    else pathsByObject.set(entry.object, [entry.path]);
  }
  if (pathsByObject.size === 0) return Promise.resolve();
  const folders = new Set<string>();
  let open: number[] = [];
  const closeAll = (): void => {
    for (const fd of open) closeSync(fd);
    open = [];
  };

  return new Promise((resolvePromise, reject) => {
    const child = spawnGit(cwd, ['cat-file', '--batch', '--buffer']);
    const stderr: string[] = [];
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      closeAll();
      child.kill('SIGKILL');
      reject(error);
    };
    // A git that stops answering (a FIFO in its config) is killed; any output restarts the clock.
    const timer = setTimeout(() => fail(baseFailed(`git cat-file gave no output for ${GIT_TIMEOUT_MS / 1000} s`)), GIT_TIMEOUT_MS);
    const parse = batchParser({
      start(object, size) {
        for (const path of pathsByObject.get(object) ?? []) {
          let fd: number;
          try {
            fd = createFile(root, path, folders);
          } catch {
            // Two tree entries for one name (a crafted tree, or case folding): the first one stays.
            continue;
          }
          if (size <= maxBytes) {
            open.push(fd);
          } else {
            ftruncateSync(fd, size);
            closeSync(fd);
          }
        }
      },
      data(chunk) {
        for (const fd of open) writeSync(fd, chunk);
      },
      end: closeAll,
      missing(object) {
        fail(baseFailed(`object ${object} is missing, and Carve never fetches`));
      },
    });
    child.stdout.on('data', (chunk: Buffer) => {
      timer.refresh();
      if (settled) return;
      try {
        parse(chunk);
      } catch (error) {
        fail(error instanceof Error ? error : baseFailed(String(error)));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) => {
      fail(error.code === 'ENOENT' ? new CarveError('base-failed', 'cannot run git: it is not installed or not on PATH', 'install git to use --base') : baseFailed(error.message));
    });
    child.on('close', (code) => {
      if (code !== 0) fail(baseFailed(`git cat-file exited ${code}: ${stderr.join('').trim().split('\n')[0] ?? ''}`));
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      closeAll();
      resolvePromise();
    });
    child.stdin.on('error', () => {
      // git ended before reading every request; 'close' says why.
    });
    child.stdin.end(`${[...pathsByObject.keys()].join('\n')}\n`);
  });
}

export interface BatchSink {
  /** An object's content begins. */
  start(object: string, size: number): void;
  /** The next piece of its content. */
  data(chunk: Buffer): void;
  /** Its content is complete. */
  end(): void;
  missing(object: string): void;
}

/**
 * A parser of `git cat-file --batch` output fed chunk by chunk: `<object> <type> <size>\n<content>\n`
 * per object, or `<object> missing\n`.
 */
export function batchParser(sink: BatchSink): (chunk: Buffer) => void {
  let header = Buffer.alloc(0);
  let content = -1; // bytes of content still to come; -1 while in a header
  let isNewlineDue = false; // the newline after the content
  return (chunk) => {
    let data = chunk;
    while (data.length > 0) {
      if (isNewlineDue) {
        data = data.subarray(1);
        isNewlineDue = false;
        continue;
      }
      if (content < 0) {
        const newline = data.indexOf(0x0a);
        if (newline < 0) {
          header = Buffer.concat([header, data]);
          return;
        }
        const line = Buffer.concat([header, data.subarray(0, newline)]).toString('utf8');
        header = Buffer.alloc(0);
        data = data.subarray(newline + 1);
        const [object, type, size] = line.split(' ');
        if (type === 'missing' || type === 'ambiguous') {
          sink.missing(object ?? line);
          continue;
        }
        if (object === undefined || size === undefined || !/^\d+$/.test(size)) throw new Error(`unexpected git cat-file output: ${line.slice(0, 100)}`);
        content = Number(size);
        sink.start(object, content);
      }
      const take = Math.min(content, data.length);
      if (take > 0) sink.data(data.subarray(0, take));
      data = data.subarray(take);
      content -= take;
      if (content === 0) {
        sink.end();
        content = -1;
        isNewlineDue = true;
      }
    }
  };
}

export async function materializeBase(projectDir: string, ref: string, options: MaterializeBaseOptions = {}): Promise<BaseTree> {
  if (ref === '' || ref.startsWith('-') || ref.includes('\u0000')) {
    throw new CarveError('bad-ref', `'${ref}' is not a git ref`, 'give a branch, tag or commit, e.g. --base origin/main');
  }
  const cwd = realpathSync(projectDir);
  const prefixLine = gitQuery(cwd, ['rev-parse', '--show-prefix'], () => null);
  if (prefixLine === null) throw new CarveError('not-a-git-repo', `--base needs a git repository, and ${projectDir} is not in one`, 'run carve check without --base, or inside a git work tree');
  const prefix = prefixLine.replace(/\n$/, '');
  const commit = gitQuery(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], () => null)?.trim();
  if (!commit) {
    throw new CarveError('unknown-ref', `unknown git ref '${ref}'`, 'fetch it first (git fetch origin main; in GitHub Actions, checkout with fetch-depth: 0)');
  }
  // --full-tree: paths and the pathspec from the top, wherever cwd is (the runner makes pathspecs literal).
  const listing = gitQuery(cwd, ['ls-tree', '-r', '-z', '--full-tree', commit, ...(prefix === '' ? [] : ['--', prefix])], (error) => {
    throw baseFailed(error.message);
  });
  const { entries, isFolderPresent } = parseTreeListing(listing ?? '', prefix);
  if (!isFolderPresent) return { dir: null, commit, dispose: () => {} };

  // Registered before the folder exists: a signal can never find it there and no one to remove it.
  let temp: string | null = null;
  const remove = (): void => {
    if (temp !== null) rmSync(temp, { recursive: true, force: true });
  };
  const forget = options.registerCleanup?.(remove) ?? ((): void => {});
  temp = mkdtempSync(join(tmpdir(), 'carve-base-'));
  const dispose = (): void => {
    remove();
    forget();
  };
  try {
    await writeBlobs(cwd, temp, entries, placeholderThreshold(options.maxFileBytes));
  } catch (error) {
    dispose();
    throw error;
  }
  return { dir: temp, commit, dispose };
}
