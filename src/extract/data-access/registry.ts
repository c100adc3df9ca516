// Every ORM adapter, in a fixed order (the order only decides which runs first; output is sorted).
// To add one: copy `_template/`, fill it in, and list it here.
import type { OrmAdapter } from './core/adapter.js';
import { drizzleAdapter } from './drizzle/index.js';
import { knexAdapter } from './knex/index.js';
import { kyselyAdapter } from './kysely/index.js';
import { mikroOrmAdapter } from './mikro-orm/index.js';
import { mongooseAdapter } from './mongoose/index.js';
import { prismaAdapter } from './prisma/index.js';
import { rawSqlAdapter } from './raw-sql/index.js';
import { sequelizeAdapter } from './sequelize/index.js';
import { typeormAdapter } from './typeorm/index.js';

export const ORM_ADAPTERS: readonly OrmAdapter[] = [
  typeormAdapter,
  prismaAdapter,
  mongooseAdapter,
  sequelizeAdapter,
  mikroOrmAdapter,
  drizzleAdapter,
  knexAdapter,
  kyselyAdapter,
  rawSqlAdapter,
];
