// Stage: explore, the interactive terminal report. openExploreSession() mounts one ink tree on the
// given streams (in the terminal's alternate screen, so the user's scrollback is left as it was):
// first a progress view while a folder is analysed, then the app over the Analysis. Navigation lives
// in a pure reducer (state/), screen contents in model/, and the components only draw. The session
// resolves `exited` when the user quits; close() unmounts and restores the terminal, and is what the
// CLI calls on signals too. The CLI loads this module only for an interactive run, so ink and React
// cost nothing to `carve --version` or a piped `carve explore`.
import { render, type Instance } from 'ink';
import { createElement } from 'react';
import type { ProgressEvent } from '../analysis/index.js';
import type { Analysis } from '../shared/analysis.js';
import { Root, type Phase } from './components/root.js';
import { buildExploreModel } from './model/explore-model.js';
import type { ExitReason } from './state/types.js';
import type { Theme } from './theme.js';

export { analyzeInWorker, type AnalysisJob } from './analyze-in-worker.js';
export type { ExitReason } from './state/types.js';

export interface ExploreSessionOptions {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
  theme: Theme;
  /** Draw in the alternate screen and leave it on close (default true). */
  useAlternateScreen?: boolean;
  /** Called after each frame ink writes, with how long React and layout took (for the timing script). */
  onRender?: (renderMs: number) => void;
}

export interface ExploreSession {
  /** Shows the progress of analysing `target`. */
  showProgress: (target: string, event: ProgressEvent | null) => void;
  /** Shows the analysis; the first frame is drawn before this returns. */
  showAnalysis: (analysis: Analysis) => void;
  /** Settles when the user quits (q, Ctrl-C) or close() is called. */
  exited: Promise<ExitReason>;
  /** Unmounts and restores the terminal; `reason` settles `exited` if the user had not quit. Idempotent. */
  close: (reason?: ExitReason) => void;
}

const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';

export function openExploreSession(options: ExploreSessionOptions): ExploreSession {
  const useAlternateScreen = options.useAlternateScreen ?? true;
  let settle: (reason: ExitReason) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const exited = new Promise<ExitReason>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  let instance: Instance | null = null;
  let isClosed = false;

  const close = (reason: ExitReason = 'interrupt'): void => {
    if (isClosed) return;
    isClosed = true;
    instance?.unmount();
    instance?.cleanup();
    if (useAlternateScreen) options.stdout.write(LEAVE_ALTERNATE_SCREEN);
    settle(reason);
  };
  // Defer the unmount out of the key handler that asked for it: ink is still inside its input loop.
  const onExit = (reason: ExitReason): void => {
    setImmediate(() => close(reason));
  };

  const draw = (phase: Phase): void => {
    if (isClosed) return;
    const tree = createElement(Root, { phase, theme: options.theme, onExit });
    if (instance) {
      instance.rerender(tree);
      return;
    }
    if (useAlternateScreen) options.stdout.write(ENTER_ALTERNATE_SCREEN);
    const mounted = render(tree, {
      stdout: options.stdout,
      stdin: options.stdin,
      stderr: options.stderr,
      exitOnCtrlC: false,
      patchConsole: false,
      ...(options.onRender ? { onRender: ({ renderTime }: { renderTime: number }) => options.onRender?.(renderTime) } : {}),
    });
    instance = mounted;
    // A render that throws makes ink show the error and unmount by itself: restore the terminal and
    // pass the error on, or the CLI would wait for a quit that can no longer come.
    mounted.waitUntilExit().catch((error: unknown) => {
      if (isClosed) return;
      isClosed = true;
      if (useAlternateScreen) options.stdout.write(LEAVE_ALTERNATE_SCREEN);
      fail(error);
    });
  };

  return {
    showProgress: (target, event) => draw({ kind: 'progress', target, event }),
    showAnalysis: (analysis) => draw({ kind: 'explore', model: buildExploreModel(analysis) }),
    exited,
    close,
  };
}
