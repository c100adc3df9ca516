// A one-line progress indicator on stderr, only when stderr is a terminal, redrawn at most every 100 ms.
import type { ProgressEvent } from '../analysis/index.js';

export function createProgress(enabled: boolean): { onProgress: (event: ProgressEvent) => void; clear: () => void } {
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
      if (event.stage === 'read') {
        const now = Date.now();
        if (now - lastDraw < 100 && event.done !== event.total) return;
        lastDraw = now;
        draw(`carve: reading files ${event.done}/${event.total}`);
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
