// No N+1 queries: each page type runs the same number of queries whether it
// shows a few items or many. The page cache is off, so every GET renders.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { AdminClient, createStaff } from './admin-session.js'
import { pathOf } from './html.js'

const MINUTE = 60_000

/** A person's name for a number: bylines are words, without digits. */
function writer(index: number): string {
  const letters = [...index.toString(26)]
    .map((digit) => String.fromCharCode(97 + parseInt(digit, 26)))
    .join('')
  return `Writer ${letters[0]?.toUpperCase()}${letters.slice(1)}son`
}

/** Publishes `count` stories in News by Ada Brekke and one other writer each, tagged Floods. */
async function publish(ctx: TestAppContext, count: number, from: number): Promise<Article[]> {
  const articles: Article[] = []
  for (let index = from; index < from + count; index++) {
    ctx.clock.advance(MINUTE)
    const { article } = await importArticle(
      ctx,
      {
        headline: `Story number ${index} about the harbour`,
        dateLine: '',
        bylines: ['Ada Brekke', writer(index)],
      },
      { sectionSlug: 'news', tags: ['Floods', `Topic ${index}`] },
    )
    articles.push(article)
  }
  return articles
}

/** Adds `count` approved comments to an article, every third a reply, plus `count` pending ones. */
async function comment(ctx: TestAppContext, article: Article, count: number): Promise<void> {
  const at = (minutes: number) => new Date(ctx.clock.now().getTime() - minutes * MINUTE)
  let parent: string | null = null
  for (let index = 0; index < count; index++) {
    const isReply = index % 3 === 2 && parent !== null
    const [added] = await ctx.services.comments.addManyDirectly(COMMAND_LINE, [
      {
        articleId: article.id,
        parentId: isReply ? parent : null,
        name: `Reader ${index}`,
        body: `Comment number ${index} on the sea wall.`,
        status: 'approved',
        createdAt: at(500 - index),
      },
      {
        articleId: article.id,
        parentId: null,
        name: `Waiting reader ${index}`,
        body: `Held comment number ${index}.`,
        status: 'pending',
        createdAt: at(500 - index),
      },
    ])
    if (!isReply && added) parent = added.id
  }
}

for (const dialect of testDialects()) {
  describe(`queries per page (${dialect})`, () => {
    test('every page type runs as many queries with many items as with few', async (t) => {
      let queries = 0
      const ctx = await createTestContext(
        t,
        dialect,
        { PAGE_CACHE_MB: '0' },
        { onQuery: () => queries++ },
      )
      const server: TestServer = await startTestServer(t, ctx)
      const staff = await createStaff(ctx, 'editor')
      const browser = new AdminClient(server.url)
      await browser.signInAs(staff)

      // Few: one story more than the home page shows above its section blocks (1 + 4 + 6), so
      // that every part of every page has something in it; a part with nothing skips its queries.
      const [article] = await publish(ctx, 12, 0)
      assert.ok(article)
      // Three, so that one is a reply: replies are read only when there are some.
      await comment(ctx, article, 3)
      // Some of the newsroom's own work in progress.
      for (let index = 0; index < 2; index++) {
        await ctx.services.editing.createDraft(staff.actor, {
          headline: `Draft number ${index}`,
          standfirst: '',
          dateline: '',
          body: 'Notes.',
          keyPoints: [],
          sectionSlug: 'news',
          bylines: ['Ada Brekke'],
          tags: [],
          slug: '',
        })
      }

      const pages: [string, string][] = [
        ['home', '/'],
        ['section', '/news'],
        ['article with comments', pathOf(article)],
        ['author', '/authors/ada-brekke'],
        ['tag', '/tags/floods'],
        ['admin dashboard', '/admin'],
        ['admin list by status', '/admin?status=published'],
        ['moderation queue', '/admin/comments?status=pending'],
      ]

      /** Queries for one GET of each page after a change; the second GET, so that one-off lookups are done. */
      async function measure(): Promise<Map<string, number>> {
        const counts = new Map<string, number>()
        for (const [name, path] of pages) {
          for (let round = 0; round < 2; round++) {
            // Public pages keep their stories until the site changes: count the read after one.
            await ctx.changes.announce({ scope: 'site' })
            queries = 0
            const response = path.startsWith('/admin')
              ? (await browser.get(path)).response
              : await server.get(path)
            if (!path.startsWith('/admin')) await response.text()
            assert.equal(response.status, 200, `GET ${path}`)
            counts.set(name, queries)
          }
        }
        return counts
      }

      const few = await measure()
      await publish(ctx, 28, 12)
      await comment(ctx, article, 37)
      for (let index = 2; index < 20; index++) {
        await ctx.services.editing.createDraft(staff.actor, {
          headline: `Draft number ${index}`,
          standfirst: '',
          dateline: '',
          body: 'Notes.',
          keyPoints: [],
          sectionSlug: 'news',
          bylines: ['Ada Brekke', writer(100 + index)],
          tags: [],
          slug: '',
        })
      }
      const many = await measure()

      // The pages really do show more: the section lists 20, the article 40 comments.
      const news = await (await server.get('/news')).text()
      assert.equal(news.match(/<li class="card/g)?.length ?? 0, 20, 'the News page is full')
      const page = await (await server.get(pathOf(article))).text()
      assert.equal(page.match(/<article class="comment"/g)?.length, 40)

      const report = pages.map(([name]) => `${name}: ${few.get(name)} → ${many.get(name)}`)
      t.diagnostic(`queries per page (12 → 40 articles, 3 → 40 comments): ${report.join('; ')}`)
      for (const [name] of pages) {
        assert.equal(
          many.get(name),
          few.get(name),
          `${name}: ${few.get(name)} queries with few items, ${many.get(name)} with many`,
        )
        assert.ok((few.get(name) ?? 0) > 0, `${name}: queries were counted`)
      }
    })
  })
}
