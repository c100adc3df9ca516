// Screen contents by reference, built on first visit and kept: the analysis never changes while
// explore runs, so going back and forth costs a map lookup.
import { safeText } from '../../shared/safe-text.js';
import { contextScreen, contextsScreen } from './contexts-screens.js';
import { dataScreen, tableScreen } from './data-screens.js';
import { dependenciesScreen, pairScreen } from './dependency-screens.js';
import type { ExploreModel } from './explore-model.js';
import { planScreen, stepScreen } from './plan-screens.js';
import { screenKey, type ScreenContent, type ScreenRef } from './screen.js';

const caches = new WeakMap<ExploreModel, Map<string, ScreenContent>>();

function build(model: ExploreModel, ref: ScreenRef): ScreenContent {
  switch (ref.kind) {
    case 'contexts':
      return contextsScreen(model);
    case 'context':
      return contextScreen(model, ref.context);
    case 'dependencies':
      return dependenciesScreen(model);
    case 'pair':
      return pairScreen(model, ref.from, ref.to);
    case 'data':
      return dataScreen(model);
    case 'table':
      return tableScreen(model, ref.entity);
    case 'plan':
      return planScreen(model);
    case 'step':
      return stepScreen(model, ref.index);
  }
}

export function screenContent(model: ExploreModel, ref: ScreenRef): ScreenContent {
  let cache = caches.get(model);
  if (!cache) {
    cache = new Map();
    caches.set(model, cache);
  }
  const key = screenKey(ref);
  let content = cache.get(key);
  if (!content) {
    const built = build(model, ref);
    // Titles carry names from the analyzed code too; rows are cleaned in row().
    content = { ...built, title: safeText(built.title), subtitle: safeText(built.subtitle), emptyText: safeText(built.emptyText) };
    cache.set(key, content);
  }
  return content;
}
