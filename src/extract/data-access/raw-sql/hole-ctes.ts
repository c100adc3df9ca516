// A `${...}` hole may hold part of a WITH list: `WITH events AS (...), ${sequenceQuery} SELECT ... FROM
// sequences`, where `sequenceQuery` is built elsewhere in the file as `sequences AS (...)`. The names
// the hole's possible values define as CTEs (a name followed by `AS (` at the start of the value or
// after a comma) are no tables of the statement. Values are read from literals, templates (their
// literal parts), `+`, conditionals and the values a local name is given. A value that travels
// further (returned in an object by a helper, then destructured) is met by its text: any string or
// template of the file that starts with `name AS (` is a CTE fragment, and its name is a CTE of the
// file's statements that have a hole.
import ts from '../../../shared/typescript.cjs';
import type { FileIndex } from '../core/file-index.js';
import { unwrap } from '../core/syntax.js';

const CTE_DEFINITION = /(?:^|,|\bwith\s+(?:recursive\s+)?)\s*"?([A-Za-z_][A-Za-z0-9_]*)"?\s*(?:\([^()]*\)\s*)?as\s+(?:(?:not\s+)?materialized\s+)?\(/gi;
/** A literal that starts like a WITH-list entry: `sequences AS (`, `, "totals" AS MATERIALIZED (`. */
// Read from the source text, where a line break may still be written `\n`.
const CTE_FRAGMENT = /[`'"](?:\s|\\[nrt])*,?(?:\s|\\[nrt])*"?([A-Za-z_][A-Za-z0-9_]*)"?(?:\s|\\[nrt])+as(?:\s|\\[nrt])+(?:(?:not\s+)?materialized\s+)?\(/gi;
const MAX_DEPTH = 4;
const fragmentsByFile = new WeakMap<FileIndex, string[]>();
const MAX_VALUES = 12;

function literalTexts(file: FileIndex, expr: ts.Expression, out: string[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  const node = unwrap(expr);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
  else if (ts.isTemplateExpression(node)) {
    out.push(node.head.text);
    for (const span of node.templateSpans) out.push(span.literal.text);
  } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    literalTexts(file, node.left, out, depth + 1);
    literalTexts(file, node.right, out, depth + 1);
  } else if (ts.isConditionalExpression(node)) {
    literalTexts(file, node.whenTrue, out, depth + 1);
    literalTexts(file, node.whenFalse, out, depth + 1);
  } else if (ts.isIdentifier(node)) {
    const site = file.bindings.lookup(node);
    if (site?.kind === 'variable') for (const value of site.values.slice(0, MAX_VALUES)) literalTexts(file, value, out, depth + 1);
  }
}

/** Names the file's CTE fragments define. */
function fragmentNames(file: FileIndex): string[] {
  let names = fragmentsByFile.get(file);
  if (!names) {
    names = [...new Set([...file.input.text.matchAll(CTE_FRAGMENT)].map((match) => match[1]!))];
    fragmentsByFile.set(file, names);
  }
  return names;
}

/** CTE names the values of a hole define, and those of the file's CTE fragments. */
export function holeCteNames(file: FileIndex, expr: ts.Expression): string[] {
  const texts: string[] = [];
  literalTexts(file, expr, texts, 0);
  const names = new Set<string>(fragmentNames(file));
  for (const text of texts) for (const match of text.matchAll(CTE_DEFINITION)) names.add(match[1]!);
  return [...names];
}
