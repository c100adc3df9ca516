// Writing reports into --out: refuse a path that is a file, write each report atomically.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { CarveError } from '../shared/errors.js';
import { describeSystemError, isSystemError } from '../shared/system-error.js';
import { refuseNonRegularTarget, writeFileAtomic } from '../shared/atomic-write.js';
import type { ReportFile } from '../report/index.js';

/**
 * Refuses, before any work, an --out the reports cannot go to: a file, a path under a file, or a folder
 * that cannot be written (read-only mount, no permission). A full disk can only show when writing.
 */
export function checkOutDir(out: string): void {
  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw new CarveError('out-is-file', `--out ${out} is a file, not a folder`, 'give a folder for the reports');
  }
  // The folder the reports (or the folders made for them) are created in: --out or its nearest existing parent.
  let existing = out;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) {
    throw new CarveError('out-is-file', `--out ${out}: ${existing} is not a folder`, 'give a folder for the reports');
  }
  try {
    accessSync(existing, constants.W_OK);
  } catch (error) {
    if (!isSystemError(error)) throw error;
    throw new CarveError('out-not-writable', `--out ${out}: cannot write in ${existing}: ${describeSystemError(error)}`, 'give a folder you can write to');
  }
}

/** Writes the reports and returns their paths as given to the user (relative to the working directory). */
export function writeReports(out: string, files: ReportFile[]): string[] {
  checkOutDir(out);
  // Every target judged before the first write: a refused one leaves no half-replaced set behind.
  for (const file of files) refuseNonRegularTarget(join(out, file.path));
  const written: string[] = [];
  for (const file of files) {
    const target = join(out, file.path);
    writeFileAtomic(target, file.content);
    written.push(relative(process.cwd(), target) || target);
  }
  return written;
}
