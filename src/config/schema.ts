// The zod schema of carve.config.json (DESIGN.md, "carve.config.json"). It is the single source of
// truth: the CarveConfig type is inferred from it and schema/carve.config.schema.json is generated from
// it (scripts/gen-schema.ts), so the editor's checks and Carve's own never disagree.
import { z } from 'zod';

/** The config file Carve looks for in the analyzed folder. */
export const CONFIG_FILE_NAME = 'carve.config.json';
/** Accepted violations live here unless the config names another file (relative to the config). */
export const DEFAULT_BASELINE_FILE = 'carve-baseline.json';
/** What `carve init` writes as `$schema` when Carve is installed beside the config: the schema shipped in the npm package. */
export const CONFIG_SCHEMA_REFERENCE = './node_modules/carve/schema/carve.config.schema.json';
/** The package's schema file, relative to the package folder. */
export const CONFIG_SCHEMA_IN_PACKAGE = 'schema/carve.config.schema.json';

/** The stable URL form of the schema, pinned to a version: for a config with no installed Carve near it. */
export function configSchemaUrl(version: string): string {
  return `https://unpkg.com/carve@${version}/${CONFIG_SCHEMA_IN_PACKAGE}`;
}

// Names appear in messages, file names and SARIF rule text: keep them plain.
const CONTEXT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const glob = z.string().min(1, { error: 'a glob cannot be empty' });

export const contextNameSchema = z
  .string()
  .regex(CONTEXT_NAME, { error: 'a context name starts with a letter or digit and holds only letters, digits, ".", "_" and "-"' });

export const contextConfigSchema = z
  .strictObject({
    paths: z
      .array(glob)
      .min(1, { error: 'a context needs at least one path glob' })
      .describe('Globs, relative to the analyzed folder, of the files this context owns ("src/orders/**"); a "!glob" entry leaves files out.'),
    entities: z
      .array(z.string().min(1, { error: 'an entity name cannot be empty' }))
      .optional()
      .describe('Entities (by name in code) or tables (by database name) this context owns; no other context may read or write them.'),
    expose: z
      .array(glob)
      .optional()
      .describe('Files of this context other contexts may import; empty or absent: any of its files.'),
    dependsOn: z
      .array(contextNameSchema)
      .optional()
      .describe('Contexts whose files this context may import.'),
  })
  .describe('One bounded context.');

export const projectSchema = z
  .strictObject({
    tsconfig: z
      .string()
      .min(1, { error: 'the tsconfig path cannot be empty' })
      .optional()
      .describe("The tsconfig every file resolves with, relative to this file; default: each file's nearest tsconfig.json."),
    include: z
      .array(glob)
      .optional()
      .describe('Files to analyze, as globs relative to the analyzed folder; default: what the tsconfigs include.'),
  })
  .describe('The project Carve reads, as `carve init` read it: `check` and `analyze` use it when the command line gives no --tsconfig or --include.');

// A name as code spells it: `MyEntity`, `getRepo`, `db.repo` is not one.
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const identifier = z.string().regex(IDENTIFIER, { error: 'a name here is an identifier as code spells it (letters, digits, "_" and "$", not starting with a digit)' });

export const dataAccessSchema = z
  .strictObject({
    entityDecorators: z
      .array(identifier)
      .optional()
      .describe('Class decorators that declare an entity where Carve cannot see it (a decorator from a package): `@MyEntity(\'orders\')` maps the class to a table as `@Entity` does.'),
    repositoryFactories: z
      .array(identifier)
      .optional()
      .describe('Functions or methods that return the repository of the entity they are given (`getRepo(Order).find()`, `this.db.repo(ctx, Order)`), when Carve cannot read their body.'),
  })
  .describe('What no rule can see in the data-access code: names Carve should take as ORM building blocks.');

/** How much a rule weighs: `error` fails the check, `warn` is reported and never fails, `off` is not checked. */
export const severitySchema = z.enum(['error', 'warn', 'off']);

/** The rules `carve check` enforces, by id; every rule is an error unless the config says otherwise. */
export const RULE_NAMES = ['depends-on', 'expose', 'data-ownership', 'unassigned'] as const;

export const rulesSchema = z
  .strictObject({
    'depends-on': severitySchema.optional().describe('A file imports a context its own context does not list in dependsOn.'),
    expose: severitySchema.optional().describe('A file imports a file another context does not list in expose.'),
    'data-ownership': severitySchema.optional().describe('A file reads or writes an entity another context owns.'),
    unassigned: severitySchema
      .optional()
      .describe('A file in no context: new ones (absent at --base, or from the baseline) are violations; the ones already accepted are counted.'),
  })
  .describe('Severity per rule: "error" (the default) fails the check, "warn" is reported and never fails, "off" is not checked.');

export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON schema of this file, for editors.'),
    project: projectSchema.optional(),
    include: z
      .array(glob)
      .optional()
      .describe('Files to analyze, as globs relative to the analyzed folder; default: what tsconfig includes.'),
    exclude: z.array(glob).optional().describe('Files to leave out, as globs relative to the analyzed folder.'),
    dataAccess: dataAccessSchema.optional(),
    contexts: z
      .record(contextNameSchema, contextConfigSchema)
      .describe('The agreed bounded contexts, by name.'),
    baseline: z
      .string()
      .min(1, { error: 'the baseline path cannot be empty' })
      .optional()
      .describe(`Accepted violations, relative to this file; default "${DEFAULT_BASELINE_FILE}".`),
    rules: rulesSchema.optional(),
    strictBaseline: z
      .boolean()
      .optional()
      .describe('Fail when the baseline holds entries that no longer occur, so the ratchet only turns one way (as --strict-baseline).'),
  })
  .describe('Carve: the agreed bounded contexts of this repository, checked by `carve check`.');

export type CarveConfig = z.infer<typeof configSchema>;
export type ContextConfig = z.infer<typeof contextConfigSchema>;
export type DataAccessConfig = z.infer<typeof dataAccessSchema>;
export type Severity = z.infer<typeof severitySchema>;
export type RuleName = (typeof RULE_NAMES)[number];

/** The severity the config gives a rule: error unless said otherwise. */
export function ruleSeverity(config: CarveConfig, rule: RuleName): Severity {
  return config.rules?.[rule] ?? 'error';
}

/** The JSON schema Carve ships (schema/carve.config.schema.json), as the exact text committed. */
export function renderConfigJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  const document = { $schema, title: 'carve.config.json', ...rest };
  return `${JSON.stringify(document, null, 2)}\n`;
}
