// Counts the work of the contexts stage's steps whose cost could grow with the number of contexts
// rather than the number of files (a repo of mostly isolated files has one context per file while
// clustering). Tests read it to check such a step stays near-linear without timing anything.

/** Units of work: entries read or written by the step (labels, ties, block-matrix cells). */
export interface WorkMeter {
  units: number;
}
