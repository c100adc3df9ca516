// `carve plan [dir]`: analyze the folder and print the ranked strangler-fig plan, verdict first, as
// text or (--json) the plan object of analysis.json.
import { analyzeProject } from '../../analysis/analyze-project.js';
import { stringifyJson } from '../../report/json.js';
import { renderPlanText } from '../../report/plan-text.js';
import { toAnalyzeOptions, type AnalysisCommandOptions } from '../analysis-options.js';
import { createProgress } from '../progress.js';

export interface PlanCommandOptions extends AnalysisCommandOptions {
  json?: boolean;
}

export async function runPlan(target: string, options: Record<string, unknown>): Promise<number> {
  const opts = options as unknown as PlanCommandOptions;
  const progress = createProgress(!opts.json);
  try {
    const { analysis } = await analyzeProject(target, { ...toAnalyzeOptions(opts), onProgress: progress.onProgress });
    progress.clear();
    process.stdout.write(opts.json ? stringifyJson(analysis.plan) : renderPlanText(analysis, target));
    return 0;
  } finally {
    progress.clear();
  }
}
