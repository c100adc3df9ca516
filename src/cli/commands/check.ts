// `carve check`: being built (see the open issue); until then it says so and exits 2.
import { CarveError } from '../../shared/errors.js';

export async function runCheck(_target: string, _options: Record<string, unknown>): Promise<number> {
  throw new CarveError('not-available', '`carve check` is not available in this build yet');
}
