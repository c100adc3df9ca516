// Colours that read on dark and on light terminals: only the named ANSI colours the terminal's own
// palette themes (red, magenta, cyan), never white, black or grey text; emphasis by bold, dim and
// inverse. Under NO_COLOR the hues go and the attributes stay (no-color.org covers colour only), and
// every meaning also shows as text ([shared], the > marker), so nothing depends on colour alone.
import type { TextProps } from 'ink';
import type { Tone } from './model/screen.js';

export interface Theme {
  isColor: boolean;
}

export function toneStyle(theme: Theme, tone: Tone): TextProps {
  switch (tone) {
    case 'hot':
      return theme.isColor ? { color: 'red' } : {};
    case 'shared':
      return theme.isColor ? { color: 'magenta', bold: true } : { bold: true };
    case 'muted':
      return { dimColor: true };
    case 'plain':
      return {};
  }
}

export function accentStyle(theme: Theme): TextProps {
  return theme.isColor ? { color: 'cyan', bold: true } : { bold: true };
}

export const SELECTED_STYLE: TextProps = { inverse: true };
