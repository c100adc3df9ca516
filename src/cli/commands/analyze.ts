// `carve analyze [dir]`: run the pipeline, write the reports to --out, print the summary (or the JSON).
import { resolve } from 'node:path';
import { analyze } from '../../analysis/index.js';
import { renderReports, renderSummary } from '../../report/index.js';
import { checkOutDir, writeReports } from '../output.js';
import { createProgress } from '../progress.js';
import { reportError } from '../report-error.js';

export interface AnalyzeCommandOptions {
  tsconfig?: string;
  out: string;
  include?: string[];
  exclude?: string[];
  includeTests?: boolean;
  maxFileSize?: number;
  maxFiles?: number;
  json?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

export async function runAnalyze(dir: string, options: Record<string, unknown>): Promise<number> {
  const opts = options as unknown as AnalyzeCommandOptions;
  const progress = createProgress(!opts.quiet && !opts.json);
  try {
    const out = resolve(opts.out);
    checkOutDir(out);
    const started = performance.now();
    const { analysis } = analyze(dir, {
      ...(opts.tsconfig ? { tsconfig: opts.tsconfig } : {}),
      ...(opts.include ? { include: opts.include } : {}),
      ...(opts.exclude ? { exclude: opts.exclude } : {}),
      ...(opts.includeTests ? { includeTests: true } : {}),
      ...(opts.maxFileSize ? { maxFileBytes: opts.maxFileSize } : {}),
      ...(opts.maxFiles ? { maxFiles: opts.maxFiles } : {}),
      onProgress: progress.onProgress,
    });
    progress.clear();
    const reports = renderReports(analysis);
    const written = writeReports(out, reports);
    if (opts.json) {
      process.stdout.write(reports.find((report) => report.path === 'analysis.json')!.content);
    } else if (!opts.quiet) {
      process.stdout.write(renderSummary(analysis, { target: dir, elapsedMs: performance.now() - started, writtenFiles: written }));
    }
    return 0;
  } catch (error) {
    progress.clear();
    return reportError(error, opts.debug === true);
  }
}
