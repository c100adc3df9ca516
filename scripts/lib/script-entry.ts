// The entry of a script under scripts/: run only when node was started with this file (tests import
// the same modules), and a failure is one line on stderr with exit code 2, not a stack trace.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export function isMainScript(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && moduleUrl === pathToFileURL(resolve(entry)).href;
}

/** `main` returns the exit code (or nothing for 0). */
export function runScript(moduleUrl: string, name: string, main: (args: string[]) => void | number | Promise<void | number>): void {
  if (!isMainScript(moduleUrl)) return;
  const fail = (error: unknown): void => {
    process.stderr.write(`${name}: error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  };
  try {
    Promise.resolve(main(process.argv.slice(2))).then((code) => {
      if (typeof code === 'number') process.exitCode = code;
    }, fail);
  } catch (error) {
    fail(error);
  }
}
