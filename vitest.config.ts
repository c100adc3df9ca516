import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Files that change what other files would see if they shared a module graph with them: a module mock
 * (vi.mock), the environment set before imports (vi.hoisted), fake timers. Each gets a fresh one.
 */
const ISOLATED = ['test/config/glob-scaling.test.ts', 'test/explore/session.test.ts', 'test/extract/facts-cache.test.ts', 'test/extract/layout-cache.test.ts'];

export default defineConfig({
  // src/shared/typescript.cts is CommonJS (a cheaper load of ts-morph for the built CLI), which vite
  // does not run: tests get the same `ts` from an ESM twin. The built CLI's e2e tests load the real one.
  resolve: {
    alias: [{ find: /^(?:\.\.?\/)+(?:[\w-]+\/)*shared\/typescript\.cjs$/, replacement: fileURLToPath(new URL('./test/helpers/typescript.ts', import.meta.url)) }],
  },
  test: {
    // A temp XDG_CONFIG_HOME and XDG_CACHE_HOME for the whole run: no test touches the real home.
    globalSetup: ['./test/helpers/isolated-home.ts'],
    // End-to-end tests spawn the built CLI; two cores, so keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/helpers/totals-reporter.ts'],
    // The built CLI a test runs in its own process (runCliInProcess) is loaded by Node as it is, not
    // transformed again by vite: it is JavaScript already, and it loads the real typescript.cjs.
    server: { deps: { external: [/\/dist\/src\//] } },
    projects: [
      {
        extends: true,
        // The other files share each worker's module graph: the compiler (ts-morph) and the sources
        // are loaded once per worker, not once per file (about half a second of CPU per file).
        test: { name: 'shared', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: ISOLATED, isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
