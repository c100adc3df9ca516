import { describe, expect, it } from 'vitest';
import { progressText } from '../../src/explore/components/progress-view.js';
import type { Tone } from '../../src/explore/model/screen.js';
import { accentStyle, toneStyle } from '../../src/explore/theme.js';
import { isCi, isColorWanted } from '../../src/cli/commands/explore.js';

const TONES: Tone[] = ['plain', 'muted', 'shared', 'hot'];
// Hues a terminal's palette themes for its own background; white, black and grey vanish on one of them.
const SAFE_COLOURS = new Set(['red', 'magenta', 'cyan']);

describe('the theme', () => {
  it('uses only palette colours that read on dark and light backgrounds', () => {
    for (const tone of [...TONES.map((t) => toneStyle({ isColor: true }, t)), accentStyle({ isColor: true })]) {
      if (tone.color !== undefined) expect(SAFE_COLOURS).toContain(tone.color);
      expect(tone.backgroundColor).toBeUndefined();
    }
    expect(toneStyle({ isColor: true }, 'hot').color).toBe('red');
  });

  it('drops every colour without colour, keeping bold and dim', () => {
    for (const tone of [...TONES.map((t) => toneStyle({ isColor: false }, t)), accentStyle({ isColor: false })]) {
      expect(tone.color).toBeUndefined();
    }
    expect(toneStyle({ isColor: false }, 'shared').bold).toBe(true);
  });
});

describe('the environment', () => {
  it('honours NO_COLOR (when not empty) and TERM=dumb', () => {
    expect(isColorWanted({})).toBe(true);
    expect(isColorWanted({ NO_COLOR: '1' })).toBe(false);
    expect(isColorWanted({ NO_COLOR: '' })).toBe(true);
    expect(isColorWanted({ TERM: 'dumb' })).toBe(false);
  });

  it('takes CI as set unless it says false or 0, as ink does', () => {
    expect(isCi({})).toBe(false);
    expect(isCi({ CI: 'true' })).toBe(true);
    expect(isCi({ CI: '1' })).toBe(true);
    expect(isCi({ CI: 'false' })).toBe(false);
    expect(isCi({ CI: '' })).toBe(true);
    expect(isCi({ CI: '0' })).toBe(false);
    expect(isCi({ CONTINUOUS_INTEGRATION: 'true' })).toBe(true);
  });
});

describe('the progress line', () => {
  it('names the stage and draws a bar while files are read', () => {
    expect(progressText(null, 80)).toBe('starting');
    expect(progressText({ stage: 'layout' }, 80)).toBe('reading the project layout');
    expect(progressText({ stage: 'read', done: 5, total: 10 }, 80)).toBe(`reading files 5/10 [${'#'.repeat(15)}${'.'.repeat(15)}]`);
    expect(progressText({ stage: 'read', done: 5, total: 10 }, 30)).toBe('reading files 5/10');
  });
});
