// The CarveError a call throws, for tests that check its code, message and hint; any other outcome fails.
import { CarveError } from '../../src/shared/errors.js';

export function errorOf(run: () => unknown): CarveError {
  try {
    run();
  } catch (error) {
    if (error instanceof CarveError) return error;
    throw error;
  }
  throw new Error('expected a CarveError');
}
