// A full disk answers honestly: 507 with a message that nothing was saved, and
// the form again with everything the writer typed, as a refused save does.
// The "disk" is really full for the database: on SQLite the app's own
// connection may not grow the file (PRAGMA max_page_count, set at open); on
// PostgreSQL a trigger raises the server's own disk-full error (53100) on the
// tables a comment and a save write to.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { loadConfig } from '../../src/config.js'
import { createContext } from '../../src/context.js'
import { startTestServer } from '../helpers/app.js'
import { createTestClock, promptTimers } from '../helpers/context.js'
import { createTestDatabase, testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { AdminClient, createStaff, editorForm, fieldValue } from './admin-session.js'
import { commentForm, from, loadForm, postForm, squash } from './comment-client.js'
import { pathOf } from './html.js'

const FULL_MESSAGE = /Nothing was saved: the site’s storage is full/

/** Makes every further write to comments and revisions fail as a full disk does. */
async function fillTheDisk(dialect: DialectName, url: string): Promise<string[]> {
  if (dialect === 'sqlite') {
    const file = url.replace(/^file:/, '')
    const connection = new SQLite(file)
    // Free pages (a migration's dropped index leaves some) would take a write without growing
    // the file: they are given back first.
    connection.exec('vacuum')
    const pages = Number(connection.pragma('page_count', { simple: true }))
    connection.close()
    // Not one page more than the file has now.
    return [`max_page_count = ${pages}`]
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`
      create function disk_is_full() returns trigger language plpgsql as $$
      begin
        raise exception 'could not extend file: No space left on device' using errcode = '53100';
      end $$`)
    for (const table of ['comments', 'article_revisions']) {
      await client.query(
        `create trigger ${table}_disk_full before insert on ${table} for each row execute function disk_is_full()`,
      )
    }
  } finally {
    await client.end()
  }
  return []
}

/** A site with a story and an editor signed in, whose disk is then full. */
async function fullSite(t: TestContext, dialect: DialectName) {
  const database = await createTestDatabase(dialect)
  t.after(() => database.drop())
  const config = loadConfig({
    DATABASE_URL: database.url,
    SECRET_KEY: database.secretKey,
    SITE_URL: 'https://news.example',
    LOG_LEVEL: 'silent',
    TRUST_PROXY: 'true',
    PAGE_CACHE_MB: '0',
  })
  const clock = createTestClock()
  const before = await createContext(config, { clock })
  await before.services.sections.ensureDefaults()
  const { article } = await importArticle(before)
  const editor = await createStaff(before, 'editor')
  const browser = new AdminClient('')
  await browser.openSession(before, editor.user)
  await before.close()

  const sqlitePragmas = await fillTheDisk(dialect, database.url)
  const ctx = Object.assign(
    await createContext(config, { clock, sqlitePragmas, timers: promptTimers }),
    { clock },
  )
  t.after(() => ctx.close())
  const server = await startTestServer(t, ctx)
  return { ctx, server, article, editor: browser.at(server.url) }
}

for (const dialect of testDialects()) {
  describe(`a full disk (${dialect})`, () => {
    test('a comment: 507, the page again with the text kept; JSON: 507 storage_full', async (t) => {
      const { ctx, server, article } = await fullSite(t, dialect)
      const path = pathOf(article)
      const { action, fields } = await loadForm(server, path)
      ctx.clock.advance(5000)
      const body = `My careful words, which must not be lost. ${'More of them. '.repeat(300)}`
      const sent = { ...fields, name: 'Ingrid Solberg', body }
      const page = await postForm(server, action, sent, from('192.0.2.50'))
      assert.equal(page.status, 507, page.text.slice(0, 300))
      assert.equal(page.response.headers.get('cache-control'), 'private, no-store')
      const form = commentForm(page.document)
      assert.ok(form.querySelector('textarea[name=body]')?.text === body, 'the text is kept')
      assert.equal(form.querySelector('input[name=name]')?.getAttribute('value'), 'Ingrid Solberg')
      assert.match(squash(page.document.querySelector('#comments')?.text), FULL_MESSAGE)

      const json = await postForm(server, action, sent, from('192.0.2.51', true))
      assert.equal(json.status, 507)
      const answer = JSON.parse(json.text) as { error: { code: string; message: string } }
      assert.equal(answer.error.code, 'storage_full')
      assert.match(answer.error.message, FULL_MESSAGE)
      const counts = await ctx.stores.comments.countByStatus()
      assert.equal(counts.pending + counts.approved, 0, 'nothing half-stored')
    })

    test('an editor’s save: 507, the editor again with every typed word, the story unchanged', async (t) => {
      const { ctx, article, editor } = await fullSite(t, dialect)
      const path = `/admin/articles/${article.id}`
      const page = await editor.get(path)
      assert.equal(page.status, 200)
      const body = `${article.body}\n\n${'A long new passage the editor wrote. '.repeat(4000)}`
      const headline = 'Sea wall vote: the full story'
      const saved = await editor.submit(editorForm(page), { body, headline, intent: 'save' })
      assert.equal(saved.status, 507, saved.html.slice(0, 300))
      assert.equal(fieldValue(saved, 'body'), body)
      assert.equal(fieldValue(saved, 'headline'), headline)
      assert.match(squash(saved.document.querySelector('.problem')?.text), FULL_MESSAGE)
      const stored = await ctx.stores.articles.findById(article.id)
      assert.equal(stored?.headline, article.headline)
      assert.equal(stored?.version, article.version)
    })
  })
}
