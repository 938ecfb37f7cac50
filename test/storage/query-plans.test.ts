// Every listing query can use an index, on both databases. The SQL is the real
// thing: each named call below goes through the services and stores, the
// context's query logger captures what they send, and each statement is
// explained on a connection of its own. SQLite's planner assumes big tables
// when it has no statistics; PostgreSQL is told `enable_seqscan = off`, so that
// on a tiny table it still shows whether an index CAN serve the query (a Seq
// Scan that remains means none can).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { postComment, staffActor } from '../helpers/comments.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'

const MINUTE = 60_000

/**
 * The indexes a comment post may search comments by: each is keyed by
 * something of this one comment (its id, its text's hash, its writer), so the
 * rows it visits do not grow with the queue. The indexes that list an
 * article's or the site's comments by status walk the queue.
 */
const KEYED_COMMENT_INDEXES = [
  'sqlite_autoindex_comments_1',
  'comments_pkey',
  'PRIMARY KEY',
  'comments_article_body_created',
  'comments_duplicate_day',
  'comments_duplicate_half_day',
  'comments_commenter_status',
  // SQLite's upsert checks the self-reference for children of the new row: keyed by its new id.
  'comments_parent',
]

/** The indexes that lead with (article, text hash): the duplicate question's. */
const TEXT_HASH_INDEXES = [
  'comments: comments_article_body_created',
  'comments: comments_duplicate_day',
  'comments: comments_duplicate_half_day',
]

/** The tables that grow with the site: none of them may be read whole. */
const WATCHED = [
  'articles',
  'comments',
  'article_authors',
  'article_tags',
  'sessions',
  'sign_in_attempts',
  'recovery_codes',
]

interface Statement {
  sql: string
  parameters: readonly unknown[]
}

interface Explained {
  query: string
  sql: string
  plan: string[]
}

/** Explains statements on a connection of its own, as each database can. */
interface Explainer {
  explain(statement: Statement): Promise<string[]>
  /** Gathers planner statistics, where the database keeps them. */
  analyze?(): Promise<void>
  close(): Promise<void>
}

async function explainerFor(dialect: DialectName, url: string): Promise<Explainer> {
  if (dialect === 'sqlite') {
    const connection = new SQLite(url.replace(/^(?:file|sqlite):/, ''), { readonly: true })
    return {
      async explain({ sql, parameters }) {
        const rows = connection
          .prepare(`explain query plan ${sql}`)
          .all(...(parameters as unknown[])) as { detail: string }[]
        return rows.map((row) => row.detail)
      },
      async close() {
        connection.close()
      },
    }
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query('set enable_seqscan = off')
  return {
    async explain({ sql, parameters }) {
      const result = await client.query<{ 'QUERY PLAN': string }>(
        `explain ${sql}`,
        parameters as unknown[],
      )
      return result.rows.map((row) => row['QUERY PLAN'])
    },
    async analyze() {
      await client.query('analyze')
    },
    close: () => client.end(),
  }
}

/** The watched tables a statement reads whole, by its plan. */
function fullScans(dialect: DialectName, { sql, plan }: Explained): string[] {
  if (dialect === 'postgres') {
    return plan
      .map((line) => /Seq Scan on (\w+)/.exec(line)?.[1] ?? '')
      .filter((table) => WATCHED.includes(table))
  }
  // SQLite names a table by its alias in the plan: map aliases back to tables.
  const names = new Map(WATCHED.map((table) => [table, table]))
  for (const match of sql.matchAll(/"(\w+)" as "(\w+)"/g)) {
    if (match[1] && match[2]) names.set(match[2], match[1])
  }
  return plan
    .filter((line) => /^SCAN /.test(line) && !/USING (?:COVERING )?INDEX /.test(line))
    .map((line) => names.get(/^SCAN (\w+)/.exec(line)?.[1] ?? '') ?? '')
    .filter((table) => WATCHED.includes(table))
}

/** The indexes a plan uses, as "table: index", in order, without repeats; sections left out. */
function indexesOf(dialect: DialectName, { sql, plan }: Explained): string[] {
  const tables = new Map<string, string>()
  for (const match of sql.matchAll(/"(\w+)" as "(\w+)"/g)) {
    if (match[1] && match[2]) tables.set(match[2], match[1])
  }
  // PostgreSQL names a bitmap index scan's table on the Bitmap Heap Scan line above it.
  let heap = ''
  const found = plan.map((line) => {
    if (dialect === 'postgres') heap = /Bitmap Heap Scan on (\w+)/.exec(line)?.[1] ?? heap
    const match =
      dialect === 'sqlite'
        ? /(?:SEARCH|SCAN) (\w+) USING (?:COVERING INDEX (\w+)|INDEX (\w+)|(PRIMARY KEY))/.exec(
            line,
          )
        : /using (\w+) on (\w+)|Bitmap Index Scan on (\w+)/.exec(line)
    if (!match) return ''
    const [table, index] =
      dialect === 'sqlite'
        ? [match[1] ?? '', match[2] ?? match[3] ?? match[4] ?? '']
        : match[1]
          ? [match[2] ?? '', match[1]]
          : [heap, match[3] ?? '']
    const name = tables.get(table) ?? table
    return name === 'sections' ? '' : `${name}: ${index}`
  })
  return [...new Set(found.filter(Boolean))]
}

/** A small site with something in every table the listings read. */
async function seed(ctx: TestAppContext) {
  const editor = await staffActor(ctx, 'editor')
  const contributor = await staffActor(ctx, 'contributor')
  const published = []
  for (let index = 0; index < 3; index++) {
    ctx.clock.advance(MINUTE)
    const { article } = await importArticle(
      ctx,
      { dateLine: '', bylines: ['Ada Brekke', 'Jonas Vik'] },
      { sectionSlug: index === 0 ? 'politics' : 'news', tags: ['Floods'] },
    )
    published.push(article)
  }
  const [article] = published
  assert.ok(article)
  const draft = await ctx.services.editing.createDraft(contributor, {
    headline: 'Ferry timetable draft',
    standfirst: '',
    dateline: '',
    body: 'Notes.',
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Ada Brekke'],
    tags: [],
    slug: '',
  })
  const scheduled = await ctx.services.editing.createDraft(editor, {
    headline: 'Budget day',
    standfirst: 'What the council will vote on.',
    dateline: '',
    body: 'The budget comes on Thursday.',
    keyPoints: [],
    sectionSlug: 'politics',
    bylines: ['Jonas Vik'],
    tags: ['Budget'],
    slug: '',
  })
  await ctx.services.workflow.transition(editor, scheduled.id, {
    transition: 'schedule',
    at: new Date(ctx.clock.now().getTime() + 60 * MINUTE),
  })
  const [top] = await ctx.services.comments.addManyDirectly(COMMAND_LINE, [
    {
      articleId: article.id,
      parentId: null,
      name: 'Astrid',
      body: 'First comment.',
      status: 'approved',
      createdAt: ctx.clock.now(),
    },
    {
      articleId: article.id,
      parentId: null,
      name: 'Bjørn',
      body: 'Waiting for a moderator.',
      status: 'pending',
      createdAt: ctx.clock.now(),
    },
  ])
  assert.ok(top)
  await ctx.services.comments.addDirectly(COMMAND_LINE, {
    articleId: article.id,
    parentId: top.id,
    name: 'Cecilie',
    body: 'A reply.',
    status: 'approved',
    createdAt: ctx.clock.now(),
  })
  return { editor, contributor, article, draft, top }
}

for (const dialect of testDialects()) {
  describe(`query plans (${dialect})`, () => {
    test('every listing query can use an index: no full scan of a table that grows', async (t) => {
      let captured: Statement[] | undefined
      const ctx = await createTestContext(
        t,
        dialect,
        {},
        { onQuery: (sql, parameters) => captured?.push({ sql, parameters }) },
      )
      const site = await seed(ctx)
      const { services, stores } = ctx
      const news = await services.sections.getBySlug('news')
      const author = await services.authors.getBySlug('ada-brekke')
      const tag = await services.tags.getBySlug('floods')
      const { token } = await services.accounts.signIn({
        email: (await stores.users.findById(site.editor.id ?? ''))?.email ?? '',
        password: 'a long enough test password',
        ip: '192.0.2.1',
      })

      const queries: [string, () => Promise<unknown>][] = [
        ['published listing, site', () => services.articles.listPublished({}, 1, 20)],
        [
          'published listing, section',
          () => services.articles.listPublished({ sectionId: news.id }, 1, 20),
        ],
        [
          'published listing, author',
          async () => {
            await services.authors.getBySlug('ada-brekke')
            return services.articles.listPublished({ authorId: author.id }, 1, 20)
          },
        ],
        [
          'published listing, tag',
          async () => {
            await services.tags.getBySlug('floods')
            return services.articles.listPublished({ tagId: tag.id }, 1, 20)
          },
        ],
        ['home page (latest, and latest per section)', () => services.frontPage.home()],
        ['article by slug', () => services.articles.getPublishedBySlug(site.article.slug)],
        ['newsroom dashboard', () => services.dashboard.load(site.editor, { page: 1 })],
        [
          'newsroom list by status',
          () => services.dashboard.load(site.editor, { status: 'published', page: 1 }),
        ],
        [
          'newsroom list by section',
          () => services.dashboard.load(site.editor, { sectionId: news.id, page: 1 }),
        ],
        [
          'newsroom list by author (contributor)',
          () => services.dashboard.load(site.contributor, { status: 'draft', page: 1 }),
        ],
        ['comments of an article', () => services.comments.approvedThreads(site.article.id, 1)],
        ['comment feeds', () => services.comments.feed({ articleSlug: site.article.slug })],
        ['moderation queue', () => services.comments.queue(site.editor, 'pending', 1)],
        [
          "posting a reply: its article, and the defences' one read",
          () =>
            postComment(ctx, {
              articleId: site.article.id,
              parentId: site.top.id,
              email: 'reader@example.org',
            }),
        ],
        ['session by id', () => services.accounts.authenticate(token)],
        [
          'sign-in attempts reserved, given back and pruned; recovery codes counted',
          async () => {
            const windowStart = new Date(ctx.clock.now().getTime() - 15 * MINUTE)
            await stores.signInAttempts.reserve('address:someone', windowStart, 5)
            await stores.signInAttempts.release('address:someone', windowStart)
            await stores.signInAttempts.pruneBefore(windowStart, 100)
            await stores.twoFactor.countUnusedRecoveryCodes(site.editor.id ?? '')
          },
        ],
        [
          'scheduled articles due',
          () =>
            Promise.all([
              stores.articles.findDueScheduled(ctx.clock.now()),
              stores.articles.nextScheduledTime(),
            ]),
        ],
      ]

      const explainer = await explainerFor(dialect, ctx.config.databaseUrl)
      // Closed here, not in t.after: the context's own cleanup, registered first, drops the database.
      try {
        const explained: Explained[] = []
        for (const [query, run] of queries) {
          captured = []
          await run()
          const statements = captured
          captured = undefined
          assert.ok(statements.length > 0, `${query}: no statement was captured`)
          for (const statement of statements) {
            // Only reads: a plan of a write tells nothing about listings.
            if (!/^\s*(select|with)\b/i.test(statement.sql)) continue
            explained.push({ query, sql: statement.sql, plan: await explainer.explain(statement) })
          }
        }

        const problems: string[] = []
        for (const [query] of queries) {
          const mine = explained.filter((item) => item.query === query)
          const indexes = [...new Set(mine.flatMap((item) => indexesOf(dialect, item)))]
          t.diagnostic(`${query} → ${indexes.join('; ') || '(no index)'}`)
          for (const item of mine) {
            const scanned = fullScans(dialect, item)
            if (scanned.length > 0) {
              problems.push(
                `${query} reads ${scanned.join(', ')} whole:\n  ${item.sql}\n  ${item.plan.join('\n  ')}`,
              )
            }
          }
        }
        assert.deepEqual(problems, [], problems.join('\n\n'))
        // On SQLite, an article's comments come in the index's order, ties by id included:
        // sorting each window again was most of its statement's cost on a first read.
        // (PostgreSQL plans by statistics: on these few rows, a sort is its cheapest plan.)
        const resorted = explained.filter(
          (item) =>
            dialect === 'sqlite' &&
            ['comments of an article', 'comment feeds'].includes(item.query) &&
            item.plan.some((line) => /TEMP B-TREE FOR LAST TERM OF ORDER BY/.test(line)),
        )
        assert.deepEqual(
          resorted.map((item) => item.sql),
          [],
          resorted.map((item) => item.plan.join('\n  ')).join('\n\n'),
        )
        // The check can see a full scan: a query on an unindexed column is one.
        captured = []
        const probe = { sql: 'select id from articles where headline = ?', parameters: ['x'] }
        if (dialect === 'postgres') probe.sql = probe.sql.replace('?', '$1')
        const plan = await explainer.explain(probe)
        assert.deepEqual(fullScans(dialect, { query: 'probe', sql: probe.sql, plan }), ['articles'])
      } finally {
        await explainer.close()
      }
    })

    test("a comment's statements do not grow with the moderation queue", async (t) => {
      let captured: Statement[] | undefined
      const ctx = await createTestContext(
        t,
        dialect,
        {},
        { onQuery: (sql, parameters) => captured?.push({ sql, parameters }) },
      )
      const site = await seed(ctx)
      // A long queue on the article, from the last day: what a comment flood leaves behind.
      await ctx.services.comments.addManyDirectly(
        COMMAND_LINE,
        Array.from({ length: 400 }, (_, index) => ({
          articleId: site.article.id,
          parentId: null,
          name: 'Flood',
          body: `Pending comment number ${index}.`,
          status: 'pending' as const,
          createdAt: new Date(ctx.clock.now().getTime() - index * MINUTE),
        })),
      )
      const explainer = await explainerFor(dialect, ctx.config.databaseUrl)
      // Closed here, not in t.after: the context's own cleanup, registered first, drops the database.
      try {
        // PostgreSQL plans by statistics, which autovacuum keeps; SQLite never has any (see above).
        await explainer.analyze?.()
        // A returning commenter's reply: every question a post can ask is asked.
        const { commenterToken } = await postComment(ctx, { articleId: site.article.id })
        captured = []
        await postComment(ctx, {
          articleId: site.article.id,
          parentId: site.top.id,
          email: 'reader@example.org',
          commenterToken,
        })
        const statements = captured
        captured = undefined
        const problems: string[] = []
        for (const statement of statements) {
          if (!/^\s*(select|with|insert)\b/i.test(statement.sql)) continue
          const item = {
            query: 'comment',
            sql: statement.sql,
            plan: await explainer.explain(statement),
          }
          const used = indexesOf(dialect, item).filter((index) => index.startsWith('comments: '))
          t.diagnostic(
            `${statement.sql.slice(0, 60)}… → ${used.join('; ') || '(no comments index)'}`,
          )
          const walking = used.filter((index) => !KEYED_COMMENT_INDEXES.includes(index.slice(10)))
          const scanned = fullScans(dialect, item)
          if (walking.length > 0 || scanned.length > 0) {
            problems.push(
              `${statement.sql}\n  walks ${[...walking, ...scanned].join(', ')}:\n  ${item.plan.join('\n  ')}`,
            )
          }
        }
        assert.deepEqual(problems, [], problems.join('\n\n'))
        // The duplicate question goes down the index of the text's hash.
        const screening = statements.find(
          (statement) => /body_hash/.test(statement.sql) && /^\s*select/i.test(statement.sql),
        )
        assert.ok(screening, 'no statement asked about duplicates')
        const plan = await explainer.explain(screening)
        const used = indexesOf(dialect, { query: 'screening', sql: screening.sql, plan })
        assert.ok(
          used.some((index) => TEXT_HASH_INDEXES.includes(index)),
          plan.join('\n'),
        )
      } finally {
        await explainer.close()
      }
    })
  })
}
