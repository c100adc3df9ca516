// Global setup of the test run: every test, and every CLI a test spawns, gets its own XDG config and
// cache folders, so the suite never reads or writes the real user's Carve cache or cache key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const home = mkdtempSync(join(tmpdir(), 'carve-test-home-'));
  // Set here, before the workers start: they and the processes they spawn inherit it.
  process.env.XDG_CONFIG_HOME = join(home, 'config');
  process.env.XDG_CACHE_HOME = join(home, 'cache');
  delete process.env.CARVE_CACHE_KEY;
  return () => rmSync(home, { recursive: true, force: true });
}
