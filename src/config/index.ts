// Stage 0, config: carve.config.json, the contexts a team agreed on. Found in the analyzed folder (or
// given with --config), validated by a zod schema (the same one the shipped JSON schema is generated
// from) and by semantic checks (unknown contexts, overlapping paths, exposed files outside their
// context, data with two owners). Every error names the file and the dotted field. contextOfFile maps a
// RepoPath to its context with the config's globs; `carve init` writes a config with configFromAnalysis.
export { baselinePath, configRepository, loadConfig, parseConfig, projectTsconfigPath, type LoadedConfig } from './load.js';
export { contextOfFile, isExposedFile, isInContext, compileGlobs, unmatchedGlobs } from './match.js';
export { formatFieldPath } from './issues.js';
export {
  CONFIG_FILE_NAME,
  CONFIG_SCHEMA_REFERENCE,
  CONFIG_SCHEMA_IN_PACKAGE,
  configSchemaUrl,
  DEFAULT_BASELINE_FILE,
  configSchema,
  renderConfigJsonSchema,
  ruleSeverity,
  RULE_NAMES,
  type CarveConfig,
  type ContextConfig,
  type RuleName,
  type Severity,
} from './schema.js';
export { configFromAnalysis, renderConfig, type InitOptions } from './from-analysis.js';
export { coverContexts, escapeGlob } from './cover-globs.js';
