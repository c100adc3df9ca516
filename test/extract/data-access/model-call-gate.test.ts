// The text gate for calls of imported names' own members (core/model-calls.ts, callsImportedMember):
// one scan per shape with the name looked up. It must open exactly where an alternation of every
// imported name would (the reference below), on the shapes and near misses that matter.
import { describe, expect, it } from 'vitest';
import ts from '../../../src/shared/typescript.cjs';
import { callsImportedMember, MODEL_LIKE_NAME } from '../../../src/extract/data-access/core/model-calls.js';
import type { DataAccessScanInput } from '../../../src/extract/types.js';

function input(text: string, locals: string[]): DataAccessScanInput {
  const importsByLocal = new Map(locals.map((local) => [local, { module: 'src/models.ts', imported: local }] as const));
  return {
    path: 'src/a.ts',
    text,
    sourceFile: ts.createSourceFile('a.ts', text, ts.ScriptTarget.Latest, true),
    importsByLocal: importsByLocal as unknown as DataAccessScanInput['importsByLocal'],
    specifiers: ['./models'],
  };
}

/** The gate as one regular expression of every name. */
function reference(text: string, locals: string[]): boolean {
  const models = locals.filter((local) => MODEL_LIKE_NAME.test(local));
  const registries = locals.filter((local) => !MODEL_LIKE_NAME.test(local));
  const alternatives: string[] = [];
  if (models.length > 0) alternatives.push(`(?:^|[^\\w$.])(?:${models.join('|')})\\.\\w+\\(`, `:\\s*(?:${models.join('|')})\\b(?!\\s*[.<])`);
  if (registries.length > 0) alternatives.push(`(?:^|[^\\w$.])(?:${registries.join('|')})\\.[A-Z]\\w*\\.\\w+\\(`);
  return alternatives.length > 0 && new RegExp(alternatives.join('|'), 'm').test(text);
}

const LOCALS = [['User', 'UserModel'], ['models'], ['Post', 'models', 'orderRepository'], ['User']];
const TEXTS = [
  'User.findBySlug(1)',
  'x.User.findBySlug(1)',
  '$User.find(1)',
  'Users.find(1)',
  'UserModel.scope(1)',
  'const a = 1;\nUser.x()',
  'User.x',
  'User . x()',
  'models.Comment.findBySlug(1)',
  'models.comment.find(1)',
  'xmodels.Comment.find(1)',
  '(post: Post) => post.getTags()',
  '(post: Post.Kind) => 1',
  '(post: Post<T>) => 1',
  '(post:\n  Post ) => 1',
  '(post: Poster) => 1',
  'a::Post',
  '(u: User$x) => 1',
  '(u: User  .x) => 1',
  'orderRepository.find(1)',
  'x = 1 ? User.y() : 2',
  'const s = "User.find()"',
];

describe('callsImportedMember', () => {
  it('opens exactly where the alternation of every imported name opens', () => {
    let opened = 0;
    for (const locals of LOCALS) {
      for (const text of TEXTS) {
        const expected = reference(text, locals);
        expect(callsImportedMember(input(text, locals)), `${locals.join(',')}: ${text}`).toBe(expected);
        if (expected) opened++;
      }
    }
    expect(opened).toBeGreaterThan(10);
  });
});
