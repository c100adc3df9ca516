// A git repository whose own config tries to make every git command run something: filter drivers
// (smudge, clean, process), fsmonitor, hooks (both core.hooksPath and .git/hooks), external diff and
// textconv, pagers, gpg for signatures, credential helpers, ssh and ext:: transports, editors. Each
// of them touches its own marker file, so a test can say which one ran. Files git reads by config
// (diff.orderFile, mailmap.file) are a FIFO: a git that reads them hangs. Reused by the hostile
// repository generator of test/hardening: plant it in any scratch repository.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Hooks git may run on some command; each touches `hook-<name>`. */
const HOOKS = [
  'post-checkout',
  'pre-commit',
  'post-commit',
  'post-index-change',
  'reference-transaction',
  'pre-auto-gc',
  'post-rewrite',
  'post-merge',
  'pre-push',
  'fsmonitor-watchman',
  'push-to-checkout',
];

export interface HostileGit {
  /** Folder where every marker lands. */
  markerDir: string;
  /** Names of the markers present now (empty when nothing ran). */
  markers(): string[];
}

/** A shell command that touches `<markerDir>/<name>` and then copies stdin to stdout (a filter stays a filter). */
function touchCommand(markerDir: string, name: string, passThrough = false): string {
  const touch = `touch '${join(markerDir, name)}'`;
  return passThrough ? `sh -c "${touch}; cat"` : `sh -c "${touch}" --`;
}

/**
 * Writes the hostile settings into `<repoDir>/.git/config` (through git itself, with `gitConfig`) and
 * hooks into a hooks folder and .git/hooks. `.gitattributes` naming the `evil` drivers is returned as
 * file content for the caller to commit where it wants (the base commit, typically): the
 * attributes that matter are those of the tree git reads. `markerDir` must have no `'` in its path.
 */
export function plantHostileGitConfig(repoDir: string, markerDir: string, gitConfig: (key: string, value: string) => void): HostileGit {
  mkdirSync(markerDir, { recursive: true });
  const hooksDir = join(markerDir, '..', 'hostile-hooks');
  const fifo = join(markerDir, '..', 'hostile-fifo');
  rmSync(fifo, { force: true });
  execFileSync('mkfifo', [fifo]);
  for (const dir of [hooksDir, join(repoDir, '.git', 'hooks')]) {
    mkdirSync(dir, { recursive: true });
    for (const hook of HOOKS) {
      const file = join(dir, hook);
      writeFileSync(file, `#!/bin/sh\ntouch '${join(markerDir, `hook-${hook}`)}'\ncat >/dev/null 2>&1 || true\n`);
      chmodSync(file, 0o755);
    }
  }
  const settings: [string, string][] = [
    ['filter.evil.smudge', touchCommand(markerDir, 'filter-smudge', true)],
    ['filter.evil.clean', touchCommand(markerDir, 'filter-clean', true)],
    ['filter.evil.process', touchCommand(markerDir, 'filter-process')],
    ['filter.lfs.smudge', touchCommand(markerDir, 'lfs-smudge', true)],
    ['filter.lfs.process', touchCommand(markerDir, 'lfs-process')],
    ['core.fsmonitor', touchCommand(markerDir, 'fsmonitor')],
    ['core.hooksPath', hooksDir],
    ['core.pager', touchCommand(markerDir, 'core-pager')],
    ['pager.log', touchCommand(markerDir, 'pager-log')],
    ['pager.cat-file', touchCommand(markerDir, 'pager-cat-file')],
    ['pager.ls-tree', touchCommand(markerDir, 'pager-ls-tree')],
    ['diff.external', touchCommand(markerDir, 'diff-external')],
    ['diff.evil.textconv', touchCommand(markerDir, 'textconv', true)],
    ['diff.evil.command', touchCommand(markerDir, 'diff-command')],
    ['log.showSignature', 'true'],
    ['gpg.program', touchCommand(markerDir, 'gpg')],
    ['gpg.ssh.program', touchCommand(markerDir, 'gpg-ssh')],
    ['core.editor', touchCommand(markerDir, 'editor')],
    ['sequence.editor', touchCommand(markerDir, 'sequence-editor')],
    ['core.askPass', touchCommand(markerDir, 'askpass')],
    ['credential.helper', `!${touchCommand(markerDir, 'credential-helper')}`],
    ['core.sshCommand', touchCommand(markerDir, 'ssh-command')],
    ['core.gitProxy', touchCommand(markerDir, 'git-proxy')],
    ['protocol.allow', 'always'],
    ['protocol.ext.allow', 'always'],
    // ext:: splits its command on spaces and runs it without a shell.
    ['remote.origin.url', `ext::touch ${join(markerDir, 'ext-transport')}`],
    ['remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*'],
    ['remote.origin.promisor', 'true'],
    ['core.alternateRefsCommand', touchCommand(markerDir, 'alternate-refs')],
    ['diff.orderFile', fifo],
    ['mailmap.file', fifo],
    ['gc.auto', '1'],
    ['maintenance.auto', 'true'],
  ];
  for (const [key, value] of settings) gitConfig(key, value);
  return {
    markerDir,
    markers: () => (existsSync(markerDir) ? readdirSync(markerDir).sort() : []),
  };
}

/**
 * Makes the repository a partial clone of its hostile `origin` and deletes the loose objects `objectIds`:
 * a git that misses one of them fetches it lazily, through the ext:: transport planted above.
 */
export function makeLazyPartialClone(repoDir: string, objectIds: string[], gitConfig: (key: string, value: string) => void): void {
  gitConfig('core.repositoryFormatVersion', '1');
  gitConfig('extensions.partialClone', 'origin');
  for (const id of objectIds) rmSync(join(repoDir, '.git', 'objects', id.slice(0, 2), id.slice(2)));
}

/** `.gitattributes` that sends every file through the hostile filter and diff drivers. */
export const HOSTILE_GITATTRIBUTES = '* filter=evil diff=evil\n*.ts filter=evil diff=evil\n*.json filter=lfs diff=evil\n';
