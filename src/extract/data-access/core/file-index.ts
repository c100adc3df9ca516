// The shared walk: one pass over a file's tree collects what every adapter looks at (calls, `new`,
// tagged templates, classes) and the local bindings. Adapters then read these lists, never the tree.
import ts from '../../../shared/typescript.cjs';
import type { DataAccessScanInput } from '../../types.js';
import { BindingTable } from './bindings.js';

export interface FileIndex {
  input: DataAccessScanInput;
  sourceFile: ts.SourceFile;
  /** In source order. */
  calls: ts.CallExpression[];
  news: ts.NewExpression[];
  taggedTemplates: ts.TaggedTemplateExpression[];
  classes: ts.ClassLikeDeclaration[];
  /** `x[expr]` with a non-literal key (a model or table picked at run time). */
  dynamicElementAccesses: ts.ElementAccessExpression[];
  bindings: BindingTable;
  line(node: ts.Node): number;
}

type MutableNode = { parent: ts.Node };

export function indexFile(input: DataAccessScanInput): FileIndex {
  const sourceFile = input.sourceFile;
  const index: FileIndex = {
    input,
    sourceFile,
    calls: [],
    news: [],
    taggedTemplates: [],
    classes: [],
    dynamicElementAccesses: [],
    bindings: new BindingTable(),
    line: (node) => sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1,
  };
  // Iterative, so deeply nested code cannot overflow the stack. Each node's children are pushed, then
  // that run of the stack is reversed so they pop in source order.
  const stack: ts.Node[] = [sourceFile];
  let parent: ts.Node = sourceFile;
  const push = (child: ts.Node): undefined => {
    // The extractor parses with parent pointers; a tree built without them gets them here.
    if (!child.parent) (child as unknown as MutableNode).parent = parent;
    stack.push(child);
    return undefined;
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(index, node);
    const start = stack.length;
    parent = node;
    ts.forEachChild(node, push);
    for (let low = start, high = stack.length - 1; low < high; low++, high--) {
      const swap = stack[low]!;
      stack[low] = stack[high]!;
      stack[high] = swap;
    }
  }
  index.bindings.finish();
  return index;
}

function visit(index: FileIndex, node: ts.Node): void {
  switch (node.kind) {
    case ts.SyntaxKind.CallExpression:
      index.calls.push(node as ts.CallExpression);
      return;
    case ts.SyntaxKind.NewExpression:
      index.news.push(node as ts.NewExpression);
      return;
    case ts.SyntaxKind.TaggedTemplateExpression:
      index.taggedTemplates.push(node as ts.TaggedTemplateExpression);
      return;
    case ts.SyntaxKind.ClassDeclaration:
    case ts.SyntaxKind.ClassExpression:
      index.classes.push(node as ts.ClassLikeDeclaration);
      return;
    case ts.SyntaxKind.ElementAccessExpression: {
      const access = node as ts.ElementAccessExpression;
      const key = access.argumentExpression;
      if (!ts.isStringLiteralLike(key) && !ts.isNumericLiteral(key)) index.dynamicElementAccesses.push(access);
      return;
    }
    case ts.SyntaxKind.VariableDeclaration:
    case ts.SyntaxKind.Parameter:
    case ts.SyntaxKind.PropertyDeclaration:
    case ts.SyntaxKind.BinaryExpression:
      index.bindings.visit(node);
      return;
    default:
      return;
  }
}
