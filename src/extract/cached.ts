// The extractor's compiler-free entry: what a fully cached run needs (the cached layout and every
// file's facts by stat stamp) and what records a layout's inputs. Nothing here, directly or through
// its imports, loads the TypeScript compiler; index.ts does.
export { collectFacts, scanFactsCache, type FactsCacheScan } from './cached-facts.js';
export { readCachedLayout, writeCachedLayout } from './project/layout-cache.js';
export { LayoutInputs } from './project/layout-inputs.js';
