import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // src/shared/typescript.cts is CommonJS (a cheaper load of ts-morph for the built CLI), which vite
  // does not run: tests get the same `ts` from an ESM twin. The built CLI's e2e tests load the real one.
  resolve: {
    alias: [{ find: /^(?:\.\.?\/)+(?:[\w-]+\/)*shared\/typescript\.cjs$/, replacement: fileURLToPath(new URL('./test/helpers/typescript.ts', import.meta.url)) }],
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // A temp XDG_CONFIG_HOME and XDG_CACHE_HOME for the whole run: no test touches the real home.
    globalSetup: ['./test/helpers/isolated-home.ts'],
    // End-to-end tests spawn the built CLI; two cores, so keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/helpers/totals-reporter.ts'],
  },
});
