// Scores one partition (file -> group) against another: MoJoFM (Wen & Tzerpos 2004), NMI (Danon et al.
// 2005, arithmetic normalisation) and ARI (Hubert & Arabie 1985). Only files present in both count.
// Formulas and their sources: docs/decisions/contexts.md.
import { compareStrings } from '../shared/sort.js';

/** element (file path) -> group id. */
export type Partition = Readonly<Record<string, string>>;

export interface PartitionScores {
  /** 1 - mno(proposal, reference) / max mno(any, reference), as a fraction (papers print percent). */
  mojoFm: number;
  nmi: number;
  ari: number;
  /** Elements scored (in both partitions). */
  common: number;
  onlyInProposal: number;
  onlyInReference: number;
}

interface Contingency {
  /** Sizes of the proposal's groups (rows) and the reference's groups (columns). */
  rowSizes: number[];
  columnSizes: number[];
  /** Non-zero cells: row -> column -> count. */
  cells: Map<number, Map<number, number>>;
  total: number;
}

function contingency(proposal: Partition, reference: Partition): Contingency {
  const elements = Object.keys(proposal)
    .filter((element) => Object.hasOwn(reference, element))
    .sort(compareStrings);
  const rowIndex = new Map<string, number>();
  const columnIndex = new Map<string, number>();
  const rowSizes: number[] = [];
  const columnSizes: number[] = [];
  const cells = new Map<number, Map<number, number>>();
  for (const element of elements) {
    const rowLabel = proposal[element] as string;
    const columnLabel = reference[element] as string;
    let row = rowIndex.get(rowLabel);
    if (row === undefined) {
      row = rowSizes.length;
      rowIndex.set(rowLabel, row);
      rowSizes.push(0);
    }
    let column = columnIndex.get(columnLabel);
    if (column === undefined) {
      column = columnSizes.length;
      columnIndex.set(columnLabel, column);
      columnSizes.push(0);
    }
    rowSizes[row] = (rowSizes[row] ?? 0) + 1;
    columnSizes[column] = (columnSizes[column] ?? 0) + 1;
    let rowCells = cells.get(row);
    if (!rowCells) {
      rowCells = new Map();
      cells.set(row, rowCells);
    }
    rowCells.set(column, (rowCells.get(column) ?? 0) + 1);
  }
  return { rowSizes, columnSizes, cells, total: elements.length };
}

function entropy(sizes: number[], total: number): number {
  let sum = 0;
  for (const size of sizes) if (size > 0) sum -= (size / total) * Math.log(size / total);
  return sum;
}

/** Normalised mutual information, 2 I(P;R) / (H(P) + H(R)); 1 when both are a single group. */
export function normalizedMutualInformation(proposal: Partition, reference: Partition): number {
  const table = contingency(proposal, reference);
  const n = table.total;
  if (n === 0) return 1;
  const rowEntropy = entropy(table.rowSizes, n);
  const columnEntropy = entropy(table.columnSizes, n);
  if (rowEntropy + columnEntropy === 0) return 1;
  let mutual = 0;
  for (const [row, rowCells] of table.cells) {
    for (const [column, count] of rowCells) {
      const rowSize = table.rowSizes[row] as number;
      const columnSize = table.columnSizes[column] as number;
      mutual += (count / n) * Math.log((count * n) / (rowSize * columnSize));
    }
  }
  return Math.min(1, Math.max(0, (2 * mutual) / (rowEntropy + columnEntropy)));
}

function pairs(count: number): number {
  return (count * (count - 1)) / 2;
}

/** Adjusted Rand index: pair agreement corrected for chance; 1 identical, about 0 random, can be < 0. */
export function adjustedRandIndex(proposal: Partition, reference: Partition): number {
  const table = contingency(proposal, reference);
  const n = table.total;
  if (n < 2) return 1;
  let index = 0;
  for (const rowCells of table.cells.values()) for (const count of rowCells.values()) index += pairs(count);
  const rowPairs = table.rowSizes.reduce((sum, size) => sum + pairs(size), 0);
  const columnPairs = table.columnSizes.reduce((sum, size) => sum + pairs(size), 0);
  const expected = (rowPairs * columnPairs) / pairs(n);
  const maximum = (rowPairs + columnPairs) / 2;
  // Both trivial in the same way (all singletons, or one group each): the partitions agree.
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}

/** Kuhn's augmenting paths: the size of a maximum matching of rows to columns over the given edges. */
function maximumMatching(edges: number[][], columnCount: number): number {
  const matchOfColumn = new Array<number>(columnCount).fill(-1);
  const tryRow = (row: number, seen: boolean[]): boolean => {
    for (const column of edges[row] ?? []) {
      if (seen[column]) continue;
      seen[column] = true;
      const current = matchOfColumn[column] as number;
      if (current === -1 || tryRow(current, seen)) {
        matchOfColumn[column] = row;
        return true;
      }
    }
    return false;
  };
  let matched = 0;
  for (let row = 0; row < edges.length; row++) {
    if (tryRow(row, new Array<boolean>(columnCount).fill(false))) matched++;
  }
  return matched;
}

/**
 * mno(A, B): the fewest Move and Join operations turning A into B (Wen & Tzerpos 2003). Each cluster
 * of A is tagged with the groups of B it shares most files with; moves are the files outside that
 * group, joins are l - g where g, the number of groups used, is maximised by a bipartite matching.
 */
export function moveJoinOperations(proposal: Partition, reference: Partition): number {
  const table = contingency(proposal, reference);
  let moves = 0;
  const tags: number[][] = [];
  for (let row = 0; row < table.rowSizes.length; row++) {
    const rowCells = table.cells.get(row) ?? new Map<number, number>();
    const best = Math.max(0, ...rowCells.values());
    moves += (table.rowSizes[row] as number) - best;
    tags.push([...rowCells].filter(([, count]) => count === best).map(([column]) => column).sort((a, b) => a - b));
  }
  const groups = maximumMatching(tags, table.columnSizes.length);
  return moves + table.rowSizes.length - groups;
}

/** max over all A of mno(A, B) = n - g, g from B's group sizes taken in ascending order. */
function maximumMoveJoin(reference: number[], total: number): number {
  let groups = 0;
  for (const size of [...reference].sort((a, b) => a - b)) if (groups < size) groups++;
  return total - groups;
}

/** MoJoFM(A, B) = 1 - mno(A, B) / max mno(any A, B): 1 when A is B, 0 for the farthest A. */
export function mojoFm(proposal: Partition, reference: Partition): number {
  const table = contingency(proposal, reference);
  const distance = moveJoinOperations(proposal, reference);
  const maximum = maximumMoveJoin(table.columnSizes, table.total);
  if (maximum === 0) return distance === 0 ? 1 : 0;
  return 1 - distance / maximum;
}

export function comparePartitions(proposal: Partition, reference: Partition): PartitionScores {
  const common = Object.keys(proposal).filter((element) => Object.hasOwn(reference, element)).length;
  return {
    mojoFm: mojoFm(proposal, reference),
    nmi: normalizedMutualInformation(proposal, reference),
    ari: adjustedRandIndex(proposal, reference),
    common,
    onlyInProposal: Object.keys(proposal).length - common,
    onlyInReference: Object.keys(reference).length - common,
  };
}
