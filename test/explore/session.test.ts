// The session the CLI drives: one ink tree on real-looking streams, the alternate screen entered and
// left, raw mode released, progress then the app, and `exited` settled by q, Ctrl-C or close().
import { afterEach, describe, expect, it, vi } from 'vitest';

// Ink decides once, when first imported, whether it runs in CI, and then draws only the final frame.
// These tests watch the frames, so they run as on a person's terminal even when CI=true is set.
vi.hoisted(() => {
  process.env.CI = 'false';
  process.env.CONTINUOUS_INTEGRATION = 'false';
});
import { openExploreSession, type ExploreSession } from '../../src/explore/index.js';
import { shopAnalysis } from './analysis-fixture.js';
import { fakeTerminal, waitUntil } from './fake-terminal.js';

const ENTER_ALT = '\u001b[?1049h';
const LEAVE_ALT = '\u001b[?1049l';
const open: ExploreSession[] = [];

afterEach(() => {
  for (const session of open.splice(0)) session.close();
});

function start(options: { useAlternateScreen?: boolean } = {}) {
  const terminal = fakeTerminal();
  const session = openExploreSession({ ...terminal.streams, theme: { isColor: false }, ...options });
  open.push(session);
  return { terminal, session };
}

describe('an explore session', () => {
  it('draws progress, then the analysis, in the alternate screen, and leaves it on q', async () => {
    const { terminal, session } = start();
    session.showProgress('shop', { stage: 'read', done: 3, total: 9 });
    await waitUntil(() => terminal.stdout.output.includes('reading files 3/9'), () => terminal.stdout.output);
    expect(terminal.stdout.writes[0]).toBe(ENTER_ALT);
    session.showAnalysis(shopAnalysis());
    await waitUntil(() => terminal.stdout.output.includes('payments'), () => terminal.stdout.output);
    expect(terminal.stdin.isRaw).toBe(true);
    terminal.stdin.write('q');
    expect(await session.exited).toBe('quit');
    expect(terminal.stdout.output.endsWith(LEAVE_ALT)).toBe(true);
    expect(terminal.stdin.isRaw).toBe(false);
  });

  it('settles with interrupt on Ctrl-C, during progress too', async () => {
    const { terminal, session } = start();
    session.showProgress('shop', null);
    await waitUntil(() => terminal.stdout.output.includes('starting'), () => terminal.stdout.output);
    terminal.stdin.write('\u0003');
    expect(await session.exited).toBe('interrupt');
    expect(terminal.stdout.output.endsWith(LEAVE_ALT)).toBe(true);
  });

  it('closes once, whoever asks, and draws nothing after', async () => {
    const { terminal, session } = start({ useAlternateScreen: false });
    session.showAnalysis(shopAnalysis());
    await waitUntil(() => terminal.stdout.output.includes('catalog'), () => terminal.stdout.output);
    session.close('interrupt');
    session.close('quit');
    expect(await session.exited).toBe('interrupt');
    const written = terminal.stdout.writes.length;
    session.showProgress('again', null);
    expect(terminal.stdout.writes.length).toBe(written);
    expect(terminal.stdout.output).not.toContain(ENTER_ALT);
  });

  it('restores the terminal and rejects when a render throws', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { terminal, session } = start();
      const analysis = shopAnalysis();
      Object.defineProperty(analysis, 'summary', {
        get: () => {
          throw new Error('boom in render');
        },
      });
      session.showAnalysis(analysis);
      await expect(session.exited).rejects.toThrow('boom in render');
      expect(terminal.stdout.output.lastIndexOf(LEAVE_ALT)).toBeGreaterThan(terminal.stdout.output.lastIndexOf(ENTER_ALT));
      expect(terminal.stdin.isRaw).toBe(false);
    } finally {
      quiet.mockRestore();
    }
  });
});
