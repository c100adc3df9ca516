import { describe, expect, it } from 'vitest';
import { rowsOf, runProject } from './helpers/project.js';

const PRISMA_SCHEMA = `model User {
  id    Int    @id
  role  Role
  posts Post[]
  @@map("users")
}
model Post {
  id       Int       @id
  author   User      @relation(fields: [authorId], references: [id])
  authorId Int
  comments Comment[]
  @@map("posts")
}
model Comment {
  id     Int  @id
  post   Post @relation(fields: [postId], references: [id])
  postId Int
  @@map("comments")
}
enum Role {
  ADMIN
}
`;

describe('relation loads are reads of the related tables', () => {
  it('Prisma include, nested select and _count follow schema.prisma relation fields; scalars and enums lead nowhere', () => {
    const run = runProject({
      'prisma/schema.prisma': PRISMA_SCHEMA,
      'src/db.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
      'src/a.ts': `import { prisma } from './db';\nexport const a = () => prisma.user.findMany({ include: { posts: { include: { comments: true } } } });\n`,
      'src/b.ts': `import { prisma } from './db';\nexport const b = () => prisma.post.findFirst({ select: { id: true, author: { select: { role: true } } } });\n`,
      'src/c.ts': `import { prisma } from './db';\nexport const c = () => prisma.post.findMany({ select: { _count: { select: { comments: true } } } });\n`,
      'src/d.ts': `import { prisma } from './db';\nexport const d = () => prisma.user.create({ data: {}, include: { posts: false } });\n`,
    });
    expect(rowsOf(run, 'src/a.ts')).toEqual(['src/a.ts comments read', 'src/a.ts posts read', 'src/a.ts users read']);
    expect(rowsOf(run, 'src/b.ts')).toEqual(['src/b.ts posts read', 'src/b.ts users read']);
    expect(rowsOf(run, 'src/c.ts')).toEqual(['src/c.ts comments read', 'src/c.ts posts read']);
    expect(rowsOf(run, 'src/d.ts')).toEqual(['src/d.ts users write']);
    expect(run.linked.entities.map((entity) => entity.id)).toEqual(['Comment', 'Post', 'User']);
  });

  it('Drizzle with: through relations() declared in the schema file or apart from it', () => {
    const run = runProject({
      'src/schema.ts': `import { pgTable, serial } from 'drizzle-orm/pg-core';
import { relations } from 'drizzle-orm';
export const users = pgTable('users', { id: serial('id') });
export const posts = pgTable('posts', { id: serial('id') });
export const comments = pgTable('comments', { id: serial('id') });
export const postsRelations = relations(posts, ({ one, many }) => ({ author: one(users, { fields: [], references: [] }), comments: many(comments) }));
`,
      'src/relations.ts': `import { relations } from 'drizzle-orm';\nimport * as s from './schema';\nexport const usersRelations = relations(s.users, ({ many }) => { return { posts: many(s.posts) }; });\n`,
      'src/db.ts': `import { drizzle } from 'drizzle-orm/node-postgres';\nimport * as schema from './schema';\nexport const db = drizzle('', { schema });\n`,
      'src/feed.ts': `import { db } from './db';
export const feed = () => db.query.users.findMany({ with: { posts: { with: { comments: true, author: true } } } });
`,
    });
    expect(rowsOf(run, 'src/feed.ts')).toEqual(['src/feed.ts comments read', 'src/feed.ts posts read', 'src/feed.ts users read']);
  });

  it('TypeORM relations as paths or an object, on repositories and the manager, and joined relation paths', () => {
    const run = runProject({
      'src/user.entity.ts': `import { Entity, OneToMany } from 'typeorm';
import { Post } from './post.entity';
@Entity('users')
export class User {
  @OneToMany(() => Post, (post) => post.author) posts!: Post[];
}
`,
      'src/post.entity.ts': `import { Entity, ManyToOne, OneToMany } from 'typeorm';
import { User } from './user.entity';
import { Comment } from './comment.entity';
@Entity('posts')
export class Post {
  @ManyToOne('User', 'posts') author!: User;
  @OneToMany((type) => Comment, (comment) => comment.post) comments!: Comment[];
}
`,
      'src/comment.entity.ts': `import { Entity, ManyToOne } from 'typeorm';\nimport { Post } from './post.entity';\n@Entity('comments')\nexport class Comment {\n  @ManyToOne(() => Post) post!: Post;\n}\n`,
      'src/a.ts': `import { DataSource } from 'typeorm';\nimport { User } from './user.entity';\nexport const a = (ds: DataSource) => ds.getRepository(User).find({ relations: ['posts', 'posts.comments'] });\n`,
      'src/b.ts': `import { EntityManager } from 'typeorm';\nimport { Comment } from './comment.entity';\nexport const b = (m: EntityManager) => m.findOne(Comment, { where: {}, relations: { post: { author: true } } });\n`,
      'src/c.ts': `import { DataSource } from 'typeorm';\nimport { Post } from './post.entity';
export const c = (ds: DataSource) => ds.getRepository(Post).createQueryBuilder('p').leftJoinAndSelect('p.comments', 'c').innerJoin('c.post', 'again').getMany();
`,
      'src/d.ts': `import { DataSource } from 'typeorm';\nimport { Post } from './post.entity';\nexport const d = (ds: DataSource) => ds.getRepository(Post).find({ relations: ['nothing', 'author.missing'] });\n`,
    });
    expect(rowsOf(run, 'src/a.ts')).toEqual(['src/a.ts comments read', 'src/a.ts posts read', 'src/a.ts users read']);
    expect(rowsOf(run, 'src/b.ts')).toEqual(['src/b.ts comments read', 'src/b.ts posts read', 'src/b.ts users read']);
    expect(rowsOf(run, 'src/c.ts')).toEqual(['src/c.ts comments read', 'src/c.ts posts read']);
    expect(rowsOf(run, 'src/d.ts')).toEqual(['src/d.ts posts read']);
    expect(run.linked.entities.map((entity) => entity.id)).toEqual(['Comment', 'Post', 'User']);
  });
});
