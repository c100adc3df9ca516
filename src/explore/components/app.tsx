// The explore app: holds the reducer's state, turns keys into actions, and draws the active screen.
// Everything it shows comes from the model's screen contents; it decides nothing itself.
import { Box, useInput, type Key } from 'ink';
import { useEffect, useReducer } from 'react';
import { keyToAction } from '../keymap.js';
import type { ExploreModel } from '../model/explore-model.js';
import { screenContent } from '../model/screens.js';
import { plural } from '../model/screen.js';
import { activeScreen, initialState, reduce, visibleOf } from '../state/reducer.js';
import type { ExitReason, ExploreAction, ExploreState } from '../state/types.js';
import type { Theme } from '../theme.js';
import { StatusLine, TabBar, TitleLine } from './chrome.js';
import { HelpView } from './help-view.js';
import { ListView } from './list-view.js';
import { useTerminalSize } from './use-terminal-size.js';

type AppEvent = { type: 'key'; input: string; key: Key } | ExploreAction;

export interface ExploreAppProperties {
  readonly model: ExploreModel;
  readonly theme: Theme;
  readonly onExit: (reason: ExitReason) => void;
}

export function ExploreApp({ model, theme, onExit }: ExploreAppProperties) {
  const { columns, rows } = useTerminalSize();
  // Keys go into the reducer raw and are mapped there, against the state they apply to: a handler
  // that read `state.mode` itself would see the mode of the last render, and a key typed right after
  // `/` would be taken as a browse key.
  const [state, dispatch] = useReducer(
    (current: ExploreState, event: AppEvent) => {
      const action = event.type === 'key' ? keyToAction(event.input, event.key, current.mode) : event;
      return action ? reduce(model, current, action) : current;
    },
    rows,
    (initialRows: number) => initialState(model, initialRows),
  );
  useEffect(() => {
    dispatch({ type: 'resize', rows });
  }, [rows]);
  useInput((input, key) => dispatch({ type: 'key', input, key }));
  useEffect(() => {
    if (state.exit) onExit(state.exit);
  }, [state.exit, onExit]);

  const screen = activeScreen(state);
  const content = screenContent(model, screen.ref);
  const visible = visibleOf(model, screen);
  const path = state.stacks[state.view].map((entry) => screenContent(model, entry.ref).title);
  const summary = model.analysis.summary;
  const info = `carve · ${plural(summary?.files ?? model.analysis.modules.length, 'file')} · ${plural(model.contexts.length, 'context')}`;
  const position = visible.selectable.indexOf(screen.cursor) + 1;
  // One column short of the terminal: writing the last column makes some terminals wrap the line.
  const width = Math.max(20, columns - 1);
  return (
    <Box flexDirection="column" width={width}>
      <TabBar view={state.view} info={info} width={width} theme={theme} />
      <TitleLine
        path={path}
        note={content.columns.some((column) => column.title !== '') ? content.subtitle : ''}
        filter={screen.filter}
        mode={state.mode}
        width={width}
        theme={theme}
      />
      {state.mode === 'help' ? (
        <HelpView pageSize={state.pageSize} width={width} />
      ) : (
        <ListView
          content={content}
          visible={visible}
          cursor={screen.cursor}
          offset={screen.offset}
          pageSize={state.pageSize}
          width={width}
          filter={screen.filter}
          theme={theme}
        />
      )}
      <StatusLine mode={state.mode} filter={screen.filter} position={position} total={visible.selectable.length} width={width} theme={theme} />
    </Box>
  );
}
