// A one-line progress indicator on stderr, only when stderr is a terminal, redrawn at most every 100 ms.
import type { ProgressEvent } from '../analysis/index.js';

/** check --base: the ref's tree read from git (total 0), then its files, `reused` from the work tree. */
export interface BaseProgressEvent {
  stage: 'base';
  ref: string;
  done: number;
  total: number;
  reused: number;
}

export function createProgress(enabled: boolean): { onProgress: (event: ProgressEvent | BaseProgressEvent) => void; clear: () => void } {
  const stream = process.stderr;
  const isActive = enabled && stream.isTTY === true;
  let lastDraw = 0;
  let drawn = false;
  const draw = (text: string): void => {
    stream.write(`\r\u001b[2K${text}`);
    drawn = true;
  };
  return {
    onProgress: (event) => {
      if (!isActive) return;
      if (event.stage === 'read' || (event.stage === 'base' && event.total > 0)) {
        const now = Date.now();
        if (now - lastDraw < 100 && event.done !== event.total) return;
        lastDraw = now;
        draw(progressText(event));
      } else if (event.stage === 'base') {
        draw(progressText(event));
      } else if (event.stage !== 'done') {
        draw(`carve: ${event.stage}...`);
      }
    },
    clear: () => {
      if (drawn) stream.write('\r\u001b[2K');
      drawn = false;
    },
  };
}

/** The line shown for a read: the work tree's files, or the base's with how many were reused. */
export function progressText(event: ProgressEvent | BaseProgressEvent): string {
  if (event.stage === 'read') return `carve: reading files ${event.done}/${event.total}`;
  if (event.stage === 'base') {
    return event.total === 0 ? `carve: reading base ${event.ref} from git...` : `carve: reading base ${event.ref}: ${event.done}/${event.total} files, ${event.reused} reused`;
  }
  return `carve: ${event.stage}...`;
}
