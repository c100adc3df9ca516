// Entry points: where requests and messages come into the code. The plan puts them behind the
// strangler facade. Express/Koa/Fastify-style `router.get('/x', ...)`, NestJS controller decorators,
// event subscriptions (`bus.on('order.placed', ...)`, `@OnEvent`, message patterns, queue processors).
import ts from '../../shared/typescript.cjs';
import type { EntryPointFact } from '../../shared/facts.js';
import { lineOf } from '../imports/scan-imports.js';

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'all']);
const SUBSCRIBE_METHODS = new Set(['on', 'once', 'addListener', 'subscribe', 'consume', 'process', 'handle']);
const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Options', 'Head', 'All']);
const HANDLER_DECORATORS = new Set([
  'OnEvent',
  'EventPattern',
  'MessagePattern',
  'SubscribeMessage',
  'Process',
  'Processor',
  'Cron',
  'RabbitSubscribe',
  'SqsMessageHandler',
]);
// Receivers that are not the application's own routers or buses.
const IGNORED_RECEIVERS = new Set(['process', 'console', 'window', 'document', 'socket', 'req', 'res', 'request', 'response', 'stream']);

function literal(node: ts.Node | undefined): string | null {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return null;
}

function decoratorCall(decorator: ts.Decorator): { name: string; firstArgument: ts.Expression | undefined } | null {
  const expression = decorator.expression;
  if (ts.isCallExpression(expression) && ts.isIdentifier(expression.expression)) {
    return { name: expression.expression.text, firstArgument: expression.arguments[0] };
  }
  if (ts.isIdentifier(expression)) return { name: expression.text, firstArgument: undefined };
  return null;
}

function decoratorPath(argument: ts.Expression | undefined): string {
  const text = literal(argument);
  if (text !== null) return text;
  if (argument && ts.isObjectLiteralExpression(argument)) {
    for (const property of argument.properties) {
      if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === 'path') {
        return literal(property.initializer) ?? '';
      }
    }
  }
  return '';
}

function joinRoute(prefix: string, path: string): string {
  const joined = [prefix, path].map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
  return `/${joined}`;
}

function receiverName(expression: ts.Expression): string {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return '';
}

/** Returns a visitor for the shared walk and the list it fills. */
export function createEntryPointScanner(sourceFile: ts.SourceFile): { visit: (node: ts.Node) => void; entryPoints: EntryPointFact[] } {
  const entryPoints: EntryPointFact[] = [];
  const add = (kind: EntryPointFact['kind'], name: string, node: ts.Node): void => {
    entryPoints.push({ kind, name, line: lineOf(sourceFile, node.getStart(sourceFile)) });
  };

  const visitClass = (node: ts.ClassDeclaration): void => {
    let prefix: string | null = null;
    for (const decorator of ts.getDecorators(node) ?? []) {
      const call = decoratorCall(decorator);
      if (call?.name === 'Controller') prefix = decoratorPath(call.firstArgument);
      else if (call && HANDLER_DECORATORS.has(call.name)) add('handler', literal(call.firstArgument) ?? call.name, node);
    }
    for (const member of node.members) {
      if (!ts.isMethodDeclaration(member)) continue;
      for (const decorator of ts.getDecorators(member) ?? []) {
        const call = decoratorCall(decorator);
        if (!call) continue;
        if (prefix !== null && ROUTE_DECORATORS.has(call.name)) {
          add('http', `${call.name.toUpperCase()} ${joinRoute(prefix, decoratorPath(call.firstArgument))}`, member);
        } else if (HANDLER_DECORATORS.has(call.name)) {
          const methodName = member.name && ts.isIdentifier(member.name) ? member.name.text : call.name;
          add('handler', literal(call.firstArgument) ?? `${call.name} ${methodName}`, member);
        }
      }
    }
  };

  const visitCall = (node: ts.CallExpression): void => {
    const callee = node.expression;
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    const receiver = receiverName(callee.expression);
    if (IGNORED_RECEIVERS.has(receiver)) return;
    const first = literal(node.arguments[0]);
    if (first === null || node.arguments.length < 2) return;
    if (HTTP_METHODS.has(method) && first.startsWith('/')) add('http', `${method.toUpperCase()} ${first}`, node);
    else if (SUBSCRIBE_METHODS.has(method) && !first.startsWith('/')) add('handler', first, node);
  };

  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node)) visitClass(node);
    else if (ts.isCallExpression(node)) visitCall(node);
  };
  return { visit, entryPoints };
}
