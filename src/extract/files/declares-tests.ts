// Whether a parsed file declares tests: a top-level call of the test functions test runners put in
// scope as globals (jest, mocha, vitest with globals, supertest suites): `describe(...)`, `it(...)`,
// `test(...)`, `suite(...)`, also `.each`/`.only`/`.skip` forms, when the file does not declare or
// import that name itself (a local `test` function is not a runner's).
import ts from '../../shared/typescript.cjs';

const GLOBAL_TEST_FUNCTIONS = new Set(['describe', 'it', 'test', 'suite']);

function calleeRoot(expression: ts.Expression): string | null {
  let current: ts.Expression = expression;
  // describe.each([...])('name', fn): the outer call's callee is itself a call.
  while (ts.isCallExpression(current) || ts.isPropertyAccessExpression(current) || ts.isTaggedTemplateExpression(current)) {
    current = ts.isTaggedTemplateExpression(current) ? current.tag : current.expression;
  }
  return ts.isIdentifier(current) ? current.text : null;
}

function topLevelNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.add(statement.name.text);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
    }
    if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) names.add(clause.name.text);
      if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) for (const element of clause.namedBindings.elements) names.add(element.name.text);
    }
  }
  return names;
}

export function declaresGlobalTests(sourceFile: ts.SourceFile): boolean {
  let declared: Set<string> | null = null;
  for (const statement of sourceFile.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) continue;
    const name = calleeRoot(statement.expression);
    if (name === null || !GLOBAL_TEST_FUNCTIONS.has(name)) continue;
    declared ??= topLevelNames(sourceFile);
    if (!declared.has(name)) return true;
  }
  return false;
}
