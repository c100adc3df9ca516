// The one tree ink renders for a session: progress while a folder is analysed, then the app.
import type { ProgressEvent } from '../../analysis/index.js';
import type { ExploreModel } from '../model/explore-model.js';
import type { ExitReason } from '../state/types.js';
import type { Theme } from '../theme.js';
import { ExploreApp } from './app.js';
import { ProgressView } from './progress-view.js';
import { useTerminalSize } from './use-terminal-size.js';

export type Phase = { kind: 'progress'; target: string; event: ProgressEvent | null } | { kind: 'explore'; model: ExploreModel };

export interface RootProperties {
  readonly phase: Phase;
  readonly theme: Theme;
  readonly onExit: (reason: ExitReason) => void;
}

export function Root({ phase, theme, onExit }: RootProperties) {
  const { columns } = useTerminalSize();
  if (phase.kind === 'progress') return <ProgressView target={phase.target} event={phase.event} width={Math.max(20, columns - 1)} theme={theme} onExit={onExit} />;
  return <ExploreApp model={phase.model} theme={theme} onExit={onExit} />;
}
