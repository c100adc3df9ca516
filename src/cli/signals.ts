// Ctrl-C while files are being written must not leave a temp file or a partial set behind. Node
// kills the process at once on SIGINT when nothing listens, even inside a synchronous write. While
// `run` writes, a listener is installed so the signal only gets noted: Node delivers it from the event
// loop, which is let run before the listeners go; then it is re-raised with its
// default action (exit by that signal). The analysis before stays interruptible at once: it writes
// nothing but the cache, which is written atomically and rebuilt when unreadable.
//
// Cleanup actions (the temporary copy of a --base ref) are registered here too: while one is
// registered, a signal runs every action once, then ends the process by that signal; a signal that
// arrives during deferred writes waits for them, then does the same. Process exit runs them as well.
// A signal is handled from the event loop, so during a long synchronous step (the analysis of the
// base) it waits for that step to end: the price of removing the copy instead of leaving it.
const DEFERRED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const cleanupActions = new Set<() => void>();
let deferring = 0;
let deferredSignal: NodeJS.Signals | null = null;
let isListening = false;

/** Runs every registered cleanup action once (each is forgotten before it runs); never throws. */
function runCleanups(): void {
  for (const action of [...cleanupActions]) {
    cleanupActions.delete(action);
    try {
      action();
    } catch {
      // A cleanup that fails (the folder already gone) must not stop the others.
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  if (deferring > 0) {
    deferredSignal ??= signal;
    return;
  }
  endBySignal(signal);
}

/** Cleans up, then re-raises `signal` with no listener left: its default action ends the process. */
function endBySignal(signal: NodeJS.Signals): void {
  runCleanups();
  cleanupActions.clear();
  deferring = 0;
  setListening(false);
  process.kill(process.pid, signal);
}

/** Listeners exist only while something needs them: without one, a signal ends the process at once. */
function setListening(wanted: boolean): void {
  if (wanted === isListening) return;
  isListening = wanted;
  for (const signal of DEFERRED_SIGNALS) {
    if (wanted) process.on(signal, onSignal);
    else process.off(signal, onSignal);
  }
  if (wanted) process.on('exit', runCleanups);
  else process.off('exit', runCleanups);
}

function updateListening(): void {
  setListening(deferring > 0 || cleanupActions.size > 0);
}

/**
 * Registers `action` to run if the process ends (signal or exit) before the returned function is
 * called; that function forgets it again. Actions must be synchronous and quick (rmSync).
 */
export function registerCleanup(action: () => void): () => void {
  cleanupActions.add(action);
  updateListening();
  return () => {
    cleanupActions.delete(action);
    updateListening();
  };
}

export async function withSignalsDeferred<T>(run: () => T): Promise<T> {
  deferring += 1;
  updateListening();
  try {
    return run();
  } finally {
    // A signal that arrived during the synchronous writes is dispatched from the event loop's poll
    // phase, which one setImmediate turn does not always reach first: give it a few milliseconds.
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    await new Promise<void>((resolve) => setImmediate(resolve));
    deferring = Math.max(0, deferring - 1);
    const received = deferring === 0 ? deferredSignal : null;
    if (received) {
      deferredSignal = null;
      endBySignal(received);
    }
    updateListening();
  }
}
