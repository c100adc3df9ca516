// The dependency graph: modules and entities as nodes, weighted edges for how much one really uses
// the other. Plain data; graphology objects are built from it inside graph/ and contexts/ only.
import type { ModuleRole } from '../shared/analysis.js';
import type { RepoPath } from '../shared/facts.js';

export type GraphNodeType = 'module' | 'entity';

export interface GraphNode {
  /** A RepoPath for modules, 'entity:<EntityId>' for entities. */
  id: string;
  type: GraphNodeType;
  loc: number;
  /** Modules: the role found before clustering (roles.ts); absent means domain. */
  role?: ModuleRole;
  roleReason?: string;
  /**
   * Platform files set aside as widely imported shared code (no framework role of their own): the
   * kernel test may still report them as shared kernel.
   */
  widelyImported?: true;
  /** Modules that declare an entity (a model, an @Entity class): a domain core, never shared kernel. */
  definesEntity?: true;
}

export type GraphEdgeType = 'import' | 'type' | 'data-write' | 'data-read' | 'cochange' | 'lexical' | 'declared';

export interface GraphEdge {
  /** Directed as seen in code: importer -> imported, module -> entity, for co-change the smaller id first. */
  source: string;
  target: string;
  type: GraphEdgeType;
  /** Raw strength before the type factor (symbols + references, access count, co-change count). */
  raw: number;
  /** The weight clustering uses: raw scaled by the type factor (README documents the factors). */
  weight: number;
}

export interface DependencyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Files changed together in git history: one entry per pair, a < b. */
export interface CoChange {
  a: RepoPath;
  b: RepoPath;
  count: number;
}
