// Worker entry: runs the (synchronous) analysis off the main thread, so explore's progress view keeps
// drawing and Ctrl-C is answered at once. Posts progress at most every 50 ms, then the Analysis or
// the error, as plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { analyze, type AnalyzeOptions, type ProgressEvent } from '../analysis/index.js';
import { isCarveError } from '../shared/errors.js';

export interface AnalysisWorkerInput {
  dir: string;
  options: Omit<AnalyzeOptions, 'onProgress'>;
}

export type AnalysisWorkerMessage =
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'done'; analysis: ReturnType<typeof analyze>['analysis'] }
  | { type: 'error'; isCarveError: boolean; code: string; message: string; hint: string | undefined; stack: string | undefined };

const PROGRESS_INTERVAL_MS = 50;

function run(port: NonNullable<typeof parentPort>, input: AnalysisWorkerInput): void {
  const post = (message: AnalysisWorkerMessage): void => port.postMessage(message);
  let lastPost = 0;
  try {
    const { analysis } = analyze(input.dir, {
      ...input.options,
      onProgress: (event) => {
        const now = Date.now();
        if (event.stage === 'read' && event.done !== event.total && now - lastPost < PROGRESS_INTERVAL_MS) return;
        lastPost = now;
        post({ type: 'progress', event });
      },
    });
    post({ type: 'done', analysis });
  } catch (error) {
    const isCarve = isCarveError(error);
    post({
      type: 'error',
      isCarveError: isCarve,
      code: isCarve ? error.code : 'internal',
      message: error instanceof Error ? error.message : String(error),
      hint: isCarve ? error.hint : undefined,
      stack: error instanceof Error ? error.stack : undefined,
    });
  }
}

if (parentPort) run(parentPort, workerData as AnalysisWorkerInput);
