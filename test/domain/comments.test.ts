import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { COMMENT_LIMITS } from '../../src/domain/comments/comment.js'
import {
  issueCommenterToken,
  issueFormToken,
  networkOf,
} from '../../src/domain/comments/reader-identity.js'
import type { DomainError } from '../../src/domain/errors.js'
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
} from '../../src/domain/errors.js'
import { createDatabase } from '../../src/storage/database.js'
import {
  postComment,
  setArticleCommentMode,
  setCommentSettings,
  staffActor,
  uniqueText,
  WRITING_TIME_MS,
} from '../helpers/comments.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { createSharedDatabase } from '../helpers/shared-database.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const HEX64 = /^[0-9a-f]{64}$/

/** Asserts that `promise` rejects with an error of `type` carrying `code`; returns the error. */
async function rejectsWith<E extends DomainError>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => E,
  code: string,
): Promise<E> {
  let caught: unknown
  await assert.rejects(promise, (error: unknown) => {
    caught = error
    return true
  })
  assert.ok(caught instanceof type, `expected ${type.name}, got ${String(caught)}`)
  assert.equal(caught.code, code, `expected ${code}, got ${caught.code}: ${caught.message}`)
  return caught
}

/**
 * A context and a published article: filed on 17 November 2026, three days
 * before the test clock's today, so under the default rule (closed 14 days
 * after publication) it takes comments.
 */
async function setup(t: TestContext, dialect: DialectName) {
  const ctx = await createTestContext(t, dialect)
  const { article } = await importArticle(ctx)
  const { article: other } = await importArticle(ctx)
  return { ctx, article, other }
}

async function status(ctx: TestAppContext, id: string) {
  return (await ctx.stores.comments.findById(id))?.status
}

for (const dialect of testDialects()) {
  describe(`reader comments: the defences (${dialect})`, () => {
    test('a good comment is stored as written, pending under pre-moderation', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      const comment = await postComment(ctx, {
        articleId: article.id,
        name: '  Ingrid   Solberg ',
        email: ' Ingrid@Example.org ',
        body: 'First line\r\nsecond line\n\n\n\nNew paragraph.  ',
      })
      assert.equal(comment.status, 'pending')
      assert.equal(comment.articleId, article.id)
      assert.equal(comment.parentId, null)
      const stored = await ctx.stores.comments.findById(comment.id)
      assert.ok(stored)
      assert.equal(stored.authorName, 'Ingrid Solberg')
      assert.equal(stored.body, 'First line\nsecond line\n\nNew paragraph.')
      assert.equal(stored.status, 'pending')
      assert.equal(stored.createdAt.getTime(), ctx.clock.now().getTime())
      assert.equal(stored.moderatedAt, null)
    })

    test('honeypot: a filled-in hidden field is refused; an empty one passes', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      await rejectsWith(
        postComment(ctx, { articleId: article.id, honeypot: 'https://cheap.example' }),
        ValidationError,
        'looks_automated',
      )
      await rejectsWith(
        postComment(ctx, { articleId: article.id, honeypot: 'x' }),
        ValidationError,
        'looks_automated',
      )
      const counts = await ctx.stores.comments.countByStatus()
      assert.equal(counts.pending + counts.approved + counts.spam + counts.rejected, 0)
      const good = await postComment(ctx, { articleId: article.id, honeypot: '' })
      assert.equal(await status(ctx, good.id), 'pending')
    })

    test('minimum time to write: posting sooner is too_fast; the same form a moment later passes', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      const minMs = COMMENT_LIMITS.minSecondsToWrite * 1000
      const formToken = await ctx.services.comments.formToken(article.id)
      const post = () =>
        ctx.services.comments.post({
          articleId: article.id,
          parentId: null,
          name: 'Quick Reader',
          email: '',
          body: 'Written very quickly.',
          honeypot: '',
          formToken,
          ip: '192.0.2.10',
        })
      await rejectsWith(post(), ValidationError, 'too_fast')
      ctx.clock.advance(minMs - 1)
      await rejectsWith(post(), ValidationError, 'too_fast')
      ctx.clock.advance(1)
      const comment = await post()
      assert.equal(await status(ctx, comment.id), 'pending')
    })

    test('a stale form (older than formMaxAgeMs) is form_expired; one just inside the limit passes', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      // Comments stay open long enough for the test (the default closes them after 14 days).
      await setArticleCommentMode(ctx, article, 'open')
      const old = await ctx.services.comments.formToken(article.id)
      const recent = await ctx.services.comments.formToken(article.id)
      ctx.clock.advance(COMMENT_LIMITS.formMaxAgeMs + 1)
      const post = (formToken: string) =>
        ctx.services.comments.post({
          articleId: article.id,
          parentId: null,
          name: 'Slow Reader',
          email: '',
          body: uniqueText(),
          honeypot: '',
          formToken,
          ip: '192.0.2.11',
        })
      await rejectsWith(post(old), ValidationError, 'form_expired')
      await rejectsWith(post(recent), ValidationError, 'form_expired')
      const fresh = await ctx.services.comments.formToken(article.id)
      ctx.clock.advance(COMMENT_LIMITS.formMaxAgeMs)
      const comment = await post(fresh)
      assert.equal(await status(ctx, comment.id), 'pending')
    })

    test('a forged token, or one made for another article, is bad_form_token', async (t) => {
      const { ctx, article, other } = await setup(t, dialect)
      const key = await ctx.services.settings.siteKey()
      const now = ctx.clock.now()
      const genuine = await ctx.services.comments.formToken(article.id)
      const [issued = '', signature = ''] = genuine.split('.')
      const earlier = (now.getTime() - HOUR).toString(36)
      const forged = [
        '',
        'nonsense',
        '.',
        `${issued}.`,
        `.${signature}`,
        `${issued}.${'0'.repeat(32)}`,
        // The signature of one time passed off with another (to look older than it is).
        `${earlier}.${signature}`,
        `${issued}.${signature.toUpperCase()}`,
        `${issued}.${signature}x`,
        // Made for another article.
        await ctx.services.comments.formToken(other.id),
        // Signed with a key that is not this site's.
        issueFormToken('not the site key', article.id, new Date(now.getTime() - HOUR)),
        // Signed with our key, but issued in the future.
        issueFormToken(key, article.id, new Date(now.getTime() + HOUR)),
        `${genuine}\u0000`,
        // As long as a signature in characters, but not in bytes.
        `${issued}.${'é'.repeat(32)}`,
        `${issued}.${'\u{1F600}'.repeat(16)}`,
      ]
      ctx.clock.advance(WRITING_TIME_MS)
      for (const formToken of forged) {
        await rejectsWith(
          ctx.services.comments.post({
            articleId: article.id,
            parentId: null,
            name: 'Forger',
            email: '',
            body: uniqueText(),
            honeypot: '',
            formToken,
            ip: '192.0.2.12',
          }),
          ForbiddenError,
          'bad_form_token',
        )
      }
      const comment = await ctx.services.comments.post({
        articleId: article.id,
        parentId: null,
        name: 'Honest Reader',
        email: '',
        body: uniqueText(),
        honeypot: '',
        formToken: genuine,
        ip: '192.0.2.12',
      })
      assert.equal(await status(ctx, comment.id), 'pending')
      // The other article's own token works there.
      const there = await postComment(ctx, { articleId: other.id })
      assert.equal(there.articleId, other.id)
    })

    test('rate limit: five comments per IPv4 /24 in ten minutes, then too_many_comments with a retry time', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      for (let i = 0; i < COMMENT_LIMITS.perNetwork; i++) {
        await postComment(ctx, { articleId: article.id, ip: i % 2 === 0 ? '10.0.0.1' : '10.0.0.2' })
      }
      for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.254', '::ffff:10.0.0.9']) {
        const error = await rejectsWith(
          postComment(ctx, { articleId: article.id, ip }),
          TooManyRequestsError,
          'too_many_comments',
        )
        // Until the next window begins: windows start on the clock, every ten minutes.
        const now = ctx.clock.now().getTime()
        const windowEnd = (Math.floor(now / COMMENT_LIMITS.windowMs) + 1) * COMMENT_LIMITS.windowMs
        assert.equal(error.retryAfterSeconds, Math.ceil((windowEnd - now) / 1000))
        assert.ok(error.retryAfterSeconds <= COMMENT_LIMITS.windowMs / 1000)
      }
      // Another /24 is not affected.
      const neighbour = await postComment(ctx, { articleId: article.id, ip: '10.0.1.1' })
      assert.equal(await status(ctx, neighbour.id), 'pending')
      // Once the window has passed, the first network may post again.
      ctx.clock.advance(COMMENT_LIMITS.windowMs)
      const later = await postComment(ctx, { articleId: article.id, ip: '10.0.0.1' })
      assert.equal(await status(ctx, later.id), 'pending')
    })

    test('rate-limit windows that can refuse nothing any more are forgotten', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      const handle = await createDatabase(ctx.config.databaseUrl)
      t.after(() => handle.close())
      const windows = async () =>
        (await handle.db.selectFrom('comment_rate_windows').select('window_number').execute())
          .map((row) => Number(row.window_number))
          .sort()
      await postComment(ctx, { articleId: article.id, ip: '10.9.0.1' })
      const first = await windows()
      assert.equal(first.length, 1)
      ctx.clock.advance(COMMENT_LIMITS.windowMs)
      await postComment(ctx, { articleId: article.id, ip: '10.9.0.1' })
      await ctx.services.comments.tidy()
      // The window just past is kept (nothing needs it, but nothing is lost by waiting).
      assert.equal((await windows()).length, 2)
      ctx.clock.advance(2 * COMMENT_LIMITS.windowMs)
      await ctx.services.comments.tidy()
      assert.deepEqual(await windows(), [])
    })

    test('rate limit: IPv6 addresses are grouped by /48', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      assert.equal(networkOf('2001:db8:1:2::5'), '2001:db8:1::/48')
      assert.equal(networkOf('2001:0DB8:0001:ffff:0:0:0:1'), '2001:db8:1::/48')
      assert.equal(networkOf('::ffff:10.0.0.9'), '10.0.0.0/24')
      assert.equal(networkOf('10.0.0.9'), '10.0.0.0/24')
      const same = ['2001:db8:1::1', '2001:db8:1:2::5', '2001:db8:1:ffff:1:2:3:4', '2001:DB8:1::a']
      for (let i = 0; i < COMMENT_LIMITS.perNetwork; i++) {
        await postComment(ctx, { articleId: article.id, ip: same[i % same.length] })
      }
      await rejectsWith(
        postComment(ctx, { articleId: article.id, ip: '2001:db8:1:abcd::9' }),
        TooManyRequestsError,
        'too_many_comments',
      )
      const elsewhere = await postComment(ctx, { articleId: article.id, ip: '2001:db8:2::1' })
      assert.equal(await status(ctx, elsewhere.id), 'pending')
    })

    test('more than two links is too_many_links; two pass', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      for (const body of [
        'See https://a.example and http://b.example and https://c.example',
        'www.a.example www.b.example www.c.example',
        'https://a.example/1 https://a.example/2 HTTPS://A.EXAMPLE/3',
      ]) {
        await rejectsWith(
          postComment(ctx, { articleId: article.id, body }),
          ValidationError,
          'too_many_links',
        )
      }
      const two = await postComment(ctx, {
        articleId: article.id,
        body: 'Sources: https://a.example/report and www.b.example/notes',
      })
      assert.equal(await status(ctx, two.id), 'pending')
    })

    test('the same text again on the same article within 24 hours is duplicate_comment', async (t) => {
      const { ctx, article, other } = await setup(t, dialect)
      const text = 'The council should publish the engineering report in full.'
      const original = await postComment(ctx, { articleId: article.id, body: text })
      for (const again of [
        text,
        `  ${text.toUpperCase()}  `,
        'The council should publish the\nengineering   report in full.',
      ]) {
        await rejectsWith(
          postComment(ctx, { articleId: article.id, body: again }),
          ConflictError,
          'duplicate_comment',
        )
      }
      // On another article it is a new comment.
      const elsewhere = await postComment(ctx, { articleId: other.id, body: text })
      assert.equal(await status(ctx, elsewhere.id), 'pending')
      // Still refused a second before the window ends, allowed once it has.
      const first = await ctx.stores.comments.findById(original.id)
      assert.ok(first)
      const windowEnds = first.createdAt.getTime() + COMMENT_LIMITS.duplicateWindowMs
      ctx.clock.set(new Date(windowEnds - WRITING_TIME_MS - 1000))
      await rejectsWith(
        postComment(ctx, { articleId: article.id, body: text }),
        ConflictError,
        'duplicate_comment',
      )
      ctx.clock.set(new Date(windowEnds - WRITING_TIME_MS))
      const nextDay = await postComment(ctx, { articleId: article.id, body: text })
      assert.equal(await status(ctx, nextDay.id), 'pending')
    })

    test('a comment added directly (an import) counts for duplicates like a posted one', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      const text = 'Imported from the archive.\nIt spans  two lines.'
      await ctx.services.comments.addDirectly(COMMAND_LINE, {
        articleId: article.id,
        parentId: null,
        name: 'Archive Reader',
        body: text,
        status: 'approved',
        createdAt: ctx.clock.now(),
      })
      await rejectsWith(
        postComment(ctx, { articleId: article.id, body: text }),
        ConflictError,
        'duplicate_comment',
      )
    })

    test('a rejected comment does not block its text from being posted again', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const text = 'Second try at a comment the moderator did not like.'
      const first = await postComment(ctx, { articleId: article.id, body: text })
      await ctx.services.comments.moderate(editor, [first.id], 'reject')
      const again = await postComment(ctx, { articleId: article.id, body: text })
      assert.equal(await status(ctx, again.id), 'pending')
    })

    test('length: 5001 characters is comment_too_long, 5000 pass; empty or blank is empty_comment', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      const error = await rejectsWith(
        postComment(ctx, { articleId: article.id, body: 'a'.repeat(COMMENT_LIMITS.body + 1) }),
        ValidationError,
        'comment_too_long',
      )
      assert.equal(error.field, 'body')
      for (const body of ['', '   ', '\n\n\t \r\n', '\u200B\u200D\uFEFF', '\u0000\u0007']) {
        const empty = await rejectsWith(
          postComment(ctx, { articleId: article.id, body }),
          ValidationError,
          'empty_comment',
        )
        assert.equal(empty.field, 'body')
      }
      const longest = await postComment(ctx, {
        articleId: article.id,
        body: `${'b'.repeat(COMMENT_LIMITS.body)}\n  `,
      })
      assert.equal((await ctx.stores.comments.findById(longest.id))?.body.length, 5000)
    })

    test('a missing or over-long name, or a malformed email, is refused; the email is optional', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      for (const name of ['', '   ', '\t\n', 'n'.repeat(COMMENT_LIMITS.name + 1)]) {
        const error = await rejectsWith(
          postComment(ctx, { articleId: article.id, name }),
          ValidationError,
          'invalid_name',
        )
        assert.equal(error.field, 'name')
      }
      for (const email of [
        'not-an-email',
        'a@b',
        'two@@example.org',
        'with space@example.org',
        `${'x'.repeat(COMMENT_LIMITS.email)}@example.org`,
      ]) {
        const error = await rejectsWith(
          postComment(ctx, { articleId: article.id, email }),
          ValidationError,
          'invalid_email',
        )
        assert.equal(error.field, 'email')
      }
      const longestName = await postComment(ctx, {
        articleId: article.id,
        name: 'n'.repeat(COMMENT_LIMITS.name),
      })
      assert.equal(await status(ctx, longestName.id), 'pending')
      const withEmail = await postComment(ctx, {
        articleId: article.id,
        email: 'Reader@Example.org',
      })
      assert.equal(await status(ctx, withEmail.id), 'pending')
    })

    test('a name with control characters is cleaned, never a database error', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      const comment = await postComment(ctx, {
        articleId: article.id,
        name: 'Ann\u0000a\u202E Berg\u0007',
        body: 'Text with a NUL\u0000 in it.',
      })
      const stored = await ctx.stores.comments.findById(comment.id)
      assert.equal(stored?.authorName, 'Anna Berg')
      assert.equal(stored?.body, 'Text with a NUL in it.')
    })

    test('blocked words from the settings are refused, as whole words in any case', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      await rejectsWith(
        ctx.services.settings.updateCommentSettings(editor, {
          mode: 'open',
          days: 14,
          moderation: 'pre',
          blockedWords: ['spam'],
        }),
        ForbiddenError,
        'forbidden',
      )
      const admin = await staffActor(ctx, 'admin')
      const saved = await ctx.services.settings.updateCommentSettings(admin, {
        mode: 'days',
        days: 14,
        moderation: 'pre',
        blockedWords: [' Spam ', 'cheap pills', 'spam', ''],
      })
      assert.deepEqual(saved.blockedWords, ['spam', 'cheap pills'])
      assert.deepEqual((await ctx.services.settings.commentSettings()).blockedWords, [
        'spam',
        'cheap pills',
      ])

      for (const fields of [
        { body: 'This is spam.' },
        { body: 'SPAM, all of it' },
        { body: 'Get Cheap Pills here' },
        { body: 'ok', name: 'Spam Bot' },
      ]) {
        const error = await rejectsWith(
          postComment(ctx, { articleId: article.id, ...fields }),
          ValidationError,
          'blocked_word',
        )
        assert.match(error.message, /spam|cheap pills/)
      }
      // Whole words only: a word that contains a blocked one passes.
      for (const body of [
        'A spammer wrote this? No, a reader.',
        'Antispam filters are good.',
        'cheap pillsbury dough',
      ]) {
        const comment = await postComment(ctx, { articleId: article.id, body })
        assert.equal(await status(ctx, comment.id), 'pending', body)
      }
    })

    test('ban: after moderate(ban) the commenter is refused by email and by network', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const troll = await postComment(ctx, {
        articleId: article.id,
        email: 'troll@example.org',
        ip: '198.51.100.20',
      })
      const anonymous = await postComment(ctx, {
        articleId: article.id,
        email: '',
        ip: '203.0.113.5',
      })
      // Before the ban, both may post again.
      await postComment(ctx, {
        articleId: article.id,
        email: 'troll@example.org',
        ip: '192.0.2.99',
      })
      assert.equal(await ctx.services.comments.moderate(editor, [troll.id, anonymous.id], 'ban'), 2)
      assert.equal(await status(ctx, troll.id), 'spam')
      assert.equal(await status(ctx, anonymous.id), 'spam')

      // By email, from anywhere, in any case.
      for (const email of ['troll@example.org', ' TROLL@Example.org ']) {
        await rejectsWith(
          postComment(ctx, { articleId: article.id, email, ip: '192.0.2.200' }),
          ForbiddenError,
          'banned',
        )
      }
      // By network: the same /24, with or without an email.
      for (const [ip, email] of [
        ['198.51.100.20', ''],
        ['198.51.100.77', 'new.name@example.org'],
        ['203.0.113.200', ''],
      ] as const) {
        await rejectsWith(
          postComment(ctx, { articleId: article.id, email, ip }),
          ForbiddenError,
          'banned',
        )
      }
      // Anyone else is still welcome.
      const other = await postComment(ctx, {
        articleId: article.id,
        email: 'someone.else@example.org',
        ip: '198.51.101.20',
      })
      assert.equal(await status(ctx, other.id), 'pending')
      // Rejecting or marking as spam bans nobody.
      const rude = await postComment(ctx, {
        articleId: article.id,
        email: 'rude@example.org',
        ip: '192.0.2.50',
      })
      await ctx.services.comments.moderate(editor, [rude.id], 'spam')
      const rudeAgain = await postComment(ctx, {
        articleId: article.id,
        email: 'rude@example.org',
        ip: '192.0.2.51',
      })
      assert.equal(await status(ctx, rudeAgain.id), 'pending')
    })

    test('closed comments: site mode closed, or closed N days after publication', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      await setCommentSettings(ctx, { mode: 'closed' })
      assert.equal((await ctx.services.comments.availability(article)).open, false)
      await rejectsWith(
        postComment(ctx, { articleId: article.id }),
        ForbiddenError,
        'comments_closed',
      )

      // Published at noon on 17 November; the clock says 20 November, 09:00.
      await setCommentSettings(ctx, { mode: 'days', days: 5 })
      const open = await postComment(ctx, { articleId: article.id })
      assert.equal(await status(ctx, open.id), 'pending')
      ctx.clock.set('2026-11-22T11:59:00.000Z')
      const lastMinute = await postComment(
        ctx,
        { articleId: article.id },
        { writingTimeMs: 50_000 },
      )
      assert.equal(await status(ctx, lastMinute.id), 'pending')
      const closing = await ctx.services.comments.formToken(article.id)
      ctx.clock.advance(2 * MINUTE)
      const error = await rejectsWith(
        ctx.services.comments.post({
          articleId: article.id,
          parentId: null,
          name: 'Late Reader',
          email: '',
          body: uniqueText(),
          honeypot: '',
          formToken: closing,
          ip: '192.0.2.60',
        }),
        ForbiddenError,
        'comments_closed',
      )
      assert.match(error.message, /5 days/)
      // More days open it again.
      await setCommentSettings(ctx, { mode: 'days', days: 30 })
      assert.equal((await ctx.services.comments.availability(article)).open, true)
      await postComment(ctx, { articleId: article.id })
    })

    test("closed comments: an article's own mode overrides the site's", async (t) => {
      const { ctx, article, other } = await setup(t, dialect)
      await setCommentSettings(ctx, { mode: 'open' })
      const closed = await setArticleCommentMode(ctx, article, 'closed')
      assert.equal(closed.commentMode, 'closed')
      await rejectsWith(
        postComment(ctx, { articleId: article.id }),
        ForbiddenError,
        'comments_closed',
      )
      await postComment(ctx, { articleId: other.id })

      await setCommentSettings(ctx, { mode: 'closed' })
      await setArticleCommentMode(ctx, article, 'open')
      const comment = await postComment(ctx, { articleId: article.id })
      assert.equal(await status(ctx, comment.id), 'pending')
      await rejectsWith(
        postComment(ctx, { articleId: other.id }),
        ForbiddenError,
        'comments_closed',
      )

      // Open beats the days limit too.
      await setCommentSettings(ctx, { mode: 'days', days: 1 })
      ctx.clock.advance(30 * DAY)
      await postComment(ctx, { articleId: article.id })
      await rejectsWith(
        postComment(ctx, { articleId: other.id }),
        ForbiddenError,
        'comments_closed',
      )
      // Back to the site's rule.
      await setArticleCommentMode(ctx, article, 'default')
      await rejectsWith(
        postComment(ctx, { articleId: article.id }),
        ForbiddenError,
        'comments_closed',
      )
    })

    test('an unknown or unpublished article is NotFoundError', async (t) => {
      const { ctx } = await setup(t, dialect)
      const { article: draft } = await importArticle(ctx, {}, { draft: true })
      assert.equal(draft.status, 'draft')
      for (const articleId of [draft.id, 'no-such-article', '']) {
        await rejectsWith(postComment(ctx, { articleId }), NotFoundError, 'article_not_found')
      }
      await rejectsWith(
        ctx.services.comments.feed({ articleId: draft.id }),
        NotFoundError,
        'article_not_found',
      )
    })

    test('replies go only to approved top-level comments of the same article', async (t) => {
      const { ctx, article, other } = await setup(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const approved = await postComment(ctx, { articleId: article.id })
      const pending = await postComment(ctx, { articleId: article.id })
      const rejected = await postComment(ctx, { articleId: article.id })
      const elsewhere = await postComment(ctx, { articleId: other.id })
      await ctx.services.comments.moderate(editor, [approved.id, elsewhere.id], 'approve')
      await ctx.services.comments.moderate(editor, [rejected.id], 'reject')

      const reply = await postComment(ctx, { articleId: article.id, parentId: approved.id })
      assert.equal(reply.parentId, approved.id)
      await ctx.services.comments.moderate(editor, [reply.id], 'approve')

      for (const parentId of [
        pending.id,
        rejected.id,
        elsewhere.id,
        reply.id,
        'no-such-comment',
        '\u0000',
        `${approved.id}' or '1'='1`,
      ]) {
        const error = await rejectsWith(
          postComment(ctx, { articleId: article.id, parentId }),
          ValidationError,
          'bad_parent',
        )
        assert.equal(error.field, 'parentId')
      }
      const page = await ctx.services.comments.approvedThreads(article.id, 1)
      assert.deepEqual(
        page.items.map((thread) => [thread.id, thread.replies.map((r) => r.id)]),
        [[approved.id, [reply.id]]],
      )
      assert.equal(page.total, 2)
    })
  })

  describe(`reader comments: moderation policy (${dialect})`, () => {
    test('pre-moderation holds every comment, even from someone approved before', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const first = await postComment(ctx, {
        articleId: article.id,
        email: 'regular@example.org',
        ip: '192.0.2.1',
      })
      await ctx.services.comments.moderate(editor, [first.id], 'approve')
      const again = await postComment(ctx, {
        articleId: article.id,
        email: 'regular@example.org',
        ip: '192.0.2.1',
      })
      assert.equal(again.status, 'pending')
      assert.equal(await status(ctx, again.id), 'pending')
      assert.equal((await ctx.services.comments.approvedThreads(article.id, 1)).total, 1)
    })

    test('post-moderation publishes a returning commenter (their signed cookie), never one by email or network', async (t) => {
      const { ctx, article, other } = await setup(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      await setCommentSettings(ctx, { moderation: 'post' })

      const firstTimer = await postComment(ctx, {
        articleId: article.id,
        email: 'regular@example.org',
        ip: '192.0.2.1',
      })
      assert.equal(firstTimer.status, 'pending')
      const { commenterToken } = firstTimer
      // Pending is not yet known: a second comment from the same browser is still held.
      const stillNew = await postComment(ctx, { articleId: article.id, commenterToken })
      assert.equal(stillNew.status, 'pending')
      assert.equal(stillNew.commenterToken, commenterToken)
      await ctx.services.comments.moderate(editor, [firstTimer.id], 'approve')

      // The same browser, from another network, with no email, on another article.
      const returning = await postComment(ctx, {
        articleId: other.id,
        email: '',
        ip: '198.51.100.1',
        commenterToken,
      })
      assert.equal(returning.status, 'approved')
      assert.equal(await status(ctx, returning.id), 'approved')
      // What anyone can type or share is no proof: the same email, the same network.
      const byEmail = await postComment(ctx, {
        articleId: article.id,
        email: 'Regular@Example.org',
        ip: '198.51.100.2',
      })
      assert.equal(byEmail.status, 'pending')
      const byNetwork = await postComment(ctx, { articleId: article.id, ip: '192.0.2.77' })
      assert.equal(byNetwork.status, 'pending')
      // A cookie signed with another key, or altered, is no one's.
      for (const forged of [
        issueCommenterToken('not the site key', commenterToken.split('.')[0] ?? ''),
        `${commenterToken}x`,
        commenterToken.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      ]) {
        const result = await postComment(ctx, { articleId: article.id, commenterToken: forged })
        assert.equal(result.status, 'pending', forged)
        assert.notEqual(result.commenterToken, commenterToken)
      }

      // A published comment is on the page at once.
      const page = await ctx.services.comments.approvedThreads(other.id, 1)
      assert.deepEqual(
        page.items.map((thread) => thread.id),
        [returning.id],
      )
    })

    test('moderation needs the moderate permission; addDirectly too', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      const contributor = await staffActor(ctx, 'contributor')
      const comment = await postComment(ctx, { articleId: article.id })
      await rejectsWith(
        ctx.services.comments.moderate(contributor, [comment.id], 'approve'),
        ForbiddenError,
        'forbidden',
      )
      await rejectsWith(
        ctx.services.comments.addDirectly(contributor, {
          articleId: article.id,
          parentId: null,
          name: 'Someone',
          body: 'Imported.',
          status: 'approved',
          createdAt: ctx.clock.now(),
        }),
        ForbiddenError,
        'forbidden',
      )
      assert.equal(await status(ctx, comment.id), 'pending')
      const editor = await staffActor(ctx, 'editor')
      await rejectsWith(
        ctx.services.comments.moderate(editor, ['no-such-comment'], 'approve'),
        NotFoundError,
        'comment_not_found',
      )
      await rejectsWith(
        ctx.services.comments.moderate(editor, [], 'approve'),
        ValidationError,
        'nothing_selected',
      )
    })
  })

  describe(`reader comments: privacy and durability (${dialect})`, () => {
    test('the stored rows hold no email and no network address, only 64-hex keyed hashes', async (t) => {
      const { ctx, article } = await setup(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const email = 'private.reader@example.org'
      const ip = '198.51.100.23'
      const comment = await postComment(ctx, { articleId: article.id, email, ip })
      const v6 = await postComment(ctx, { articleId: article.id, email: '', ip: '2001:db8:42::7' })
      await ctx.services.comments.moderate(editor, [comment.id], 'ban')

      const [prints, v6prints] = [
        await ctx.stores.comments.fingerprintsOf([comment.id]),
        await ctx.stores.comments.fingerprintsOf([v6.id]),
      ]
      const print = prints[0]
      assert.ok(print)
      assert.match(print.emailHash ?? '', HEX64)
      assert.match(print.networkHash, HEX64)
      assert.match(print.bodyHash, HEX64)
      assert.equal(v6prints[0]?.emailHash, null)
      // Keyed: not a plain hash anyone could compute from a guessed address.
      for (const guess of [
        email,
        `email:${email}`,
        ip,
        '198.51.100.0/24',
        'network:198.51.100.0/24',
      ]) {
        assert.notEqual(print.emailHash, createHash('sha256').update(guess).digest('hex'))
        assert.notEqual(print.networkHash, createHash('sha256').update(guess).digest('hex'))
      }

      // Every column of every comment and ban row, read straight from the database.
      const handle = await createDatabase(ctx.config.databaseUrl)
      t.after(() => handle.close())
      const rows = [
        ...(await handle.db.selectFrom('comments').selectAll().execute()),
        ...(await handle.db.selectFrom('comment_bans').selectAll().execute()),
        ...(await handle.db.selectFrom('audit_events').selectAll().execute()),
        ...(await handle.db.selectFrom('site_settings').selectAll().execute()),
      ]
      const dump = JSON.stringify(rows).toLowerCase()
      assert.ok(rows.length >= 4, 'two comments and their bans are stored')
      for (const secret of [email, 'private.reader', '198.51.100', '2001:db8:42', '2001:db8']) {
        assert.ok(!dump.includes(secret), `the database holds ${secret}`)
      }
      const bans = await handle.db.selectFrom('comment_bans').selectAll().execute()
      assert.deepEqual(bans.map((ban) => ban.kind).sort(), ['commenter', 'email', 'network'])
      for (const ban of bans) assert.match(ban.value_hash, HEX64)
    })

    test('an accepted comment is readable from another process as soon as post returns', async (t) => {
      const shared = await createSharedDatabase(t, dialect)
      const writer = await shared.open()
      const reader = await shared.open()
      const { article } = await importArticle(writer)
      // A form shown by one process is accepted by another: the site key is shared.
      const formToken = await reader.services.comments.formToken(article.id)
      shared.clock.advance(WRITING_TIME_MS)
      const comment = await writer.services.comments.post({
        articleId: article.id,
        parentId: null,
        name: 'Durable Reader',
        email: 'durable@example.org',
        body: 'This must not be lost.',
        honeypot: '',
        formToken,
        ip: '192.0.2.33',
      })
      const seen = await reader.stores.comments.findById(comment.id)
      assert.equal(seen?.body, 'This must not be lost.')
      assert.equal(seen?.status, 'pending')

      // The writer goes away; a process started afterwards still has it.
      await writer.close()
      const restarted = await shared.open()
      const after = await restarted.stores.comments.findById(comment.id)
      assert.equal(after?.authorName, 'Durable Reader')
      const editor = await staffActor(restarted, 'editor')
      await restarted.services.comments.moderate(editor, [comment.id], 'approve')
      const feed = await reader.services.comments.feed({ articleId: article.id })
      assert.deepEqual(
        feed.comments.map((c) => c.id),
        [comment.id],
      )
    })
  })
}
