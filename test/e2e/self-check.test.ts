// Carve holds its own pipeline to its layering: carve.config.json at the repository root declares one
// context per stage, each depending only on the stages before it, and `carve check` must pass on it.
import { describe, expect, it } from 'vitest';
import { repoRoot, runCliInProcess } from '../helpers/run-cli.js';

describe("Carve's own stages", () => {
  it('keep to the layering carve.config.json declares', async () => {
    const run = await runCliInProcess(['check', repoRoot, '--no-cache', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { violations: { from: string; to: string; rule: string }[]; summary: { checkedFiles: number; filesInNoContext: number } };
    expect(report.violations.map((v) => `${v.from} -> ${v.to} (${v.rule})`)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(report.summary.filesInNoContext).toBe(0);
    expect(report.summary.checkedFiles).toBeGreaterThan(100);
  });
});
