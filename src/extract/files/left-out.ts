// Counting the files Carve passes over, by reason, so that nothing vanishes silently: the layout
// counts what it filters (tests by name, build output, ...), the facts stage what it cannot read
// (too large, binary, ...) and the tests it recognises by their imports.
import type { LeftOutCounts, LeftOutReason } from '../../shared/analysis.js';
import { compareStrings } from '../../shared/sort.js';

export type { LeftOutCounts, LeftOutReason } from '../../shared/analysis.js';

export class LeftOutCounter {
  private readonly byReason = new Map<LeftOutReason, number>();

  add(reason: LeftOutReason, count = 1): void {
    if (count > 0) this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + count);
  }

  addAll(counts: LeftOutCounts): void {
    for (const [reason, count] of Object.entries(counts) as [LeftOutReason, number][]) this.add(reason, count);
  }

  /** Only reasons with files, keys in a fixed order (same input, same bytes). */
  counts(): LeftOutCounts {
    const counts: LeftOutCounts = {};
    for (const reason of [...this.byReason.keys()].sort(compareStrings)) counts[reason] = this.byReason.get(reason)!;
    return counts;
  }
}

/** A file the facts stage could not read, by its diagnostic code; null for a code that is no such reason. */
export function leftOutReasonOfCode(code: string): LeftOutReason | null {
  switch (code) {
    case 'file-too-large':
      return 'tooLarge';
    case 'binary-file':
      return 'binary';
    case 'not-utf8':
      return 'notUtf8';
    case 'special-file':
      return 'specialFiles';
    case 'link-outside-root':
      return 'linksOutside';
    case 'unreadable':
      return 'unreadable';
    case 'nesting-too-deep':
    case 'parse-error':
      return 'unparsable';
    default:
      return null;
  }
}
