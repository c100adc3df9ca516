// stdout and stderr may fail under Carve: a reader that stopped (`carve check --format json | head -c
// 100`: EPIPE) or a full disk (`> /dev/full`: ENOSPC). Node throws such a stream's 'error' event as an
// uncaught exception: a stack trace and exit 1, which `check` uses for "violations". Here:
// - EPIPE (the reader is gone, as intended by `head`): nothing more is written, nothing is said, and the
//   run ends with the exit code its command gives (check stays a gate: 1 still means violations).
// - any other failure of stdout: one line on stderr, and the run ends with exit 2, whatever else.
// - a failure of stderr itself: nothing can be said; it is ignored (a failed stdout still gives 2).
const EXIT_OUTPUT_FAILED = 2;

let stdoutFailure: string | null = null;
let isGuarded = false;

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}

function onStdoutError(error: unknown): void {
  // Only the first failure counts: writes after it fail again with ERR_STREAM_DESTROYED.
  if (stdoutFailure !== null) return;
  const code = describe(error);
  stdoutFailure = code;
  if (code === 'EPIPE') return;
  process.stderr.write(`carve: error: cannot write to standard output: ${code}\n`);
  // The failure may be reported after the command's code was set (writes are flushed later).
  process.exitCode = EXIT_OUTPUT_FAILED;
}

/** Installs the handlers once, before any command writes. */
export function guardStandardStreams(): void {
  if (isGuarded) return;
  isGuarded = true;
  process.stdout.on('error', onStdoutError);
  process.stderr.on('error', () => undefined);
}

/** The exit code of a run whose command returned `code`: 2 when stdout failed other than by EPIPE. */
export function exitCodeAfterOutput(code: number): number {
  return stdoutFailure !== null && stdoutFailure !== 'EPIPE' ? EXIT_OUTPUT_FAILED : code;
}
