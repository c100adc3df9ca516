// One screen's list: the column header (or the screen's subtitle), then only the rows that fit,
// from the scroll offset. Windowing keeps a redraw cheap whatever the list's length.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { fitColumns, fitText, formatCells } from '../layout/columns.js';
import type { Row, ScreenContent } from '../model/screen.js';
import type { VisibleRows } from '../state/visible-rows.js';
import { SELECTED_STYLE, toneStyle, type Theme } from '../theme.js';

/** "> " before the selected row, two spaces before the others. */
export const MARKER_WIDTH = 2;

export interface ListViewProperties {
  readonly content: ScreenContent;
  readonly visible: VisibleRows;
  readonly cursor: number;
  readonly offset: number;
  readonly pageSize: number;
  readonly width: number;
  readonly filter: string;
  readonly theme: Theme;
}

function RowLine({ row, line, isSelected, theme }: { readonly row: Row; readonly line: string; readonly isSelected: boolean; readonly theme: Theme }) {
  if (row.kind === 'section') return <Text bold wrap="truncate-end">{`  ${line}`}</Text>;
  if (row.kind === 'note') return <Text dimColor wrap="truncate-end">{`    ${row.cells[0] ?? ''}`}</Text>;
  const style = isSelected ? { ...toneStyle(theme, row.tone), ...SELECTED_STYLE } : toneStyle(theme, row.tone);
  return (
    <Text wrap="truncate-end">
      {isSelected ? '> ' : '  '}
      <Text {...style}>{line}</Text>
    </Text>
  );
}

export function ListView({ content, visible, cursor, offset, pageSize, width, filter, theme }: ListViewProperties) {
  const fitted = useMemo(() => fitColumns(content.columns, content.rows, Math.max(1, width - MARKER_WIDTH)), [content, width]);
  const hasTitles = content.columns.some((column) => column.title !== '');
  const header = hasTitles ? `  ${formatCells(content.columns.map((column) => column.title), fitted)}` : `  ${content.subtitle}`;
  const windowRows = visible.rows.slice(offset, offset + pageSize);
  let body;
  if (visible.rows.length === 0) {
    const message = filter !== '' ? `Nothing matches "${filter}". Esc clears the filter.` : content.emptyText;
    body = <Text wrap="wrap">{`  ${message}`}</Text>;
  } else {
    body = windowRows.map((row, i) => (
      <RowLine key={row.id} row={row} line={formatCells(row.cells, fitted)} isSelected={offset + i === cursor} theme={theme} />
    ));
  }
  return (
    <Box flexDirection="column" width={width}>
      <Text dimColor={!hasTitles} bold={hasTitles} wrap="truncate-end">
        {fitText(header, width)}
      </Text>
      {body}
    </Box>
  );
}
