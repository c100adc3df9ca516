// Runs the real CLI in a pseudo-terminal for the end-to-end tests: tmux when installed (a private
// server socket, so a user's own tmux is never touched), else util-linux `script`. Both give the test
// the screen as text, a way to press keys, the exit code, and the terminal's modes after the exit
// (`stty -a`), to prove raw mode was undone.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type PtyKind = 'tmux' | 'script';

export interface PtyRun {
  kind: PtyKind;
  /** What the terminal shows now (tmux: the pane; script: everything written, ANSI removed). */
  screen: () => string;
  /** Keys by name: 'Enter', 'Tab', 'Escape', 'C-c', or literal text. */
  press: (key: string) => void;
  /** Resolves with the exit code once the command has ended. */
  exitCode: () => Promise<number>;
  /** `stty -a` taken in the same terminal right after the command ended. */
  sttyAfter: () => string;
  stop: () => void;
}

const SCRIPT_KEYS: Record<string, string> = { Enter: '\r', Tab: '\t', Escape: '\u001b', 'C-c': '\u0003', BSpace: '\u007f', Down: '\u001b[B', Up: '\u001b[A' };

function isOnPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The pty tool to use, or null; CARVE_E2E_PTY=script forces script where both exist. */
export function availablePty(): PtyKind | null {
  const forced = process.env.CARVE_E2E_PTY;
  if (forced === 'script' && isOnPath('script')) return 'script';
  if (isOnPath('tmux')) return 'tmux';
  if (isOnPath('script')) return 'script';
  return null;
}

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** The shell line run in the terminal: the command, then its exit code and the terminal modes into files. */
function shellLine(command: string[], workDir: string, columns: number, rows: number): string {
  const rc = join(workDir, 'exit-code');
  const stty = join(workDir, 'stty-after');
  // CI would make explore print the static report; NO_COLOR keeps the captured screen plain.
  // The modes are saved before the exit code, so a test that sees the code can read them.
  return `stty rows ${rows} cols ${columns}; env -u CI -u CONTINUOUS_INTEGRATION NO_COLOR=1 ${command.map(quote).join(' ')}; code=$?; stty -a > ${quote(stty)}; echo $code > ${quote(rc)}; sleep 30`;
}

export function startInPty(kind: PtyKind, command: string[], options: { cwd: string; workDir: string; columns?: number; rows?: number }): PtyRun {
  const columns = options.columns ?? 100;
  const rows = options.rows ?? 30;
  const line = shellLine(command, options.workDir, columns, rows);
  const rcFile = join(options.workDir, 'exit-code');
  const sttyFile = join(options.workDir, 'stty-after');
  const exitCode = async (): Promise<number> => {
    const deadline = Date.now() + 20_000;
    while (!existsSync(rcFile) || readFileSync(rcFile, 'utf8').trim() === '') {
      if (Date.now() > deadline) throw new Error('the command did not exit within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return Number(readFileSync(rcFile, 'utf8').trim());
  };
  const sttyAfter = (): string => (existsSync(sttyFile) ? readFileSync(sttyFile, 'utf8') : '');

  if (kind === 'tmux') {
    const socket = `carve-e2e-${process.pid}-${Date.now()}`;
    const tmux = (...args: string[]): string => {
      const result = spawnSync('tmux', ['-L', socket, ...args], { cwd: options.cwd, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr}`);
      return result.stdout;
    };
    tmux('new-session', '-d', '-s', 'carve', '-x', String(columns), '-y', String(rows), '-c', options.cwd, line);
    return {
      kind,
      screen: () => tmux('capture-pane', '-p', '-t', 'carve'),
      press: (key) => {
        if (key in SCRIPT_KEYS) tmux('send-keys', '-t', 'carve', key);
        else tmux('send-keys', '-t', 'carve', '-l', key);
      },
      exitCode,
      sttyAfter,
      stop: () => {
        spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
      },
    };
  }

  const child: ChildProcess = spawn('script', ['-qfec', line, '/dev/null'], { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  // ink redraws the whole frame after each key, so what was written since the last key is the screen.
  let sinceLastKey = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  return {
    kind,
    screen: () => output.slice(sinceLastKey).replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, ''),
    press: (key) => {
      sinceLastKey = output.length;
      child.stdin?.write(SCRIPT_KEYS[key] ?? key);
    },
    exitCode,
    sttyAfter,
    stop: () => {
      if (child.exitCode === null && child.pid !== undefined) child.kill('SIGKILL');
    },
  };
}

/** Waits until the screen contains `text`; fails with the screen after `timeoutMs`. */
export async function waitForText(run: PtyRun, text: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = run.screen();
    if (typeof text === 'string' ? current.includes(text) : text.test(current)) return current;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; screen:\n${current}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
