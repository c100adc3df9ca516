// The lines around the list: the view tabs, the breadcrumb title, and the status line with the keys
// that work right now (or the filter being typed).
import { Box, Text } from 'ink';
import { fitText, textWidth } from '../layout/columns.js';
import { VIEWS, type InputMode, type ViewId } from '../state/types.js';
import { accentStyle, type Theme } from '../theme.js';

export interface TabBarProperties {
  readonly view: ViewId;
  readonly info: string;
  readonly width: number;
  readonly theme: Theme;
}

export function TabBar({ view, info, width, theme }: TabBarProperties) {
  const tabs = VIEWS.map((id, i) => ({ id, label: ` ${i + 1} ${id} ` }));
  const used = tabs.reduce((sum, tab) => sum + textWidth(tab.label) + 1, 0);
  const room = width - used - 1;
  return (
    <Box width={width}>
      {tabs.map((tab) => (
        <Text key={tab.id} wrap="truncate-end" {...(tab.id === view ? { ...accentStyle(theme), inverse: true } : { dimColor: true })}>
          {tab.label}
        </Text>
      ))}
      {room > 4 ? <Text dimColor wrap="truncate-end">{` ${fitText(info, room)}`}</Text> : null}
    </Box>
  );
}

export interface StatusLineProperties {
  readonly mode: InputMode;
  readonly filter: string;
  /** 1-based position of the cursor among the selectable rows, 0 when there is none. */
  readonly position: number;
  readonly total: number;
  readonly width: number;
  readonly theme: Theme;
}

const BROWSE_KEYS = 'Enter open · Esc back · Tab view · / filter · ? help · q quit';
const FILTER_KEYS = 'Enter keep · Esc clear';
const HELP_KEYS = 'any key closes the help · q quits';

export function StatusLine({ mode, filter, position, total, width, theme }: StatusLineProperties) {
  const count = `${position}/${total}`;
  const room = Math.max(0, width - textWidth(count) - 2);
  if (mode === 'filter') {
    const prompt = `/${filter}_`;
    const hint = textWidth(prompt) + 3 + textWidth(FILTER_KEYS) <= room ? `   ${FILTER_KEYS}` : '';
    return (
      <Box width={width} justifyContent="space-between">
        <Text wrap="truncate-end">
          <Text {...accentStyle(theme)}>{fitText(prompt, room, true)}</Text>
          <Text dimColor>{hint}</Text>
        </Text>
        <Text dimColor>{count}</Text>
      </Box>
    );
  }
  return (
    <Box width={width} justifyContent="space-between">
      <Text dimColor wrap="truncate-end">
        {fitText(mode === 'help' ? HELP_KEYS : BROWSE_KEYS, room)}
      </Text>
      <Text dimColor>{count}</Text>
    </Box>
  );
}

export interface TitleLineProperties {
  readonly path: string[];
  /** Said after the path (a list's subtitle, when its header line holds column titles). */
  readonly note: string;
  readonly filter: string;
  readonly mode: InputMode;
  readonly width: number;
  readonly theme: Theme;
}

export function TitleLine({ path, note, filter, mode, width, theme }: TitleLineProperties) {
  const crumbs = path.join(' > ');
  const filterNote = filter !== '' && mode !== 'filter' ? `  [filter: ${filter}]` : '';
  const crumbsWidth = Math.min(textWidth(crumbs), Math.max(1, width - textWidth(filterNote)));
  const noteRoom = width - crumbsWidth - textWidth(filterNote) - 2;
  return (
    <Text wrap="truncate-end">
      <Text {...accentStyle(theme)}>{fitText(crumbs, crumbsWidth, true)}</Text>
      <Text dimColor>{filterNote}</Text>
      {note !== '' && noteRoom > 3 ? <Text dimColor>{`  ${fitText(note, noteRoom)}`}</Text> : null}
    </Text>
  );
}
