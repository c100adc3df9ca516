// Edge factors: how much each kind of tie counts when clustering. docs/decisions/contexts.md gives the
// reasons and the README quotes these values; change them there too.
import type { ImportKind } from '../shared/facts.js';

/** A plain value import (also `require`): the importer runs the imported code. */
export const IMPORT_FACTOR = 1;
/** `import()`: a real run-time use, but often a deliberate seam (lazy loading, plugins). */
export const DYNAMIC_IMPORT_FACTOR = 0.75;
/** A type-only import: shares a shape, not behaviour; erased at run time. */
export const TYPE_IMPORT_FACTOR = 0.75;
/** `import './x'` binds nothing: ordering or registration, a weak hint. */
export const SIDE_EFFECT_IMPORT_FACTOR = 0.5;
/** Barrels are plumbing: the edge through a barrel is also emitted to the defining file (`via`). */
export const REEXPORT_FACTOR = 0.1;
/** Writing a table is the strongest sign of owning it. */
export const DATA_WRITE_FACTOR = 1;
/** Reading a table ties a file to its owner, less than writing it. */
export const DATA_READ_FACTOR = 0.5;
/** Files changed together in one commit: real but noisy evidence (refactors, renames, formatting). */
export const COCHANGE_FACTOR = 0.5;

export function importFactor(kind: ImportKind): number {
  switch (kind) {
    case 'import':
    case 'require':
      return IMPORT_FACTOR;
    case 'dynamic':
      return DYNAMIC_IMPORT_FACTOR;
    case 'type':
      return TYPE_IMPORT_FACTOR;
    case 'side-effect':
      return SIDE_EFFECT_IMPORT_FACTOR;
    case 'reexport':
      return REEXPORT_FACTOR;
  }
}

/**
 * How breadth of use becomes strength: 1 + log2(count), where count is the number of distinct symbols
 * imported (commits for co-change; data edges are not scaled, see graph/index.ts). Importing five functions of a file
 * ties more than importing one, but not five times more. Reference counts are kept in `raw` for
 * reports but do not weigh: how often a name is repeated depends on code style, and on generated
 * monoliths weighting by references cost 0.03 to 0.05 NMI (docs/decisions/contexts.md).
 */
export function useStrength(count: number): number {
  return 1 + Math.log2(Math.max(count, 1));
}

/** Rounds a weight to 6 decimals so sums print the same however the float noise falls. */
export function roundWeight(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
