// Ctrl-C while files are being written must not leave a temp file or a partial set behind. Node
// kills the process at once on SIGINT when nothing listens, even inside a synchronous write. While
// `run` writes, a listener is installed so the signal only gets noted: Node delivers it from the event
// loop, which is let run before the listeners go; then it is re-raised with its
// default action (exit by that signal). The analysis before stays interruptible at once: it writes
// nothing but the cache, which is written atomically and rebuilt when unreadable.
const DEFERRED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export async function withSignalsDeferred<T>(run: () => T): Promise<T> {
  let received: NodeJS.Signals | null = null;
  const note = (signal: NodeJS.Signals): void => {
    received ??= signal;
  };
  for (const signal of DEFERRED_SIGNALS) process.on(signal, note);
  try {
    return run();
  } finally {
    // A signal that arrived during the synchronous writes is dispatched from the event loop's poll
    // phase, which one setImmediate turn does not always reach first: give it a few milliseconds.
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const signal of DEFERRED_SIGNALS) process.off(signal, note);
    if (received) process.kill(process.pid, received);
  }
}
