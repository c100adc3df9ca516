// carve.config.json `dataAccess`: names no rule can see (a decorator or a repository factory from a
// package). Validated like the rest of the config; carried by the layout into the data-access scan
// (and so into the facts-cache key); the TypeORM adapter takes them as `@Entity` and `getRepository`.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/index.js';
import { layoutOptions } from '../../src/analysis/run-inputs.js';
import { scanDataAccess } from '../../src/extract/data-access/index.js';
import { scanInput } from '../extract/data-access/helpers/scan-input.js';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'carve-data-access-settings-')));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('dataAccess in carve.config.json', () => {
  it('accepts identifier names and refuses anything else, naming the field', () => {
    const config = parseConfig(JSON.stringify({ contexts: {}, dataAccess: { entityDecorators: ['MyEntity'], repositoryFactories: ['getRepo', '$repo'] } }));
    expect(config.dataAccess).toEqual({ entityDecorators: ['MyEntity'], repositoryFactories: ['getRepo', '$repo'] });
    expect(() => parseConfig(JSON.stringify({ contexts: {}, dataAccess: { repositoryFactories: ['db.getRepo'] } }))).toThrow(/dataAccess\.repositoryFactories/);
    expect(() => parseConfig(JSON.stringify({ contexts: {}, dataAccess: { entityDecorators: [''] } }))).toThrow(/dataAccess\.entityDecorators/);
    expect(() => parseConfig(JSON.stringify({ contexts: {}, dataAccess: { models: ['X'] } }))).toThrow(/models/);
  });

  it('reaches the layout options (the facts-cache key) only when it names something', () => {
    const repo = join(scratch, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    writeFileSync(join(repo, 'carve.config.json'), JSON.stringify({ contexts: {}, dataAccess: { repositoryFactories: ['getRepo'] } }));
    expect(layoutOptions({}, loadConfig(repo)!)).toEqual({ dataAccess: { repositoryFactories: ['getRepo'] } });
    writeFileSync(join(repo, 'carve.config.json'), JSON.stringify({ contexts: {}, dataAccess: { repositoryFactories: [] } }));
    expect(layoutOptions({}, loadConfig(repo)!)).toEqual({});
  });

  it('the TypeORM adapter takes a configured decorator as @Entity and a configured factory as getRepository', () => {
    const entityText = `import { Column } from 'typeorm';
import { MyEntity } from '@acme/orm';
@MyEntity('ledger_entries')
export class LedgerEntry { @Column() amount!: number; }
@MyEntity()
export class AuditRow { @Column() at!: Date; }
`;
    const serviceText = `import { getRepo } from '@acme/orm';
import { LedgerEntry } from './ledger';
export const total = () => getRepo(LedgerEntry).count();
export const drop = () => getRepo(LedgerEntry).delete({});
`;
    const settings = { entityDecorators: ['MyEntity'], repositoryFactories: ['getRepo'] };
    const known = new Set(['src/ledger.ts', 'src/service.ts']);
    const entities = scanDataAccess({ ...scanInput('src/ledger.ts', entityText, known), settings }).entities.map((entity) => `${entity.name}:${entity.table}`);
    expect(entities).toEqual(['LedgerEntry:ledger_entries', 'AuditRow:audit_row']);
    const accesses = scanDataAccess({ ...scanInput('src/service.ts', serviceText, known), settings }).accesses.map((fact) => `${fact.mode} ${JSON.stringify(fact.target)}`);
    expect(accesses).toEqual([
      'read {"by":"symbol","name":"LedgerEntry","module":"src/ledger.ts"}',
      'write {"by":"symbol","name":"LedgerEntry","module":"src/ledger.ts"}',
    ]);
    // Without the config, neither is known.
    expect(scanDataAccess(scanInput('src/ledger.ts', entityText, known)).entities).toEqual([]);
    expect(scanDataAccess(scanInput('src/service.ts', serviceText, known)).accesses).toEqual([]);
  });
});
