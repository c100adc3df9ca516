// A terminal double for the session tests: a TTY-like stdout that records every write (so tests see
// the escape sequences the session sends, such as the alternate screen), and a stdin ink can put in
// raw mode and read keys from.
import { EventEmitter } from 'node:events';

export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  columns: number;
  rows: number;
  readonly writes: string[] = [];

  constructor(columns = 100, rows = 24) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  write = (chunk: string): boolean => {
    this.writes.push(String(chunk));
    this.emit('write');
    return true;
  };

  get output(): string {
    return this.writes.join('');
  }
}

export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  isRaw = false;
  private pending: string[] = [];

  write(data: string): void {
    this.pending.push(data);
    this.emit('readable');
  }

  read = (): string | null => this.pending.shift() ?? null;
  setRawMode = (isRaw: boolean): void => {
    this.isRaw = isRaw;
  };
  setEncoding(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** The streams as the session's options want them. */
export function fakeTerminal(columns = 100, rows = 24): { stdout: FakeStdout; stdin: FakeStdin; stderr: FakeStdout; streams: { stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream; stderr: NodeJS.WriteStream } } {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const stderr = new FakeStdout(columns, rows);
  return {
    stdout,
    stdin,
    stderr,
    streams: { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, stderr: stderr as unknown as NodeJS.WriteStream },
  };
}

/**
 * Resolves when `isReady()` holds, checking after each write and each turn of the event loop. The
 * bound catches a hang (with the screen in the error), not slowness: generous for a busy machine.
 */
export async function waitUntil(isReady: () => boolean, describe: () => string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!isReady()) {
    if (Date.now() > deadline) throw new Error(`timed out; ${describe()}`);
    await new Promise((resolve) => setImmediate(() => setTimeout(resolve, 0)));
  }
}
