// One screen's list: the column header (or the screen's subtitle), then only the rows that fit,
// from the scroll offset. Windowing keeps a redraw cheap whatever the list's length.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { fitColumns, fitText, formatCells, formatSection, type FittedColumn } from '../layout/columns.js';
import type { Row, ScreenContent } from '../model/screen.js';
import type { VisibleRows } from '../state/visible-rows.js';
import { fitWindow, wrapText } from '../layout/window.js';
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

function RowLine({ row, lines, isSelected, theme }: { readonly row: Row; readonly lines: string[]; readonly isSelected: boolean; readonly theme: Theme }) {
  if (row.kind === 'section') return <Text bold wrap="truncate-end">{`  ${lines[0] ?? ''}`}</Text>;
  if (row.kind === 'note') return <Text dimColor wrap="truncate-end">{`    ${lines[0] ?? ''}`}</Text>;
  const style = isSelected ? { ...toneStyle(theme, row.tone), ...SELECTED_STYLE } : toneStyle(theme, row.tone);
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {isSelected && i === 0 ? '> ' : '  '}
          <Text {...style}>{line}</Text>
        </Text>
      ))}
    </Box>
  );
}

function lineOf(row: Row, fitted: FittedColumn[], width: number): string {
  if (row.isSpanning) return fitText(row.cells[0] ?? '', row.kind === 'note' ? width - 2 : width);
  return row.kind === 'section' ? formatSection(row.cells, fitted, width) : formatCells(row.cells, fitted);
}

export function ListView({ content, visible, cursor, offset, pageSize, width, filter, theme }: ListViewProperties) {
  const fitted = useMemo(() => fitColumns(content.columns, content.rows, Math.max(1, width - MARKER_WIDTH)), [content, width]);
  const hasTitles = content.columns.some((column) => column.title !== '');
  const header = hasTitles ? `  ${formatCells(content.columns.map((column) => column.title), fitted)}` : `  ${content.subtitle}`;
  const cellsWidth = Math.max(1, width - MARKER_WIDTH);
  // The selected sentence is drawn whole when the width cuts it; every other row is one line.
  const selected = visible.rows[cursor];
  const selectedLines = selected?.isSpanning && selected.kind === 'item' ? wrapText(selected.cells[0] ?? '', cellsWidth) : null;
  const linesOf = (index: number): number => (index === cursor && selectedLines ? selectedLines.length : 1);
  let body;
  if (visible.rows.length === 0) {
    const message = filter !== '' ? `Nothing matches "${filter}". Esc clears the filter.` : content.emptyText;
    body = <Text wrap="wrap">{`  ${message}`}</Text>;
  } else {
    body = fitWindow(visible.rows.length, offset, cursor, pageSize, linesOf).map(({ index, lines: count }) => {
      const row = visible.rows[index] as Row;
      const lines = index === cursor && selectedLines ? selectedLines.slice(0, count) : [lineOf(row, fitted, cellsWidth)];
      return <RowLine key={row.id} row={row} lines={lines} isSelected={index === cursor} theme={theme} />;
    });
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
