// fixtures/check/<case>/: base/ is committed with carve.config.json, change/ is laid over it in a
// second commit; expected.json gives every violation after the change and those new since the base.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const expectedViolation = z.strictObject({
  from: z.string(),
  to: z.string(),
  fromContext: z.string().optional(),
  toContext: z.string().optional(),
  kind: z.enum(['import', 'data', 'placement']).optional(),
  rule: z.enum(['depends-on', 'expose', 'data-ownership', 'unassigned']),
  line: z.number().int().positive().optional(),
  entity: z.string().optional(),
  mode: z.enum(['read', 'write']).optional(),
});
export const expectedCheck = z.strictObject({
  description: z.string().min(1),
  /** 'data-access': the case needs entities in the analysis. */
  needs: z.literal('data-access').optional(),
  violations: z.array(expectedViolation),
  newSinceBase: z.array(expectedViolation),
});

export function readTree(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) Object.assign(files, readTree(dir, path));
    else files[path] = readFileSync(join(dir, path), 'utf8');
  }
  return files;
}

/** Keeps only the fields the expectation names, so a case states what matters to it. */
export function projectViolations(actual: object[], expected: z.infer<typeof expectedViolation>[]): unknown[] {
  const fields = [...new Set(expected.flatMap((violation) => Object.keys(violation)))];
  return actual.map((violation) => Object.fromEntries(fields.filter((field) => field in violation).map((field) => [field, (violation as Record<string, unknown>)[field]])));
}
