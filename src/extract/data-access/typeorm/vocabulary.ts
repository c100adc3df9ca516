// TypeORM's methods and what they do to the database. Anything not listed (create, merge, hasId,
// getId) touches no table and is ignored: never guessed as a write.
import type { AccessMode } from '../../../shared/facts.js';
import type { ModelCallVocabulary } from '../core/adapter.js';
import { methodTable, readsAndWrites } from '../core/method-table.js';

const READS = [
  'find', 'findBy', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findAndCount', 'findAndCountBy',
  'findByIds', 'count', 'countBy', 'exist', 'exists', 'existsBy', 'sum', 'average', 'minimum', 'maximum', 'preload',
  'findTrees', 'findRoots', 'findDescendants', 'findDescendantsTree', 'findAncestors', 'findAncestorsTree',
  'countDescendants', 'countAncestors', 'aggregate',
];
const WRITES = [
  'save', 'insert', 'update', 'delete', 'remove', 'upsert', 'softDelete', 'softRemove', 'restore', 'recover',
  'increment', 'decrement', 'clear', 'updateAll', 'deleteAll', 'insertOne', 'insertMany', 'updateOne', 'updateMany',
  'deleteOne', 'deleteMany', 'replaceOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'bulkWrite',
];

/** Repository and EntityManager methods (the manager takes the entity as its first argument). */
export const REPOSITORY_METHODS: Readonly<Record<string, AccessMode>> = readsAndWrites(READS, WRITES);

/**
 * Methods called on a repository a class holds in a member: the repository's own, and its query
 * builder, read unless the builder is known to write (a held builder's later calls are not followed).
 */
export const REPOSITORY_MEMBER_METHODS: Readonly<Record<string, AccessMode>> = { ...REPOSITORY_METHODS, createQueryBuilder: 'read' };

/** Manager methods whose first argument may be an entity instance rather than its class. */
export const INSTANCE_ARGUMENT_METHODS = new Set(['save', 'remove', 'softRemove', 'recover', 'insert', 'upsert']);

/** Query-builder methods that make the whole builder a write. */
export const QUERY_BUILDER_WRITES = new Set(['update', 'insert', 'delete', 'softDelete', 'restore']);

/** Query-builder methods naming a table by entity: first argument, mode of the builder. */
export const QUERY_BUILDER_TARGETS = new Set(['from', 'into', 'update']);

/** Joins: `innerJoin(Entity, alias)`; the `...AndMap...` forms take the entity second. */
export const QUERY_BUILDER_JOINS: Readonly<Record<string, number>> = methodTable({
  innerJoin: 0, leftJoin: 0, innerJoinAndSelect: 0, leftJoinAndSelect: 0,
  innerJoinAndMapOne: 1, innerJoinAndMapMany: 1, leftJoinAndMapOne: 1, leftJoinAndMapMany: 1,
});

/**
 * Active record (`class Order extends BaseEntity`) and exported custom repositories (`OrderRepository.find()`).
 * Instance `remove` is left out: on a data-mapper entity it is as likely a domain method as a delete.
 */
export const TYPEORM_MODEL_CALLS: ModelCallVocabulary = {
  statics: readsAndWrites(
    READS,
    ['save', 'insert', 'update', 'delete', 'remove', 'upsert', 'softDelete', 'softRemove', 'restore', 'increment', 'decrement', 'clear'],
  ),
  instance: methodTable({ save: 'write', softRemove: 'write', recover: 'write', reload: 'read' }),
  factories: ['create'],
};
