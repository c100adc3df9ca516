// Under vitest the sources run through vite, which does not load the CommonJS src/shared/typescript.cts;
// vitest.config.ts points imports of it here: the same `ts`, imported the ESM way.
import { ts } from 'ts-morph';

export default ts;
