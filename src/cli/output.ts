// Writing reports into --out: refuse a path that is a file, write each report atomically.
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CarveError } from '../shared/errors.js';
import { refuseNonRegularTarget, writeFileAtomic } from '../shared/atomic-write.js';
import type { ReportFile } from '../report/index.js';

export function checkOutDir(out: string): void {
  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw new CarveError('out-is-file', `--out ${out} is a file, not a folder`, 'give a folder for the reports');
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
