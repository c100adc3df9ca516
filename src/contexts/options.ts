// Options of the contexts stage and their defaults. The reasons for each value are in
// docs/decisions/contexts.md; the CLI exposes resolution, seed and the kernel threshold.
import type { RepoPath } from '../shared/facts.js';

export interface ContextOptions {
  /** Louvain resolution: above 1 gives more, smaller contexts; below 1 fewer, larger ones. */
  resolution: number;
  seed: number;
  /** Seeded Louvain runs combined by consensus (and used for stability). */
  runs: number;
  /**
   * Share of the other (preliminary) contexts that must import a file for it to count as shared kernel
   * (logger, config, base classes): such files are reported, not clustered.
   */
  kernelThreshold: number;
  /** Detected contexts with fewer modules are merged into the context they are most tied to. */
  minContextSize: number;
  /** file -> context, from carve.config.json: these keep their context; only the rest is clustered. */
  pinned?: Record<RepoPath, string>;
  /** entity id -> table name, for tablesOwned/tablesShared and naming (default: the entity id). */
  entityTables?: Record<string, string>;
}

export const DEFAULT_CONTEXT_OPTIONS: ContextOptions = {
  resolution: 1,
  seed: 1,
  runs: 10,
  kernelThreshold: 0.75,
  minContextSize: 3,
};

/** A kernel file must also be imported from at least this many other contexts (a pair is no kernel). */
export const KERNEL_MIN_IMPORTING_CONTEXTS = 2;
/**
 * A helper leaf (imports nothing but the kernel) is kernel when at least this many contexts import it
 * and no one context holds KERNEL_LEAF_MAX_CONTEXT_SHARE of its importing files.
 */
export const KERNEL_LEAF_MIN_CONTEXTS = 4;
export const KERNEL_LEAF_MAX_CONTEXT_SHARE = 0.5;
/**
 * A god module imports from at least this many other contexts, and from at least this share of them,
 * and sends no more than GOD_MODULE_MAX_HOME_SHARE of its outgoing weight to the context it sits in.
 */
export const GOD_MODULE_MIN_FOREIGN_CONTEXTS = 3;
export const GOD_MODULE_MIN_CONTEXT_SHARE = 0.5;
export const GOD_MODULE_MAX_HOME_SHARE = 0.5;
/**
 * A composition root (imported by nothing, or only by other roots) reaches at least this many contexts
 * with its imports, and at least COMPOSITION_ROOT_MIN_PRIVATE_SHARE of the files it imports are used by
 * nothing but wiring.
 */
export const COMPOSITION_ROOT_MIN_CONTEXTS = 3;
export const COMPOSITION_ROOT_MIN_PRIVATE_SHARE = 0.5;
/** NED counts contexts with this many modules as non-extreme (Mono2Micro's bounds, from Wu et al.). */
export const NED_MIN_SIZE = 5;
export const NED_MAX_SIZE = 20;

export function resolveContextOptions(options: Partial<ContextOptions>): ContextOptions {
  const resolved = { ...DEFAULT_CONTEXT_OPTIONS, ...options };
  if (!(resolved.resolution > 0)) throw new RangeError('resolution must be > 0');
  if (!Number.isInteger(resolved.runs) || resolved.runs < 1) throw new RangeError('runs must be an integer >= 1');
  if (!(resolved.kernelThreshold > 0 && resolved.kernelThreshold <= 1)) throw new RangeError('kernelThreshold must be in (0, 1]');
  if (!Number.isInteger(resolved.minContextSize) || resolved.minContextSize < 1) throw new RangeError('minContextSize must be an integer >= 1');
  return resolved;
}
