// `carve analyze [dir]`: run the pipeline, write the reports to --out, print the summary (or the JSON).
import { resolve } from 'node:path';
import { analyzeProject } from '../../analysis/analyze-project.js';
import { renderReports, renderSummary } from '../../report/index.js';
import { toAnalyzeOptions, type AnalysisCommandOptions } from '../analysis-options.js';
import { checkOutDir, writeReports } from '../output.js';
import { refuseNonRegularTarget, writeFileAtomic } from '../../shared/atomic-write.js';
import { createProgress } from '../progress.js';
import { withSignalsDeferred } from '../signals.js';

export interface AnalyzeCommandOptions extends AnalysisCommandOptions {
  out: string;
  compare?: string;
  json?: boolean;
  quiet?: boolean;
  timings?: string;
}

export async function runAnalyze(dir: string, options: Record<string, unknown>): Promise<number> {
  const opts = options as unknown as AnalyzeCommandOptions;
  const progress = createProgress(!opts.quiet && !opts.json);
  try {
    const out = resolve(opts.out);
    checkOutDir(out);
    if (opts.timings) refuseNonRegularTarget(resolve(opts.timings));
    const started = performance.now();
    const { analysis, cacheStats, timings, resultFromCache } = await analyzeProject(dir, { ...toAnalyzeOptions(opts), outDir: out, onProgress: progress.onProgress });
    progress.clear();
    const reports = renderReports(analysis);
    const written = await withSignalsDeferred(() => {
      const paths = writeReports(out, reports);
      if (opts.timings) writeFileAtomic(resolve(opts.timings), `${JSON.stringify({ ...timings, total: Math.round(performance.now() - started) })}\n`);
      return paths;
    });
    if (opts.json) {
      process.stdout.write(reports.find((report) => report.path === 'analysis.json')!.content);
    } else if (!opts.quiet) {
      process.stdout.write(renderSummary(analysis, { target: dir, elapsedMs: performance.now() - started, writtenFiles: written, cacheStats, resultFromCache }));
    }
    return 0;
  } finally {
    progress.clear();
  }
}
