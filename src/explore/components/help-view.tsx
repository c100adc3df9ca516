// The key list behind `?`, cut to the lines that fit.
import { Box, Text } from 'ink';
import { KEY_HELP } from '../keymap.js';
import { METRIC_HELP } from '../model/glossary.js';
import { fitText, pad } from '../layout/columns.js';

export interface HelpViewProperties {
  readonly pageSize: number;
  readonly width: number;
}

export function HelpView({ pageSize, width }: HelpViewProperties) {
  const keysWidth = Math.max(...KEY_HELP.map((entry) => entry.keys.length));
  const termWidth = Math.max(...METRIC_HELP.map((entry) => entry.term.length));
  const lines = [
    'Keys',
    ...KEY_HELP.map((entry) => `  ${pad(entry.keys, keysWidth, 'left')}  ${entry.does}`),
    '',
    'What the columns mean',
    ...METRIC_HELP.map((entry) => `  ${pad(entry.term, termWidth, 'left')}  ${entry.means}`),
    '',
    'Rows marked [shared] are tables more than one context touches; red rows are the most coupled.',
  ];
  return (
    <Box flexDirection="column" width={width}>
      {lines.slice(0, pageSize + 1).map((line, i) => (
        <Text key={i} bold={i === 0 || line === 'What the columns mean'} wrap="truncate-end">
          {fitText(`  ${line}`, width)}
        </Text>
      ))}
    </Box>
  );
}
