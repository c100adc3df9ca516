// Calls of methods a model class declares (`core/member-facts.ts`): a custom static or an association
// accessor called in one file, declared in another. Each definition is bound to its owner entity; a
// call whose model binds to that owner becomes an access of the entity the member reaches, with its
// mode. A body-defined member (a custom static) reaches its owner, written when its body writes
// (lines from-to of its file hold a write), read when it only reads; a body that touches no table
// makes the call no access.
import type { EntityRecord } from '../../../shared/analysis.js';
import type { AccessMode, DataAccessFact, EntityRef, FileFacts, OrmName, RepoPath } from '../../../shared/facts.js';
import { isMemberFact, memberCallOf, memberDefinition, type MemberDefinition } from '../core/member-facts.js';
import { isAliasFact } from '../core/sink.js';

export type MemberBinder = (target: EntityRef, file: RepoPath, orm: OrmName) => EntityRecord | null;

export interface MemberReach {
  record: EntityRecord;
  mode: AccessMode;
  operation: string;
}

interface Definition {
  file: RepoPath;
  fact: DataAccessFact;
  def: MemberDefinition;
}

/** A static that calls another (`this.findBySlug()` in `findActive`) is followed this deep. */
const MAX_DEPTH = 3;

export class MemberCalls {
  private readonly definitions = new Map<string, Definition[]>();
  private readonly factsByFile = new Map<RepoPath, readonly DataAccessFact[]>();
  private readonly bodyMemo = new Map<string, AccessMode | null>();

  constructor(
    files: readonly FileFacts[],
    private readonly bind: MemberBinder,
  ) {
    for (const facts of files) {
      let any = false;
      for (const fact of facts.dataAccess) {
        const def = fact.role === 'schema' ? null : memberDefinition(fact);
        if (!def) continue;
        any = true;
        const owner = bind(def.owner, facts.path, fact.orm);
        if (!owner) continue;
        const key = `${owner.id}\u0000${def.key}`;
        const list = this.definitions.get(key);
        if (list) list.push({ file: facts.path, fact, def });
        else this.definitions.set(key, [{ file: facts.path, fact, def }]);
      }
      if (any) this.factsByFile.set(facts.path, facts.dataAccess);
    }
  }

  /** Definitions and calls are no accesses of their own. */
  isMemberFact(fact: DataAccessFact): boolean {
    return isMemberFact(fact);
  }

  /** What a `member-call:` fact whose model bound to `owner` accesses; empty when nothing is declared for it. */
  reach(fact: DataAccessFact, owner: EntityRecord, depth = 0): MemberReach[] {
    const call = memberCallOf(fact);
    if (!call || depth > MAX_DEPTH) return [];
    const reaches: MemberReach[] = [];
    for (const { file, fact: defFact, def } of this.definitions.get(`${owner.id}\u0000${call.key}`) ?? []) {
      if (defFact.orm !== fact.orm) continue;
      if (def.kind === 'def') {
        const record = this.bind(defFact.target, file, defFact.orm);
        if (record) reaches.push({ record, mode: defFact.mode, operation: call.text });
        continue;
      }
      const mode = this.bodyMode(file, def, owner, depth);
      if (mode) reaches.push({ record: owner, mode, operation: call.text });
    }
    return reaches;
  }

  /** write if the body writes anything, read if it only reads, null if it touches no table. */
  private bodyMode(file: RepoPath, def: Extract<MemberDefinition, { kind: 'body' }>, owner: EntityRecord, depth: number): AccessMode | null {
    const memo = `${file}\u0000${owner.id}\u0000${def.key}`;
    if (this.bodyMemo.has(memo)) return this.bodyMemo.get(memo)!;
    this.bodyMemo.set(memo, null);
    let mode: AccessMode | null = null;
    for (const fact of this.factsByFile.get(file) ?? []) {
      if (fact.line < def.from || fact.line > def.to || fact.role === 'schema' || isAliasFact(fact) || memberDefinition(fact)) continue;
      const root = this.bind(fact.target, file, fact.orm);
      if (!root) continue;
      const modes = memberCallOf(fact) ? this.reach(fact, root, depth + 1).map((reach) => reach.mode) : [fact.mode];
      for (const found of modes) if (found === 'write' || mode === null) mode = found;
      if (mode === 'write') break;
    }
    this.bodyMemo.set(memo, mode);
    return mode;
  }
}
