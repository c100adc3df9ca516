// Shown while a folder is analysed (in a worker, so this keeps drawing): the stage and, while files
// are read, a bar. q or Ctrl-C stop the analysis.
import { Box, Text, useInput } from 'ink';
import type { ProgressEvent } from '../../analysis/index.js';
import { fitText } from '../layout/columns.js';
import type { ExitReason } from '../state/types.js';
import { accentStyle, type Theme } from '../theme.js';

export interface ProgressViewProperties {
  readonly target: string;
  readonly event: ProgressEvent | null;
  readonly width: number;
  readonly theme: Theme;
  readonly onExit: (reason: ExitReason) => void;
}

const STAGE_TEXT: Record<ProgressEvent['stage'], string> = {
  layout: 'reading the project layout',
  read: 'reading files',
  history: 'reading git history',
  contexts: 'finding contexts',
  plan: 'planning the extraction',
  done: 'opening the report',
};

export function progressText(event: ProgressEvent | null, width: number): string {
  if (!event) return 'starting';
  if (event.stage !== 'read') return STAGE_TEXT[event.stage] ?? event.stage;
  const share = event.total === 0 ? 1 : event.done / event.total;
  const barWidth = Math.max(0, Math.min(30, width - 40));
  const filled = Math.round(share * barWidth);
  const bar = barWidth > 0 ? ` [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]` : '';
  return `${STAGE_TEXT.read} ${event.done}/${event.total}${bar}`;
}

export function ProgressView({ target, event, width, theme, onExit }: ProgressViewProperties) {
  useInput((input, key) => {
    if (key.ctrl && input === 'c') onExit('interrupt');
    else if (input === 'q') onExit('quit');
  });
  return (
    <Box flexDirection="column" width={width}>
      <Text {...accentStyle(theme)} wrap="truncate-end">
        {fitText(`carve explore: analyzing ${target}`, width, true)}
      </Text>
      <Text wrap="truncate-end">{fitText(`  ${progressText(event, width)}`, width)}</Text>
      <Text dimColor wrap="truncate-end">
        {fitText('  q or Ctrl-C stops', width)}
      </Text>
    </Box>
  );
}
