// Runs analyze() in a worker thread (see analysis-worker.ts) and hands back the Analysis; cancel()
// stops it at once, which an in-thread synchronous run could not.
import { Worker } from 'node:worker_threads';
import type { AnalyzeOptions, ProgressEvent } from '../analysis/index.js';
import type { Analysis } from '../shared/analysis.js';
import { CarveError } from '../shared/errors.js';
import type { AnalysisWorkerInput, AnalysisWorkerMessage } from './analysis-worker.js';

export interface AnalysisJob {
  result: Promise<Analysis>;
  cancel: () => void;
}

export function analyzeInWorker(dir: string, options: AnalyzeOptions, onProgress: (event: ProgressEvent) => void): AnalysisJob {
  const { onProgress: _callback, ...plainOptions } = options;
  const input: AnalysisWorkerInput = { dir, options: plainOptions };
  const worker = new Worker(new URL('./analysis-worker.js', import.meta.url), { workerData: input });
  let isSettled = false;
  const result = new Promise<Analysis>((resolve, reject) => {
    worker.on('message', (message: AnalysisWorkerMessage) => {
      if (message.type === 'progress') {
        onProgress(message.event);
        return;
      }
      isSettled = true;
      void worker.terminate();
      if (message.type === 'done') {
        resolve(message.analysis);
      } else if (message.isCarveError) {
        reject(new CarveError(message.code, message.message, message.hint));
      } else {
        const error = new Error(message.message);
        if (message.stack) error.stack = message.stack;
        reject(error);
      }
    });
    worker.on('error', (error) => {
      isSettled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!isSettled) reject(new Error(`the analysis worker stopped with code ${code}`));
    });
  });
  return {
    result,
    cancel: () => {
      isSettled = true;
      void worker.terminate();
    },
  };
}
