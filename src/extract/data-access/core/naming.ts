// Default table names the ORMs derive from a class or model name when none is given explicitly.
// Each follows the ORM's own rule, so `definedIn` entities carry the table the database really has.

/** TypeORM's DefaultNamingStrategy and MikroORM's UnderscoreNamingStrategy: `OrderItem` -> `order_item`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([A-Z])([A-Z])([a-z])/g, '$1_$2$3')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

// English plural rules in the spirit of the ones Mongoose and Sequelize (via `inflection`) apply to
// model names. Checked in order; the first whose pattern matches wins.
const PLURAL_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/(m)an$/, '$1en'],
  [/(pe)rson$/, '$1ople'],
  [/(child)$/, '$1ren'],
  [/^(ox)$/, '$1en'],
  [/(ax|test)is$/, '$1es'],
  [/(octop|vir)us$/, '$1i'],
  [/(alias|status)$/, '$1es'],
  [/(bu)s$/, '$1ses'],
  [/(buffal|tomat|potat)o$/, '$1oes'],
  [/([ti])um$/, '$1a'],
  [/sis$/, 'ses'],
  [/(?:([^f])fe|([lr])f)$/, '$1$2ves'],
  [/(hive)$/, '$1s'],
  [/([^aeiouy]|qu)y$/, '$1ies'],
  [/(x|ch|ss|sh)$/, '$1es'],
  [/(matr|vert|ind)(?:ix|ex)$/, '$1ices'],
  [/([ml])ouse$/, '$1ice'],
  [/(quiz)$/, '$1zes'],
  [/^goose$/, 'geese'],
  [/s$/, 's'],
  [/([^a-z])$/, '$1'],
  [/$/, 's'],
];

const UNCOUNTABLE = new Set([
  'advice', 'energy', 'equipment', 'information', 'money', 'species', 'series', 'rice', 'fish',
  'sheep', 'moose', 'deer', 'news', 'media', 'status', 'metadata', 'data',
]);

function pluralizeLower(word: string): string {
  if (UNCOUNTABLE.has(word)) return word;
  for (const [pattern, replacement] of PLURAL_RULES) {
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  return word;
}

/** Mongoose's collection name for a model: lower-cased, then pluralized (`Category` -> `categories`). */
export function mongooseCollectionName(modelName: string): string {
  return pluralizeLower(modelName.toLowerCase());
}

/** Sequelize's default table name: the model name pluralized, its case kept (`OrderItem` -> `OrderItems`). */
export function sequelizeTableName(modelName: string): string {
  const lower = modelName.toLowerCase();
  const plural = pluralizeLower(lower);
  let common = 0;
  while (common < lower.length && lower[common] === plural[common]) common++;
  return modelName.slice(0, common) + plural.slice(common);
}

/** Prisma's client accessor for a model: `OrderItem` -> `orderItem`. */
export function lowerFirst(name: string): string {
  return name.length === 0 ? name : name[0]!.toLowerCase() + name.slice(1);
}

/** A table as SQL builders spell it: `'orders as o'` -> 'orders', `'public.orders'` -> 'orders', quotes dropped. */
export function sqlTableName(raw: string): string {
  const first = raw.trim().split(/\s+as\s+|\s+/i)[0] ?? raw;
  return first.slice(first.lastIndexOf('.') + 1).replace(/^["`[]|["`\]]$/g, '');
}

/** The key an imported constant target is kept under in its file's `exportedStrings`. */
export function constantKey(name: string, path: readonly string[]): string {
  return [name, ...path].join('.');
}
