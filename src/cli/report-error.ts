// One line on stderr for any failure, `carve: error: ...`, with a hint; the stack only with --debug.
import { isCarveError } from '../shared/errors.js';
import { safeText } from '../shared/safe-text.js';
import { describeSystemError, isSystemError } from '../shared/system-error.js';

export function reportError(error: unknown, debug: boolean): number {
  if (isCarveError(error)) {
    const hint = error.hint ? ` (hint: ${error.hint})` : '';
    process.stderr.write(`carve: error: ${safeText(error.message)}${hint}\n`);
  } else if (isSystemError(error)) {
    // The environment's failure (a full disk, a read-only mount, no permission), not Carve's.
    const where = error.path ? ` ${error.path}` : '';
    process.stderr.write(`carve: error: cannot ${error.syscall}${safeText(where)}: ${describeSystemError(error)} (hint: check the free space and the permissions there)\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`carve: error: internal error: ${safeText(message)} (hint: run again with --debug and report it)\n`);
  }
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 2;
}
