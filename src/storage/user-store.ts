import type { Kysely, Selectable } from 'kysely'
import type { UserStore } from '../domain/accounts/account-stores.js'
import type { Role, User } from '../domain/accounts/user.js'
import { fromDbCount, fromDbTime, toDbTime } from './dialect.js'
import type { Database, UserTable } from './schema.js'

const COLUMNS = [
  'id',
  'email',
  'display_name',
  'role',
  'author_id',
  'active',
  'created_at',
  'updated_at',
] as const

function toUser(row: Omit<Selectable<UserTable>, 'password_hash'>): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    authorId: row.author_id,
    active: row.active === 1,
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
  }
}

export function createUserStore(db: Kysely<Database>): UserStore {
  return {
    async findById(id) {
      const row = await db
        .selectFrom('users')
        .select(COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst()
      return row && toUser(row)
    },

    async findByEmailWithHash(email) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirst()
      return row && { ...toUser(row), passwordHash: row.password_hash }
    },

    async findByAuthorId(authorId) {
      const row = await db
        .selectFrom('users')
        .select(COLUMNS)
        .where('author_id', '=', authorId)
        .executeTakeFirst()
      return row && toUser(row)
    },

    async list() {
      const rows = await db.selectFrom('users').select(COLUMNS).orderBy('display_name').execute()
      return rows.map(toUser)
    },

    async countActiveAdmins() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('role', '=', 'admin')
        .where('active', '=', 1)
        .executeTakeFirstOrThrow()
      return fromDbCount(row.count)
    },

    async insert(user) {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          display_name: user.displayName,
          role: user.role,
          author_id: user.authorId,
          password_hash: user.passwordHash,
          active: user.active ? 1 : 0,
          created_at: toDbTime(user.createdAt),
          updated_at: toDbTime(user.updatedAt),
        })
        .execute()
    },

    async update(id, changes) {
      await db
        .updateTable('users')
        .set({
          ...(changes.displayName !== undefined && { display_name: changes.displayName }),
          ...(changes.role !== undefined && { role: changes.role }),
          ...(changes.active !== undefined && { active: changes.active ? 1 : 0 }),
          updated_at: toDbTime(changes.updatedAt),
        })
        .where('id', '=', id)
        .execute()
    },

    async setPasswordHash(id, passwordHash, updatedAt) {
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash, updated_at: toDbTime(updatedAt) })
        .where('id', '=', id)
        .execute()
    },

    async linkAuthor(id, authorId) {
      await db.updateTable('users').set({ author_id: authorId }).where('id', '=', id).execute()
    },
  }
}
