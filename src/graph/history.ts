// Co-change from git history: files changed in the same commit, counted per pair. Read-only: one
// `git log --name-only` through shared/git.ts (no shell, no hook, pager, textconv or external diff,
// no file named by the repository's config), never anything that writes.
import type { RepoPath } from '../shared/facts.js';
import type { CoChange } from './types.js';
import { runGitText } from '../shared/git.js';
import { emptyRecord } from '../shared/records.js';
import { compareStrings } from '../shared/sort.js';

/**
 * Commits touching more files than this are skipped: mass renames, formatting and dependency bumps
 * change everything together and say nothing about which files belong together.
 */
export const DEFAULT_MAX_FILES_PER_COMMIT = 30;
/** Pairs seen together fewer times than this are dropped: one shared commit is coincidence. */
export const DEFAULT_MIN_CO_CHANGES = 2;

export interface ReadCoChangesOptions {
  maxFilesPerCommit?: number;
  minCount?: number;
  /** Keep only these files (e.g. the analysed modules); others still count towards a commit's size. */
  includeFile?: (path: RepoPath) => boolean;
}

/** One commit's changed files, relative to the root, in the order git printed them. */
export function parseNameOnlyLog(output: string): RepoPath[][] {
  const commits: RepoPath[][] = [];
  for (const chunk of output.split('\u0001')) {
    const fields = chunk.split('\u0000');
    // fields[0] is the hash; file names follow, the first one after the format's newline.
    const files = fields
      .slice(1)
      .map((field) => field.replace(/^\n/, ''))
      .filter((field) => field.length > 0);
    if (fields[0] !== undefined && fields[0].trim().length > 0) commits.push(files);
  }
  return commits;
}

/** Pairs of files changed together, counted over commits; commits over the size limit are skipped. */
export function countCoChanges(commits: RepoPath[][], options: ReadCoChangesOptions = {}): CoChange[] {
  const maxFiles = options.maxFilesPerCommit ?? DEFAULT_MAX_FILES_PER_COMMIT;
  const minCount = options.minCount ?? DEFAULT_MIN_CO_CHANGES;
  const counts = new Map<string, CoChange>();
  for (const commit of commits) {
    const unique = [...new Set(commit)];
    if (unique.length > maxFiles) continue;
    const files = unique.filter((file) => options.includeFile?.(file) ?? true).sort(compareStrings);
    for (let i = 0; i < files.length; i++) {
      for (let j = i + 1; j < files.length; j++) {
        const a = files[i] as RepoPath;
        const b = files[j] as RepoPath;
        const key = `${a}\u0000${b}`;
        const pair = counts.get(key);
        if (pair) pair.count += 1;
        else counts.set(key, { a, b, count: 1 });
      }
    }
  }
  return [...counts.values()]
    .filter((pair) => pair.count >= minCount)
    .sort((x, y) => compareStrings(x.a, y.a) || compareStrings(x.b, y.b));
}

/**
 * Reads the last `commits` commits that touch `root` and counts co-changes between files under it
 * (paths relative to `root`). Throws when git fails (not a repository, git missing).
 */
export function readCoChanges(root: string, commits: number, options: ReadCoChangesOptions = {}): CoChange[] {
  return countCoChanges(readChangedFiles(root, commits), options);
}

/** How many of the last `commits` commits touched each file: how alive a part of the code is. */
export function readChangeCounts(root: string, commits: number): Record<RepoPath, number> {
  const counts = emptyRecord<number>();
  for (const files of readChangedFiles(root, commits)) for (const file of new Set(files)) counts[file] = (counts[file] ?? 0) + 1;
  return counts;
}

/** The files each of the last `commits` commits changed. Throws when git fails (not a repository, git missing). */
export function readChangedFiles(root: string, commits: number): RepoPath[][] {
  if (!Number.isInteger(commits) || commits <= 0) return [];
  // The runner's settings keep the repository's config out (signatures, mailmap, order file, quoting, colour).
  const args = [
    'log', '-z', '--name-only', '--relative', '--no-renames', '--no-merges', '--no-color',
    '--no-ext-diff', '--no-textconv', '--no-notes', '--no-show-signature', '--no-mailmap',
    '--format=%x01%H', `--max-count=${commits}`, '--', '.',
  ];
  let stdout: string;
  try {
    stdout = runGitText(root, args, { maxBuffer: 512 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`cannot read git history of ${root}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseNameOnlyLog(stdout);
}
