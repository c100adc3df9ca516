// Data access: which files define, read and write which tables. Per file, `scanDataAccess` runs every
// ORM adapter whose cheap gate opens over one shared walk of the already-parsed tree, then the
// model-call pass (`Order.find()` on imported models); in a migration or seed, what it finds (and the
// tables its schema builder and DDL name) becomes schema facts, never accesses. Once per project,
// `linkDataAccess` binds what the files name (classes, model names, table names) to entity
// definitions, following re-exports, and merges accesses into one record per (module, entity, mode).
import type { DataAccessFact } from '../../shared/facts.js';
import type { DataAccessAdapter, DataAccessScanInput, DataAccessScanResult } from '../types.js';
import { adapterApplies, toDataAccessAdapter } from './core/adapter.js';
import { exportedStrings } from './core/constants.js';
import { indexFile } from './core/file-index.js';
import { callsImportedMember, collectModelCalls, MODEL_LIKE_NAME, modelCallGate, type OrmVocabulary } from './core/model-calls.js';
import { CLASS_GATE, collectClassFacts, collectRepositoryCalls, collectTypedServiceCalls, importsRepositoryClass, memberCallGate, TYPED_SERVICE_GATE, type MemberVocabulary } from './core/inherited-models.js';
import { schemaRoleOf } from './core/schema-role.js';
import { collectSchemaDefinitions } from './core/schema-definitions.js';
import { FactSink, isAliasFact } from './core/sink.js';
import { ORM_ADAPTERS } from './registry.js';

export { linkDataAccess } from './link/link-data-access.js';

const MODEL_CALL_VOCABULARIES: OrmVocabulary[] = ORM_ADAPTERS.flatMap((adapter) =>
  adapter.modelCalls ? [{ orm: adapter.orm, vocabulary: adapter.modelCalls }] : [],
);

const MODEL_CALL_GATE = modelCallGate(MODEL_CALL_VOCABULARIES);

const MEMBER_VOCABULARIES: MemberVocabulary[] = ORM_ADAPTERS.flatMap((adapter) =>
  adapter.members ? [{ orm: adapter.orm, packages: adapter.packages, ...adapter.members }] : [],
);
/** ORMs whose entities generic data services may be typed with, and every ORM's packages (whose own types are left to it). */
const MEMBER_ORMS = MEMBER_VOCABULARIES.map((vocabulary) => vocabulary.orm);
const MEMBER_CALL_GATE = memberCallGate(MEMBER_VOCABULARIES);
const ORM_PACKAGES = ORM_ADAPTERS.flatMap((adapter) => adapter.packages);

/** The adapters in the extractor's own shape, for callers that want to run one alone. */
export const dataAccessAdapters: DataAccessAdapter[] = ORM_ADAPTERS.map(toDataAccessAdapter);

// Kept in schema-files.ts, which must not load the compiler (a fully cached run reads schemas too).
export { schemaFileAdapters } from './schema-files.js';

/** A model imported from another project file (`import { Order } from './order.model'`) may be called. */
function importsProjectModelName(input: DataAccessScanInput): boolean {
  for (const [local, imported] of input.importsByLocal) {
    // A default import may be an object of models (`models.Order.findAll()`, sequelize/model-registry.ts).
    if (imported.module !== null && (imported.imported === '*' || imported.imported === 'default' || MODEL_LIKE_NAME.test(local))) return true;
  }
  return false;
}

export function scanDataAccess(input: DataAccessScanInput): DataAccessScanResult {
  // Any file may hold the table names other files query (`export const TABLES = {...}`).
  const strings = exportedStrings(input.sourceFile);
  const withStrings = (result: DataAccessScanResult): DataAccessScanResult => (strings ? { ...result, exportedStrings: strings } : result);
  const applying = ORM_ADAPTERS.filter((adapter) => adapterApplies(adapter, input));
  const modelCalls = importsProjectModelName(input) && (MODEL_CALL_GATE.test(input.text) || callsImportedMember(input));
  const role = schemaRoleOf(input.path, input.text);
  // A class may use a model its base class (maybe in another file) holds.
  const classes = applying.length > 0 || CLASS_GATE.test(input.text) || MEMBER_CALL_GATE(input.text);
  const repositories = importsRepositoryClass(input);
  if (applying.length === 0 && !modelCalls && !role && !classes && !repositories) return withStrings({ entities: [], accesses: [], unresolved: 0 });
  const file = indexFile(input);
  const sink = new FactSink(file);
  for (const adapter of applying) {
    sink.adapter = adapter.orm;
    adapter.collect(file, sink);
  }
  if (applying.length > 0 || modelCalls || role) collectModelCalls(file, sink, MODEL_CALL_VOCABULARIES);
  if (!role && (repositories || TYPED_SERVICE_GATE.test(input.text))) collectTypedServiceCalls(file, sink, MEMBER_ORMS, ORM_PACKAGES);
  const classFacts = classes && !role ? collectClassFacts(file, MEMBER_VOCABULARIES) : [];
  const repositoryCalls = repositories && !role ? collectRepositoryCalls(file) : [];
  const withClasses = (result: DataAccessScanResult): DataAccessScanResult => ({
    ...result,
    ...(classFacts.length > 0 ? { classes: classFacts } : {}),
    ...(repositoryCalls.length > 0 ? { repositoryCalls } : {}),
  });
  if (!role) return withStrings(withClasses(sink.result()));
  // A migration or seed defines and fills the schema: its tables are schema facts, and what it could
  // not name is nobody's unresolved access.
  collectSchemaDefinitions(file, sink);
  const { entities, accesses: found, relations } = sink.result();
  const accesses = found.map((fact): DataAccessFact => (isAliasFact(fact) ? fact : { ...fact, role: 'schema' }));
  return withStrings({ entities, accesses, unresolved: 0, ...(relations ? { relations } : {}) });
}
