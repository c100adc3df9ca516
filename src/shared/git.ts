// Every git command Carve runs goes through here. The analysed repository's own config (.git/config,
// its includes, .gitattributes, hooks) may be written by an attacker, and git runs commands named
// there: filter drivers, fsmonitor, hooks, pagers, external diff and textconv, gpg, credential helpers,
// transports of a lazy fetch. Carve only reads objects (rev-parse, ls-tree, cat-file without
// --filters, log --name-only), which apply no filter or textconv; the settings below switch off the
// rest, so that a future command cannot bring them back by accident. Checked on git 2.39 by
// test/hardening/git-hostile.test.ts. No shell: arguments go to git as they are.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** `-c` settings given to every git command; the command line wins over every config file. */
const HARDENING: readonly (readonly [key: string, value: string])[] = [
  ['core.fsmonitor', 'false'], // status/diff would run the fsmonitor hook (seen with git 2.39)
  ['core.hooksPath', '/dev/null'], // no hook can be found, whatever a later command would fire
  ['core.pager', 'cat'], // with --no-pager: never a pager, even on a terminal
  ['diff.external', ''], // no external diff program (log and diff would run it with -p)
  ['diff.orderFile', '/dev/null'], // log reads this file to order paths: it could be a FIFO or /dev/zero
  ['log.showSignature', 'false'], // a signed commit would run gpg.program
  ['log.mailmap', 'false'], // log would read .mailmap and mailmap.file
  ['color.ui', 'false'], // plain output to parse
  ['core.quotePath', 'false'], // paths as bytes (-z does not quote either)
  ['protocol.allow', 'never'], // no transport; GIT_ALLOW_PROTOCOL below also beats protocol.<name>.allow
  ['credential.helper', ''], // an empty value resets the helper list: no helper runs
  ['gc.auto', '0'], // no automatic gc (and its pre-auto-gc hook) after a command that writes
  ['maintenance.auto', 'false'], // nor automatic maintenance
];

/** Inherited GIT_* variables kept: the user's choice of their own config files and of git's install. */
const KEPT_GIT_VARIABLES = new Set(['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_NOSYSTEM', 'GIT_EXEC_PATH', 'GIT_CEILING_DIRECTORIES']);

/** Set for every git command. */
const GIT_ENVIRONMENT: Readonly<Record<string, string>> = {
  GIT_TERMINAL_PROMPT: '0', // never ask for a password: fail instead
  GIT_OPTIONAL_LOCKS: '0', // no index refresh written by a read
  GIT_NO_REPLACE_OBJECTS: '1', // refs/replace must not swap the content of the base commit
  GIT_ALLOW_PROTOCOL: '', // an allow-list naming no protocol: no fetch at all, not even a partial clone's lazy one
  GIT_NO_LAZY_FETCH: '1', // the same, said directly (git 2.45 and later)
  GIT_PAGER: 'cat', // belt and braces with --no-pager
  PAGER: 'cat',
  GIT_ASKPASS: '', // no password program (there is no transport anyway)
  SSH_ASKPASS: '',
};

/** How long one git command may take before it is killed: a FIFO named by a config include never ends. */
export const GIT_TIMEOUT_MS = 120_000;

/**
 * The arguments of `git` for `args`: no pager, pathspecs taken literally (a folder named `:(top)` or
 * `*` is that folder), the hardening settings, then the command.
 */
function hardenedGitArgs(args: readonly string[]): string[] {
  return ['--no-pager', '--literal-pathspecs', ...HARDENING.flatMap(([key, value]) => ['-c', `${key}=${value}`]), ...args];
}

/**
 * The environment of a git command: the inherited one without git's own variables (GIT_DIR, GIT_INDEX_FILE,
 * GIT_CONFIG_PARAMETERS, GIT_CONFIG_COUNT/KEY/VALUE, GIT_EXTERNAL_DIFF, GIT_SSH_COMMAND...; a hook that runs
 * Carve sets some of them for another purpose), plus GIT_ENVIRONMENT.
 */
function hardenedGitEnv(inherited: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(inherited)) {
    if (name.startsWith('GIT_') && !KEPT_GIT_VARIABLES.has(name)) continue;
    env[name] = value;
  }
  return { ...env, ...GIT_ENVIRONMENT };
}

/** A git command that failed: its exit, its stderr's first line, or the timeout. */
export class GitError extends Error {
  readonly isTimedOut: boolean;
  /** git itself could not be started (not installed). */
  readonly isMissingGit: boolean;

  constructor(message: string, options: { isTimedOut?: boolean; isMissingGit?: boolean } = {}) {
    super(message);
    this.name = 'GitError';
    this.isTimedOut = options.isTimedOut ?? false;
    this.isMissingGit = options.isMissingGit ?? false;
  }
}

export interface RunGitOptions {
  /** Largest stdout accepted, in bytes. */
  maxBuffer?: number;
  timeoutMs?: number;
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim().length > 0)?.trim() ?? '';
}

/** Runs `git <args>` in `cwd` and returns its stdout; throws GitError when it fails or takes too long. */
export function runGit(cwd: string, args: readonly string[], options: RunGitOptions = {}): Buffer {
  try {
    return execFileSync('git', hardenedGitArgs(args), {
      cwd,
      env: hardenedGitEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024,
      timeout: options.timeoutMs ?? GIT_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: Buffer | string; signal?: string | null };
    if (failure.code === 'ENOENT') throw new GitError('cannot run git: it is not installed or not on PATH', { isMissingGit: true });
    if (failure.code === 'ETIMEDOUT' || failure.signal === 'SIGKILL') {
      throw new GitError(`git ${args[0] ?? ''} did not finish within ${Math.round((options.timeoutMs ?? GIT_TIMEOUT_MS) / 1000)} s`, { isTimedOut: true });
    }
    const stderr = failure.stderr === undefined ? '' : failure.stderr.toString();
    throw new GitError(`git ${args[0] ?? ''} failed: ${firstLine(stderr) || failure.message}`);
  }
}

/** `runGit` decoded as UTF-8. */
export function runGitText(cwd: string, args: readonly string[], options: RunGitOptions = {}): string {
  return runGit(cwd, args, options).toString('utf8');
}

/** Starts a long-running `git <args>` (cat-file --batch) with piped stdin, stdout and stderr. */
export function spawnGit(cwd: string, args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn('git', hardenedGitArgs(args), { cwd, env: hardenedGitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
}
