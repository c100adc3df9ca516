// Drives an ink-testing-library render the way cli-kit's tests do: write a key's escape sequence into
// the fake stdin, then wait until the frame changes (or shows some text), yielding to the event loop
// between looks so React flushes. No fixed sleeps: a wait ends as soon as the screen is there.
import type { render } from 'ink-testing-library';

export type Rendered = ReturnType<typeof render>;

export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  shiftTab: '\u001b[Z',
  /** What the Backspace key sends on most terminals (DEL). */
  backspace: '\u007f',
  ctrlC: '\u0003',
} as const;

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** The last frame without ANSI styling (selection, colours), as a person would read it. */
export function screen(app: Rendered): string {
  return (app.lastFrame() ?? '').replace(ANSI, '');
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(() => setTimeout(resolve, 0)));

/** Waits until `isReady(screen)` holds; fails with the last screen after `timeoutMs`, a bound on a hang, not on speed. */
export async function waitForScreen(app: Rendered, isReady: (text: string) => boolean, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen(app);
    if (isReady(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for the screen; last screen:\n${text}`);
    await nextTurn();
  }
}

/** Writes keys and waits for the screen to change. */
export async function press(app: Rendered, keys: string): Promise<string> {
  const before = screen(app);
  app.stdin.write(keys);
  return waitForScreen(app, (text) => text !== before);
}

/** Writes keys and waits until the screen contains `text`. */
export async function pressUntil(app: Rendered, keys: string, text: string): Promise<string> {
  app.stdin.write(keys);
  return waitForScreen(app, (current) => current.includes(text));
}

/** Types text one character at a time, as a person would, waiting for each to show. */
export async function typeText(app: Rendered, text: string): Promise<string> {
  let last = screen(app);
  for (const char of text) last = await press(app, char);
  return last;
}

/** The line of the screen the cursor is on (the one starting with "> "). */
export function selectedLine(text: string): string | undefined {
  return text.split('\n').find((line) => line.startsWith('> '));
}
