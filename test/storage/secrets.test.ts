// The secret behind commenters' keyed hashes and the signed form and commenter
// tokens lives outside the database (SECRET_KEY, or a key file in DATA_DIR),
// so a copy of the database cannot turn a hash back into an address. The
// files Dateline creates are readable by their owner only.
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test, type TestContext } from 'node:test'
import { sql } from 'kysely'
import { ConfigError, loadConfig } from '../../src/config.js'
import { createContext } from '../../src/context.js'
import { networkOf } from '../../src/domain/comments/reader-identity.js'
import { createDatabase } from '../../src/storage/database.js'
import { migrateUpTo } from '../../src/storage/migrate.js'
import { postComment } from '../helpers/comments.js'
import { createTestClock, promptTimers } from '../helpers/context.js'
import { createTestDatabase, testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'

const KEY_A = 'a-secret-key-for-tests-only-0123456789abcdef'
const KEY_B = 'another-secret-key-for-tests-only-0123456789'

function temporaryDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-secrets-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8)

/** A context as the server would make it: config from variables, a clock we move. */
async function open(t: TestContext, env: Record<string, string>) {
  const clock = createTestClock()
  const ctx = await createContext(
    loadConfig({ SITE_URL: 'https://news.example', LOG_LEVEL: 'silent', ...env }),
    { clock, timers: promptTimers },
  )
  t.after(() => ctx.close())
  await ctx.services.sections.ensureDefaults()
  return Object.assign(ctx, { clock })
}

async function database(t: TestContext, dialect: DialectName) {
  const db = await createTestDatabase(dialect)
  t.after(() => db.drop())
  return db.url
}

/** Every row of site_settings, read as anyone holding a copy would. */
async function settingsIn(t: TestContext, url: string) {
  const handle = await createDatabase(url)
  t.after(() => handle.close())
  const { rows } = await sql<{
    key: string
    value: string
  }>`select key, value from site_settings`.execute(handle.db)
  return rows
}

describe('files Dateline creates', () => {
  test('DATA_DIR 0700; the SQLite database, its -wal and -shm, and the key file 0600', async (t) => {
    const dataDir = join(temporaryDir(t), 'data')
    const ctx = await open(t, { DATA_DIR: dataDir })
    await importArticle(ctx)
    assert.equal(modeOf(dataDir), '700')
    for (const name of ['dateline.db', 'dateline.db-wal', 'dateline.db-shm', 'secret.key']) {
      const path = join(dataDir, name)
      assert.ok(existsSync(path), `${name} exists`)
      assert.equal(modeOf(path), '600', name)
    }
  })
})

describe('the secret key', () => {
  test('a key file in DATA_DIR is made once and used by every process sharing DATA_DIR', async (t) => {
    const dataDir = join(temporaryDir(t), 'data')
    const first = await open(t, { DATA_DIR: dataDir })
    const key = readFileSync(join(dataDir, 'secret.key'), 'utf8').trim()
    assert.ok(key.length >= 43, 'at least 256 bits')
    const second = await open(t, { DATA_DIR: dataDir })
    assert.equal(readFileSync(join(dataDir, 'secret.key'), 'utf8').trim(), key)
    assert.equal(await first.services.settings.siteKey(), await second.services.settings.siteKey())
    // A form made by one process is accepted by the other.
    const { article } = await importArticle(first)
    const token = await first.services.comments.formToken(article.id)
    second.clock.advance(10_000)
    const posted = await second.services.comments.post({
      articleId: article.id,
      parentId: null,
      name: 'Ingrid Solberg',
      email: '',
      body: 'Across two processes.',
      honeypot: '',
      formToken: token,
      ip: '192.0.2.7',
    })
    assert.equal(posted.status, 'pending')
  })

  test('SECRET_KEY, when set, is the key, and no key file is written', async (t) => {
    const dataDir = join(temporaryDir(t), 'data')
    const withKey = await open(t, { DATA_DIR: dataDir, SECRET_KEY: KEY_A })
    assert.equal(existsSync(join(dataDir, 'secret.key')), false)
    const again = await open(t, {
      DATA_DIR: join(temporaryDir(t), 'elsewhere'),
      DATABASE_URL: withKey.config.databaseUrl,
      SECRET_KEY: KEY_A,
    })
    assert.equal(await again.services.settings.siteKey(), await withKey.services.settings.siteKey())
  })

  test('a SECRET_KEY too short to be a secret is a configuration error', () => {
    assert.throws(
      () => loadConfig({ SECRET_KEY: 'hunter2hunter2' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError)
        assert.match(error.message, /SECRET_KEY/)
        assert.match(error.message, /32/)
        assert.doesNotMatch(error.message, /hunter2/)
        return true
      },
    )
  })
})

for (const dialect of testDialects()) {
  describe(`what a copy of the database holds (${dialect})`, () => {
    test('no key that turns a commenter’s hashes back into their network or email', async (t) => {
      const url = await database(t, dialect)
      const ctx = await open(t, { DATABASE_URL: url, SECRET_KEY: KEY_A })
      const { article } = await importArticle(ctx)
      const ip = '203.0.113.45'
      const email = 'reader@example.org'
      const comment = await postComment(ctx, { articleId: article.id, ip, email })
      const [prints] = await ctx.stores.comments.fingerprintsOf([comment.id])
      assert.ok(prints)
      const rows = await settingsIn(t, url)
      assert.ok(rows.length > 0)
      for (const { key, value } of rows) {
        const hash = (text: string) => createHmac('sha256', value).update(text).digest('hex')
        assert.notEqual(hash(`network:${networkOf(ip)}`), prints.networkHash, `setting ${key}`)
        assert.notEqual(hash(`email:${email}`), prints.emailHash, `setting ${key}`)
        assert.doesNotMatch(value, new RegExp(KEY_A), `setting ${key}`)
      }
    })

    test('a database keyed with another secret refuses to start, and says SECRET_KEY', async (t) => {
      const url = await database(t, dialect)
      await open(t, { DATABASE_URL: url, SECRET_KEY: KEY_A })
      await assert.rejects(open(t, { DATABASE_URL: url, SECRET_KEY: KEY_B }), /SECRET_KEY/)
    })

    test('a site from before keeps refusing whom it banned', async (t) => {
      const url = await database(t, dialect)
      // The database as the last release left it: its key in site_settings, and two bans made with it.
      const old = await createDatabase(url)
      await migrateUpTo(old.db, old.dialect, '2026-11-28T1420_add-article-state-index')
      const oldKey = 'the-key-the-old-release-kept-in-the-database'
      const hash = (text: string) => createHmac('sha256', oldKey).update(text).digest('hex')
      await old.db.insertInto('site_settings').values({ key: 'site_key', value: oldKey }).execute()
      await old.db
        .insertInto('comment_bans')
        .values([
          {
            id: 'ban-network',
            kind: 'network',
            value_hash: hash(`network:${networkOf('198.51.100.9')}`),
            created_at: '2026-11-01T00:00:00.000Z',
            created_by: 'Editor',
          },
          {
            id: 'ban-email',
            kind: 'email',
            value_hash: hash('email:troll@example.org'),
            created_at: '2026-11-01T00:00:00.000Z',
            created_by: 'Editor',
          },
        ])
        .execute()
      await old.close()

      const ctx = await open(t, { DATABASE_URL: url, SECRET_KEY: KEY_A })
      const { article } = await importArticle(ctx)
      await assert.rejects(
        postComment(ctx, { articleId: article.id, ip: '198.51.100.77' }),
        /not accepted/,
      )
      await assert.rejects(
        postComment(ctx, { articleId: article.id, email: 'troll@example.org' }),
        /not accepted/,
      )
      const fine = await postComment(ctx, { articleId: article.id, ip: '192.0.2.1' })
      assert.equal(fine.status, 'pending')
      // The old key is kept for those bans only, under a name that says so.
      const keys = (await settingsIn(t, url)).map((row) => row.key)
      assert.ok(keys.includes('legacy_site_key'))
      assert.ok(!keys.includes('site_key'))
    })
  })
}
