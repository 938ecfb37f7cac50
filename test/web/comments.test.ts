import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { HTMLElement } from 'node-html-parser'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import { COMMENT_LIMITS, type CommentStatus } from '../../src/domain/comments/comment.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import {
  freshIp,
  setArticleCommentMode,
  setCommentSettings,
  staffActor,
  uniqueText,
} from '../helpers/comments.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { assertValidHtml } from '../helpers/html-validity.js'
import type { FormFields } from './admin-session.js'
import {
  commentForm,
  commentPlainText,
  from,
  loadForm,
  postForm,
  squash,
  submitComment,
  type PostResult,
} from './comment-client.js'
import { pathOf, textOf } from './html.js'

const MINUTE = 60_000

const SITE = 'https://news.example'
const HELD =
  'Thank you. Your comment is waiting for a moderator and will appear once it is approved.'

async function setup(t: TestContext, dialect: DialectName) {
  // The app trusts X-Forwarded-For here, so each test reader can have an address of their own.
  // These tests time the form's token from the page each of them loads, so every page must be
  // rendered for them; test/web/page-cache.test.ts covers comments with the cache on.
  const ctx = await createTestContext(t, dialect, { TRUST_PROXY: 'true', PAGE_CACHE_MB: '0' })
  const server = await startTestServer(t, ctx)
  const { article } = await importArticle(ctx)
  return { ctx, server, article, path: pathOf(article) }
}

/** Adds an approved comment as an import would, `minutesAgo` before the clock's now. */
async function approved(
  ctx: TestAppContext,
  article: Article,
  minutesAgo: number,
  fields: { name?: string; body?: string; parentId?: string | null; status?: CommentStatus } = {},
) {
  return ctx.services.comments.addDirectly(COMMAND_LINE, {
    articleId: article.id,
    parentId: fields.parentId ?? null,
    name: fields.name ?? `Reader ${minutesAgo}`,
    body: fields.body ?? uniqueText(`Comment from ${minutesAgo} minutes ago`),
    status: fields.status ?? 'approved',
    createdAt: new Date(ctx.clock.now().getTime() - minutesAgo * MINUTE),
  })
}

async function storedCount(ctx: TestAppContext): Promise<number> {
  const counts = await ctx.stores.comments.countByStatus()
  return Object.values(counts).reduce((sum, n) => sum + n, 0)
}

/** The comments as the page lists them: [id, author, text, [replies]] in page order. */
function listedComments(document: HTMLElement) {
  return document.querySelectorAll('#comments .comment-list > li').map((item) => {
    const top = item.querySelector(':scope > article.comment')
    assert.ok(top, 'a list item without its comment')
    return {
      id: top.getAttribute('id'),
      author: textOf(top.querySelector('.comment-author')),
      text: commentPlainText(top.querySelector('.comment-body')),
      replies: item
        .querySelectorAll('.replies > li > article.comment')
        .map((reply) => reply.getAttribute('id')),
    }
  })
}

function countShown(document: HTMLElement): string {
  return textOf(document.querySelector('#comments-title .count'))
}

function parseJson(result: PostResult): {
  id?: string
  status?: string
  published?: boolean
  error?: { code: string; message: string; field?: string }
} {
  assert.match(result.response.headers.get('content-type') ?? '', /^application\/json/)
  return JSON.parse(result.text) as ReturnType<typeof parseJson>
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ['entry', 'link'].includes(name),
})

interface AtomText {
  '#text'?: string
  '@type'?: string
}
interface AtomLink {
  '@rel': string
  '@href': string
  '@type'?: string
}
interface AtomEntry {
  id: string
  title: AtomText
  author: { name: string }
  published: string
  updated: string
  link: AtomLink[]
  content: AtomText
}
interface AtomFeed {
  feed: {
    '@xmlns': string
    id: string
    title: AtomText
    updated: string
    link: AtomLink[]
    entry?: AtomEntry[]
  }
}

/** Fetches and parses an article's Atom feed of comments; asserts it is well-formed. */
export async function fetchAtom(server: TestServer, path: string): Promise<AtomFeed['feed']> {
  const response = await server.get(`${path}/comments.atom`)
  assert.equal(response.status, 200)
  assert.match(response.headers.get('content-type') ?? '', /^application\/atom\+xml/)
  const body = await response.text()
  assert.equal(XMLValidator.validate(body), true, 'the feed is well-formed XML')
  return (xml.parse(body) as AtomFeed).feed
}

interface CommentsJson {
  article: { id: string; headline: string; url: string }
  comments: {
    id: string
    author: string
    text: string
    published: string
    inReplyTo: string | null
    url: string
  }[]
}

export async function fetchJsonList(server: TestServer, path: string): Promise<CommentsJson> {
  const response = await server.get(`${path}/comments.json`)
  assert.equal(response.status, 200)
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/)
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff')
  return JSON.parse(await response.text()) as CommentsJson
}

for (const dialect of testDialects()) {
  describe(`comments on the article page (${dialect})`, () => {
    test('approved comments oldest first, replies nested one level, with their count', async (t) => {
      const { ctx, server, article, path } = await setup(t, dialect)
      const first = await approved(ctx, article, 60, { name: 'Astrid', body: 'First!' })
      const second = await approved(ctx, article, 50, { name: 'Bjørn' })
      const reply1 = await approved(ctx, article, 40, { parentId: first.id, name: 'Cato' })
      const reply2 = await approved(ctx, article, 30, { parentId: first.id, name: 'Dina' })
      await approved(ctx, article, 35, { status: 'pending', body: 'Still waiting.' })
      await approved(ctx, article, 34, { status: 'rejected', body: 'Rejected text.' })
      await approved(ctx, article, 33, { status: 'spam', body: 'Spam text.' })
      await approved(ctx, article, 32, { parentId: second.id, status: 'pending' })
      const third = await approved(ctx, article, 20, { name: 'Eirik' })
      // Another article's comments stay there.
      const { article: other } = await importArticle(ctx)
      await approved(ctx, other, 10, { body: 'On the other story.' })

      const { response, document, html } = await server.page(path)
      assert.equal(response.status, 200)
      assert.deepEqual(listedComments(document), [
        {
          id: `comment-${first.id}`,
          author: 'Astrid',
          text: 'First!',
          replies: [`comment-${reply1.id}`, `comment-${reply2.id}`],
        },
        { id: `comment-${second.id}`, author: 'Bjørn', text: second.body, replies: [] },
        { id: `comment-${third.id}`, author: 'Eirik', text: third.body, replies: [] },
      ])
      assert.equal(countShown(document), '(5)')
      for (const hidden of [
        'Still waiting.',
        'Rejected text.',
        'Spam text.',
        'On the other story.',
      ]) {
        assert.ok(!html.includes(hidden), `${hidden} is shown`)
      }
      // Replies go one level deep: only top-level comments offer a reply link.
      const replyLinks = document
        .querySelectorAll('#comments a.comment-reply')
        .map((a) => a.getAttribute('href'))
      assert.deepEqual(replyLinks, [
        `${path}?reply=${first.id}#new-comment`,
        `${path}?reply=${second.id}#new-comment`,
        `${path}?reply=${third.id}#new-comment`,
      ])
      assert.equal(document.querySelectorAll('#comments .replies .replies').length, 0)
      const time = document.querySelector(`#comment-${first.id} time`)
      assert.equal(time?.getAttribute('datetime'), first.createdAt.toISOString())

      // Following a reply link: the form says whom it answers and carries the parent.
      const replying = await server.page(`${path}?reply=${second.id}`)
      const form = commentForm(replying.document)
      assert.equal(form.querySelector('input[name=parent_id]')?.getAttribute('value'), second.id)
      assert.match(textOf(form.querySelector('.replying')), /^Replying to Bjørn\./)
      // A reply link to a reply, or to nothing, is just the page with a new-comment form.
      for (const bad of [reply1.id, '00000000-0000-0000-0000-000000000000', 'nonsense']) {
        const page = await server.page(`${path}?reply=${bad}`)
        assert.equal(page.response.status, 200)
        assert.equal(
          commentForm(page.document).querySelector('input[name=parent_id]')?.getAttribute('value'),
          '',
        )
      }
    })

    test('an article without comments says so, with a count of 0', async (t) => {
      const { server, path } = await setup(t, dialect)
      const { document } = await server.page(path)
      assert.equal(countShown(document), '(0)')
      assert.equal(textOf(document.querySelector('#comments .empty')), 'No comments yet.')
    })

    test('more than 50 top-level comments are paged: ?comments=2, and beyond the last is 404', async (t) => {
      const { ctx, server, article, path } = await setup(t, dialect)
      const comments = []
      for (let i = 0; i < COMMENT_LIMITS.perPage + 1; i++) {
        comments.push(await approved(ctx, article, 1000 - i))
      }
      const firstReply = await approved(ctx, article, 10, { parentId: comments[0]?.id ?? null })
      const lastReply = await approved(ctx, article, 9, { parentId: comments[50]?.id ?? null })

      const one = await server.page(path)
      const listed = listedComments(one.document)
      assert.equal(listed.length, 50)
      assert.deepEqual(
        listed.map((c) => c.id),
        comments.slice(0, 50).map((c) => `comment-${c.id}`),
      )
      assert.deepEqual(listed[0]?.replies, [`comment-${firstReply.id}`])
      assert.equal(countShown(one.document), '(53)')
      const nav = one.document.querySelector('#comments nav.pagination')
      assert.ok(nav, 'no comment pagination')
      assert.match(textOf(nav), /Page 1 of 2/)
      assert.deepEqual(
        nav.querySelectorAll('a').map((a) => [textOf(a), a.getAttribute('href')]),
        [['Later comments →', `${path}?comments=2#comments`]],
      )

      const two = await server.page(`${path}?comments=2`)
      assert.equal(two.response.status, 200)
      assert.deepEqual(listedComments(two.document), [
        {
          id: `comment-${comments[50]?.id}`,
          author: comments[50]?.authorName,
          text: comments[50]?.body,
          replies: [`comment-${lastReply.id}`],
        },
      ])
      assert.deepEqual(
        two.document
          .querySelectorAll('#comments nav.pagination a')
          .map((a) => [textOf(a), a.getAttribute('href')]),
        [['← Earlier comments', `${path}#comments`]],
      )
      for (const beyond of ['3', '0', '-1', 'abc', '1.5', '99999999']) {
        const page = await server.get(`${path}?comments=${beyond}`)
        assert.equal(page.status, 404, `?comments=${beyond}`)
      }
    })

    test('the New comment form: name, email, text, a hidden honeypot and a signed token', async (t) => {
      const { server, path } = await setup(t, dialect)
      const { document } = await server.page(path)
      assert.equal(textOf(document.querySelector('h2#new-comment')), 'New comment')
      const form = commentForm(document)
      assert.equal(form.getAttribute('method'), 'post')
      assert.equal(form.getAttribute('action'), `${path}/comments`)
      for (const [id, label] of [
        ['comment-name', 'Name'],
        ['comment-email', 'Email (optional)'],
        ['comment-body', 'Comment'],
      ] as const) {
        assert.equal(textOf(form.querySelector(`label[for=${id}]`)), label)
        assert.ok(form.querySelector(`#${id}`), `no #${id}`)
      }
      assert.equal(form.querySelector('#comment-name')?.getAttribute('name'), 'name')
      assert.equal(form.querySelector('#comment-email')?.getAttribute('type'), 'email')
      assert.equal(form.querySelector('#comment-body')?.tagName, 'TEXTAREA')
      // The honeypot: hidden from people and assistive technology, out of the tab order.
      const honeypot = form.querySelector('input[name=website]')
      assert.ok(honeypot)
      assert.equal(honeypot.getAttribute('tabindex'), '-1')
      assert.equal(honeypot.getAttribute('value') ?? '', '')
      assert.equal(honeypot.closest('.hp')?.getAttribute('aria-hidden'), 'true')
      const token = form.querySelector('input[type=hidden][name=_csrf]')?.getAttribute('value')
      assert.match(token ?? '', /^[0-9a-z]+\.[0-9a-f]{32}$/)
      // The email is never shown, and the form says so.
      assert.match(textOf(form.querySelector('#comment-email-hint')), /Never shown/)
      // The enhancing script is same-origin.
      const scripts = document.querySelectorAll('script').map((s) => s.getAttribute('src') ?? '')
      assert.ok(
        scripts.some((src) => /^\/assets\/comments\.[0-9a-f]+\.js$/.test(src)),
        scripts.join(' '),
      )
    })

    test('posting without JavaScript: 303 to ?comment=held, and the page says it awaits moderation', async (t) => {
      const { ctx, server, article, path } = await setup(t, dialect)
      const body = 'A careful comment.\nWith a second line.'
      const result = await submitComment(server, ctx, path, { body, email: 'me@example.org' })
      assert.equal(result.status, 303)
      assert.equal(result.location, `${path}?comment=held#new-comment`)
      const stored = await ctx.stores.comments.listForModeration('pending', {
        limit: 10,
        offset: 0,
      })
      assert.deepEqual(
        stored.map((c) => [c.articleId, c.body, c.status]),
        [[article.id, body, 'pending']],
      )
      const { response, document } = await server.page(result.location.split('#')[0] ?? '')
      assert.equal(response.status, 200)
      assert.equal(textOf(document.querySelector('#comments .notice[role=status]')), HELD)
      // Not shown yet, and the form is empty again.
      assert.equal(listedComments(document).length, 0)
      assert.equal(commentForm(document).querySelector('textarea')?.text, '')
    })

    test('under post-moderation a returning commenter is redirected to the comment and sees it', async (t) => {
      const { ctx, server, path } = await setup(t, dialect)
      await setCommentSettings(ctx, { moderation: 'post' })
      const editor = await staffActor(ctx, 'editor')
      const first = await submitComment(server, ctx, path, {}, { headers: from(freshIp()) })
      assert.equal(first.location, `${path}?comment=held#new-comment`)
      // The browser keeps the commenter cookie that came with its first comment.
      const cookie = first.response.headers
        .getSetCookie()
        .find((line) => line.startsWith('dl_commenter='))
        ?.split(';')[0]
      assert.ok(cookie, 'no commenter cookie')
      const [held] = await ctx.stores.comments.listForModeration('pending', { limit: 1, offset: 0 })
      assert.ok(held)
      await ctx.services.comments.moderate(editor, [held.id], 'approve')

      const body = 'Back again, and published at once.'
      const again = await submitComment(
        server,
        ctx,
        path,
        { body },
        { headers: { ...from(freshIp()), cookie } },
      )
      assert.equal(again.status, 303)
      const match = new RegExp(`^${path}#comment-([0-9a-f-]{36})$`).exec(again.location)
      assert.ok(match, `redirected to ${again.location}`)
      const { document } = await server.page(path)
      assert.equal(textOf(document.querySelector(`#comment-${match[1]} .comment-body`)), body)

      // A first-timer is still held.
      const stranger = await submitComment(
        server,
        ctx,
        path,
        { email: 'new.reader@example.org' },
        { headers: from(freshIp()) },
      )
      assert.equal(stranger.location, `${path}?comment=held#new-comment`)
    })

    test('with Accept: application/json the answer is JSON', async (t) => {
      const { ctx, server, path } = await setup(t, dialect)
      const ok = await submitComment(server, ctx, path, {}, { headers: from(freshIp(), true) })
      assert.equal(ok.status, 201)
      const answer = parseJson(ok)
      assert.equal(answer.error, undefined)
      assert.equal(answer.status, 'pending')
      assert.equal(answer.published, false)
      assert.match(answer.id ?? '', /^[0-9a-f-]{36}$/)
      assert.equal((await ctx.stores.comments.findById(answer.id ?? ''))?.status, 'pending')

      const refused = await submitComment(
        server,
        ctx,
        path,
        { body: '   ' },
        { headers: from(freshIp(), true) },
      )
      assert.equal(refused.status, 422)
      assert.deepEqual(parseJson(refused), {
        error: { code: 'empty_comment', message: 'Write a comment first.', field: 'body' },
      })
      // An Accept that also takes HTML gets the page.
      const both = await submitComment(
        server,
        ctx,
        path,
        { body: '' },
        { headers: { ...from(freshIp()), accept: 'text/html,application/json' } },
      )
      assert.equal(both.status, 422)
      assert.match(both.response.headers.get('content-type') ?? '', /^text\/html/)
    })

    test('a cross-site Origin is refused with 403; this site’s own Origin is accepted', async (t) => {
      const { ctx, server, path } = await setup(t, dialect)
      for (const origin of ['https://evil.example', 'null', `${server.url}.evil.example`]) {
        const result = await submitComment(
          server,
          ctx,
          path,
          {},
          { headers: { ...from(freshIp(), true), origin } },
        )
        assert.equal(result.status, 403, origin)
        assert.equal(parseJson(result).error?.code, 'cross_site_post')
      }
      assert.equal(await storedCount(ctx), 0)
      const same = await submitComment(
        server,
        ctx,
        path,
        {},
        { headers: { ...from(freshIp(), true), origin: server.url } },
      )
      assert.equal(same.status, 201)
    })

    test('comment text: line breaks kept, links with rel="nofollow ugc", javascript: and data: never linked', async (t) => {
      const { ctx, server, article, path } = await setup(t, dialect)
      const comment = await approved(ctx, article, 5, {
        body: [
          'First line',
          'second line',
          '',
          'See https://example.org/report?a=1&b=2, and www.example.net.',
          'javascript:alert(1) data:text/html;base64,PHNjcmlwdD4= <a href="javascript:alert(2)">x</a>',
        ].join('\n'),
      })
      const { document } = await server.page(path)
      const body = document.querySelector(`#comment-${comment.id} .comment-body`)
      assert.ok(body)
      const paragraphs = body.querySelectorAll('p')
      assert.equal(paragraphs.length, 2)
      assert.equal(paragraphs[0]?.querySelectorAll('br').length, 1)
      assert.equal(paragraphs[1]?.querySelectorAll('br').length, 1)
      assert.deepEqual(
        paragraphs[0]?.childNodes.map((node) => [node.nodeType, node.text]),
        [
          [3, 'First line'],
          [1, '\n'],
          [3, 'second line'],
        ],
      )
      const links = body.querySelectorAll('a')
      assert.deepEqual(
        links.map((a) => [a.getAttribute('href'), a.text]),
        [
          ['https://example.org/report?a=1&b=2', 'https://example.org/report?a=1&b=2'],
          ['https://www.example.net/', 'www.example.net'],
        ],
      )
      for (const link of links) {
        const rel = (link.getAttribute('rel') ?? '').split(/\s+/)
        assert.ok(rel.includes('nofollow') && rel.includes('ugc'), `rel="${rel.join(' ')}"`)
      }
      assert.match(
        textOf(body),
        /javascript:alert\(1\) data:text\/html;base64,PHNjcmlwdD4= <a href="javascript:alert\(2\)">x<\/a>/,
      )
    })
  })

  describe(`refused comments (${dialect})`, () => {
    interface Case {
      name: string
      status: number
      code: string
      message: RegExp
      /** Changes the situation and the fields before posting; returns the fields to send. */
      prepare?: (env: {
        ctx: TestAppContext
        server: TestServer
        article: Article
        path: string
        ip: string
        fields: Record<string, string | string[]>
      }) => Promise<FormFields | void>
      /** Post at once, without waiting to have written anything. */
      noWait?: boolean
      /** When the form is not shown again (comments are closed). */
      noForm?: boolean
    }

    const cases: Case[] = [
      {
        name: 'missing token',
        status: 403,
        code: 'bad_form_token',
        message: /did not come from this page/,
        prepare: async ({ fields }) => ({ ...fields, _csrf: '' }),
      },
      {
        name: 'forged token',
        status: 403,
        code: 'bad_form_token',
        message: /did not come from this page/,
        prepare: async ({ ctx, fields }) => ({
          ...fields,
          _csrf: `${ctx.clock.now().getTime().toString(36)}.${'a'.repeat(32)}`,
        }),
      },
      {
        name: 'token of another article',
        status: 403,
        code: 'bad_form_token',
        message: /did not come from this page/,
        prepare: async ({ ctx, server, fields }) => {
          const { article: other } = await importArticle(ctx)
          const otherForm = await loadForm(server, pathOf(other))
          return { ...fields, _csrf: otherForm.fields._csrf ?? '' }
        },
      },
      {
        name: 'empty text',
        status: 422,
        code: 'empty_comment',
        message: /Write a comment first/,
        prepare: async ({ fields }) => ({ ...fields, body: ' \n ' }),
      },
      {
        name: 'over-long text',
        status: 422,
        code: 'comment_too_long',
        message: /at most 5000 characters; this one has 5001/,
        prepare: async ({ fields }) => ({ ...fields, body: 'x'.repeat(5001) }),
      },
      {
        name: 'empty name',
        status: 422,
        code: 'invalid_name',
        message: /Give a name/,
        prepare: async ({ fields }) => ({ ...fields, name: '' }),
      },
      {
        name: 'over-long name',
        status: 422,
        code: 'invalid_name',
        message: /Give a name/,
        prepare: async ({ fields }) => ({ ...fields, name: 'n'.repeat(81) }),
      },
      {
        name: 'bad email',
        status: 422,
        code: 'invalid_email',
        message: /does not look right/,
        prepare: async ({ fields }) => ({ ...fields, email: 'not-an-email' }),
      },
      {
        name: 'too many links',
        status: 422,
        code: 'too_many_links',
        message: /at most 2 links/,
        prepare: async ({ fields }) => ({
          ...fields,
          body: 'https://a.example https://b.example https://c.example',
        }),
      },
      {
        name: 'honeypot filled in',
        status: 422,
        code: 'looks_automated',
        message: /looks as if a program sent it/,
        prepare: async ({ fields }) => ({ ...fields, website: 'https://spam.example' }),
      },
      {
        name: 'too fast',
        status: 422,
        code: 'too_fast',
        message: /faster than anyone could write it/,
        noWait: true,
      },
      {
        name: 'unknown parent',
        status: 422,
        code: 'bad_parent',
        message: /not there any more/,
        prepare: async ({ fields }) => ({ ...fields, parent_id: 'no-such-comment' }),
      },
      {
        name: 'parent id with a NUL',
        status: 422,
        code: 'bad_parent',
        message: /not there any more/,
        prepare: async ({ fields }) => ({ ...fields, parent_id: '\u0000' }),
      },
      {
        name: 'duplicate',
        status: 409,
        code: 'duplicate_comment',
        message: /already been posted/,
        prepare: async ({ ctx, server, path, ip, fields }) => {
          const body = uniqueText('Said once already')
          const first = await submitComment(server, ctx, path, { body }, { headers: from(ip) })
          assert.equal(first.status, 303)
          return { ...fields, body }
        },
      },
      {
        name: 'blocked word',
        status: 422,
        code: 'blocked_word',
        message: /does not publish the word "rubbish"/,
        prepare: async ({ ctx, fields }) => {
          await setCommentSettings(ctx, { blockedWords: ['rubbish'] })
          return { ...fields, body: 'Utter RUBBISH.' }
        },
      },
      {
        name: 'rate limited',
        status: 429,
        code: 'too_many_comments',
        message: /5 comments in 10 minutes/,
        prepare: async ({ ctx, server, path, ip }) => {
          for (let i = 0; i < COMMENT_LIMITS.perNetwork; i++) {
            const ok = await submitComment(server, ctx, path, {}, { headers: from(ip) })
            assert.equal(ok.status, 303)
          }
        },
      },
      {
        name: 'banned',
        status: 403,
        code: 'banned',
        message: /not accepted on this site/,
        prepare: async ({ ctx, server, path, ip, fields }) => {
          const first = await submitComment(server, ctx, path, {}, { headers: from(ip) })
          assert.equal(first.status, 303)
          const [held] = await ctx.stores.comments.listForModeration('pending', {
            limit: 1,
            offset: 0,
          })
          assert.ok(held)
          await ctx.services.comments.moderate(await staffActor(ctx, 'editor'), [held.id], 'ban')
          return fields
        },
      },
      {
        name: 'closed article',
        status: 403,
        code: 'comments_closed',
        message: /Comments are closed on this article/,
        noForm: true,
        prepare: async ({ ctx, article, fields }) => {
          await setArticleCommentMode(ctx, article, 'closed')
          return fields
        },
      },
      {
        name: 'cross-site post',
        status: 403,
        code: 'cross_site_post',
        message: /only be posted from this site/,
      },
    ]

    for (const mode of ['without JavaScript', 'as JSON'] as const) {
      for (const item of cases) {
        test(`${item.name} (${mode}): ${item.status} ${item.code}, nothing stored, never a 500`, async (t) => {
          const { ctx, server, article, path } = await setup(t, dialect)
          const ip = freshIp()
          const loaded = await loadForm(server, path)
          const fields: Record<string, string | string[]> = {
            ...loaded.fields,
            name: 'Ingrid Solberg',
            email: 'ingrid@example.org',
            body: 'My careful words, which must not be lost.\nSecond line.',
          }
          const sent = {
            ...fields,
            ...((await item.prepare?.({ ctx, server, article, path, ip, fields })) ?? {}),
          }
          const before = await storedCount(ctx)
          if (!item.noWait) ctx.clock.advance(5000)
          const headers = {
            ...from(ip, mode === 'as JSON'),
            ...(item.code === 'cross_site_post' ? { origin: 'https://evil.example' } : {}),
          }
          const result = await postForm(server, `${path}/comments`, sent, headers)
          assert.equal(result.status, item.status, result.text.slice(0, 300))
          assert.equal(await storedCount(ctx), before, 'nothing new is stored')
          if (item.code === 'too_many_comments') {
            // When the next window begins: a whole number of seconds, at most a window away.
            const retryAfter = Number(result.response.headers.get('retry-after'))
            assert.ok(Number.isInteger(retryAfter), `Retry-After: ${retryAfter}`)
            assert.ok(retryAfter >= 1 && retryAfter <= COMMENT_LIMITS.windowMs / 1000)
          }
          if (mode === 'as JSON') {
            const answer = parseJson(result)
            assert.deepEqual(Object.keys(answer), ['error'])
            assert.equal(answer.error?.code, item.code)
            assert.match(answer.error?.message ?? '', item.message)
            return
          }
          // Without JavaScript: the article page again, the reason said, the text kept.
          assert.match(result.response.headers.get('content-type') ?? '', /^text\/html/)
          assert.equal(textOf(result.document.querySelector('h1')), article.headline)
          const section = result.document.querySelector('#comments')
          assert.ok(section)
          assert.match(squash(section.text), item.message)
          const body = String(sent.body)
          if (item.noForm) {
            assert.ok(
              squash(section.text).includes(squash(body)),
              'the text is still there to copy',
            )
            return
          }
          const form = commentForm(result.document)
          assert.equal(form.querySelector('textarea[name=body]')?.text, body)
          assert.equal(form.querySelector('input[name=name]')?.getAttribute('value'), sent.name)
          assert.equal(form.querySelector('input[name=email]')?.getAttribute('value'), sent.email)
          assert.equal(form.querySelector('input[name=website]')?.getAttribute('value') ?? '', '')
          // A field at fault is marked and described.
          const problem = form.querySelector('.field-error, .form-problem')
          assert.ok(problem, 'the reason is shown in the form')
          assert.match(squash(problem.text), item.message)
          const errorId = problem.getAttribute('id')
          if (errorId) {
            const described = form.querySelector(`[aria-describedby~=${errorId}]`)
            assert.ok(described, `nothing is described by #${errorId}`)
          }
          // A fresh token: the reader can send it again once the reason is fixed.
          assert.match(
            form.querySelector('input[name=_csrf]')?.getAttribute('value') ?? '',
            /^[0-9a-z]+\.[0-9a-f]{32}$/,
          )
        })
      }
    }

    test('odd requests get a clear 4xx, never a 500', async (t) => {
      const { ctx, server, path } = await setup(t, dialect)
      const { fields } = await loadForm(server, path)
      ctx.clock.advance(5000)
      const send = (body: string, headers: Record<string, string>) =>
        fetch(`${server.url}${path}/comments`, {
          method: 'POST',
          headers: { ...from(freshIp()), ...headers },
          body,
          redirect: 'manual',
        })
      const form = { 'content-type': 'application/x-www-form-urlencoded' }
      // Far larger than any comment could be.
      const huge = await send(
        new URLSearchParams({ ...fields, name: 'Big', body: 'x'.repeat(100_000) }).toString(),
        form,
      )
      assert.equal(huge.status, 413)
      // Not a form at all.
      const json = await send(JSON.stringify({ name: 'x', body: 'y' }), {
        'content-type': 'application/json',
      })
      // (Parsed, but it carries no form token.)
      assert.equal(json.status, 403, `JSON body: ${json.status}`)
      const none = await send('name=x&body=y', {})
      assert.ok(none.status >= 400 && none.status < 500, `no content type: ${none.status}`)
      // A name sent twice is no name; broken percent-encoding is accepted as it comes.
      const token = `_csrf=${encodeURIComponent(String(fields._csrf))}`
      const twice = await send(`${token}&name=a&name=b&body=hi`, {
        ...form,
        accept: 'application/json',
      })
      assert.equal(twice.status, 422)
      assert.equal(((await twice.json()) as { error: { code: string } }).error.code, 'invalid_name')
      const broken = await send(`${token}&name=Percent&body=caf%C3%A9%20%E0%A4%A%ZZ%`, form)
      assert.equal(broken.status, 303)
      const [stored] = await ctx.stores.comments.listForModeration('pending', {
        limit: 1,
        offset: 0,
      })
      // (Kept as sent when it cannot be decoded: nothing is lost.)
      assert.match(stored?.body ?? '', /^caf/)
      // An empty body: no form token.
      const empty = await send('', form)
      assert.equal(empty.status, 403)
      assert.equal(await storedCount(ctx), 1)
    })

    test('an unknown or unpublished article: 404, as HTML and as JSON', async (t) => {
      const { ctx, server, path } = await setup(t, dialect)
      const { fields } = await loadForm(server, path)
      const { article: draft } = await importArticle(ctx, {}, { draft: true })
      ctx.clock.advance(5000)
      for (const target of [
        '/2026/11/17/no-such-article/comments',
        `/2026/11/17/${draft.slug}/comments`,
        '/2026/11/17/Not A Slug/comments',
      ]) {
        const html = await postForm(server, target, fields, from(freshIp()))
        assert.equal(html.status, 404, target)
        assert.match(html.response.headers.get('content-type') ?? '', /^text\/html/)
        const json = await postForm(server, target, fields, from(freshIp(), true))
        assert.equal(json.status, 404, target)
        const answer = parseJson(json)
        assert.deepEqual(Object.keys(answer), ['error'])
        assert.match(answer.error?.code ?? '', /^(article|page)_not_found$/)
        assert.ok(answer.error?.message)
      }
      assert.equal(await storedCount(ctx), 0)
    })
  })

  describe(`comment pages are valid HTML (${dialect})`, () => {
    test('comments, replies, paging, a refused form, a notice and a closed article', async (t) => {
      const { ctx, server, article, path } = await setup(t, dialect)
      const first = await approved(ctx, article, 500, { body: 'Two\nlines https://example.org/' })
      await approved(ctx, article, 400, { parentId: first.id })
      for (let i = 0; i < COMMENT_LIMITS.perPage; i++) await approved(ctx, article, 300 - i)
      const pages: [string, string][] = []
      const keep = async (label: string, html: Promise<string> | string) =>
        pages.push([label, await html])
      await keep(
        'page 1',
        server.page(path).then((page) => page.html),
      )
      await keep(
        'page 2',
        server.page(`${path}?comments=2`).then((page) => page.html),
      )
      await keep(
        'replying',
        server.page(`${path}?reply=${first.id}`).then((page) => page.html),
      )
      await keep(
        'held',
        server.page(`${path}?comment=held`).then((page) => page.html),
      )
      const badName = await submitComment(
        server,
        ctx,
        path,
        { name: '' },
        { headers: from(freshIp()) },
      )
      assert.equal(badName.status, 422)
      await keep('field error', badName.text)
      const tooFast = await submitComment(
        server,
        ctx,
        path,
        {},
        { headers: from(freshIp()), writingTimeMs: 0 },
      )
      assert.equal(tooFast.status, 422)
      await keep('general problem', tooFast.text)
      const { fields } = await loadForm(server, path)
      await setArticleCommentMode(ctx, article, 'closed')
      ctx.clock.advance(5000)
      const closed = await postForm(
        server,
        `${path}/comments`,
        { ...fields, name: 'Late', body: 'Too late.' },
        from(freshIp()),
      )
      assert.equal(closed.status, 403)
      assert.equal(closed.document.querySelector('#comment-refused')?.text, 'Too late.')
      await keep('closed, text given back', closed.text)
      for (const [label, html] of pages) {
        await assertValidHtml(html, label)
      }
    })
  })

  describe(`comment feeds (${dialect})`, () => {
    test('the Atom feed is well-formed Atom with only approved comments, as text', async (t) => {
      const { ctx, server, article, path } = await setup(t, dialect)
      const older = await approved(ctx, article, 30, {
        name: 'Astrid & Co',
        body: 'Line one\nline <two>',
      })
      const reply = await approved(ctx, article, 20, { parentId: older.id, name: 'Bjørn' })
      await approved(ctx, article, 10, { status: 'pending', body: 'Not yet.' })
      await approved(ctx, article, 5, { status: 'rejected', body: 'Never.' })

      const feed = await fetchAtom(server, path)
      assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom')
      assert.equal(feed.id, `urn:uuid:${article.id}`)
      assert.match(feed.title['#text'] ?? '', new RegExp(`Comments on “${article.headline}”`))
      assert.equal(feed.updated, reply.createdAt.toISOString())
      const self = feed.link.find((link) => link['@rel'] === 'self')
      assert.equal(self?.['@href'], `${SITE}${path}/comments.atom`)
      assert.equal(self?.['@type'], 'application/atom+xml')
      assert.equal(feed.link.find((link) => link['@rel'] === 'alternate')?.['@href'], SITE + path)

      const entries = feed.entry ?? []
      assert.deepEqual(
        entries.map((entry) => entry.id),
        [`urn:uuid:${reply.id}`, `urn:uuid:${older.id}`],
      )
      const entry = entries[1]
      assert.ok(entry)
      assert.equal(entry.title['#text'], 'Comment by Astrid & Co')
      assert.equal(entry.author.name, 'Astrid & Co')
      assert.equal(entry.published, older.createdAt.toISOString())
      assert.equal(entry.updated, older.createdAt.toISOString())
      assert.equal(entry.link[0]?.['@href'], `${SITE}${path}#comment-${older.id}`)
      assert.equal(entry.link[0]?.['@rel'], 'alternate')
      assert.equal(entry.content['@type'], 'text')
      assert.equal(entry.content['#text'], 'Line one\nline <two>')
      for (const item of entries) {
        assert.ok(!Number.isNaN(Date.parse(item.published)), 'published is a date')
        assert.ok(!Number.isNaN(Date.parse(item.updated)), 'updated is a date')
      }
    })

    test('the JSON list has only approved comments, newest first', async (t) => {
      const { ctx, server, article, path } = await setup(t, dialect)
      const older = await approved(ctx, article, 30, { body: 'Line one\nline "two"' })
      const reply = await approved(ctx, article, 20, { parentId: older.id, name: 'Bjørn' })
      await approved(ctx, article, 10, { status: 'pending', body: 'Not yet.' })
      await approved(ctx, article, 5, { status: 'spam', body: 'Never.' })
      const list = await fetchJsonList(server, path)
      assert.deepEqual(list.article, {
        id: article.id,
        headline: article.headline,
        url: SITE + path,
      })
      assert.deepEqual(list.comments, [
        {
          id: reply.id,
          author: 'Bjørn',
          text: reply.body,
          published: reply.createdAt.toISOString(),
          inReplyTo: older.id,
          url: `${SITE}${path}#comment-${reply.id}`,
        },
        {
          id: older.id,
          author: older.authorName,
          text: 'Line one\nline "two"',
          published: older.createdAt.toISOString(),
          inReplyTo: null,
          url: `${SITE}${path}#comment-${older.id}`,
        },
      ])
    })

    test('an article with no comments has an empty, still valid feed and list', async (t) => {
      const { server, path } = await setup(t, dialect)
      const feed = await fetchAtom(server, path)
      assert.equal(feed.entry, undefined)
      assert.ok(!Number.isNaN(Date.parse(feed.updated)))
      assert.deepEqual((await fetchJsonList(server, path)).comments, [])
    })

    test('both feeds are 404 for unknown and unpublished articles', async (t) => {
      const { ctx, server } = await setup(t, dialect)
      const { article: draft } = await importArticle(ctx, {}, { draft: true })
      await approved(ctx, draft, 5)
      for (const base of [
        '/2026/11/17/no-such-article',
        `/2026/11/17/${draft.slug}`,
        `/2026/11/20/${draft.slug}`,
      ]) {
        for (const feed of ['comments.atom', 'comments.json']) {
          const response = await server.get(`${base}/${feed}`)
          assert.equal(response.status, 404, `${base}/${feed}`)
          assert.ok(!(await response.text()).includes(draft.headline))
        }
      }
    })
    test('both feeds carry an ETag and Last-Modified, answer 304 when unchanged, and change with an approval', async (t) => {
      const { ctx, server, article, path } = await setup(t, dialect)
      const first = await approved(ctx, article, 30)
      const seen = new Map<string, { etag: string; lastModified: string }>()
      for (const feed of ['comments.atom', 'comments.json']) {
        const url = `${path}/${feed}`
        const response = await server.get(url)
        assert.equal(response.status, 200, url)
        await response.arrayBuffer()
        const etag = response.headers.get('etag') ?? ''
        const lastModified = response.headers.get('last-modified') ?? ''
        assert.match(etag, /^W\/"[^"]+"$/, url)
        assert.equal(lastModified, first.createdAt.toUTCString(), url)
        seen.set(feed, { etag, lastModified })
        const same = await server.get(url, { headers: { 'if-none-match': etag } })
        assert.equal(same.status, 304, url)
        assert.equal(await same.text(), '')
        const unchanged = await server.get(url, { headers: { 'if-modified-since': lastModified } })
        assert.equal(unchanged.status, 304, url)
        await unchanged.arrayBuffer()
      }
      // A comment waiting for a moderator changes neither feed.
      ctx.clock.advance(MINUTE)
      await approved(ctx, article, 0, { status: 'pending' })
      for (const [feed, { etag }] of seen) {
        const response = await server.get(`${path}/${feed}`, { headers: { 'if-none-match': etag } })
        assert.equal(response.status, 304, feed)
        await response.arrayBuffer()
      }
      // An approved one changes both: a new ETag, and its time as Last-Modified.
      ctx.clock.advance(MINUTE)
      const later = await approved(ctx, article, 0)
      for (const [feed, { etag, lastModified }] of seen) {
        const url = `${path}/${feed}`
        const changed = await server.get(url, {
          headers: { 'if-none-match': etag, 'if-modified-since': lastModified },
        })
        assert.equal(changed.status, 200, url)
        assert.ok((await changed.text()).includes(later.id), url)
        assert.notEqual(changed.headers.get('etag'), etag, url)
        assert.equal(changed.headers.get('last-modified'), later.createdAt.toUTCString(), url)
      }
    })
  })

  describe(`from a reader's comment to the page and the feeds (${dialect})`, () => {
    test('a reader posts, a moderator approves, and the comment appears on the page and in both feeds', async (t) => {
      const { ctx, server, path } = await setup(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const body = 'The old quay flooded twice last winter.\nA wall is overdue.'
      const posted = await submitComment(
        server,
        ctx,
        path,
        { name: 'Harbour Resident', email: 'resident@example.org', body },
        { headers: from(freshIp(), true) },
      )
      assert.equal(posted.status, 201)
      const { id } = parseJson(posted)
      assert.ok(id)

      // Held: not on the page, not in the feeds.
      assert.equal(listedComments((await server.page(path)).document).length, 0)
      assert.equal((await fetchAtom(server, path)).entry, undefined)
      assert.deepEqual((await fetchJsonList(server, path)).comments, [])

      ctx.clock.advance(MINUTE)
      assert.equal(await ctx.services.comments.moderate(editor, [id], 'approve'), 1)

      const { document, html } = await server.page(path)
      assert.deepEqual(listedComments(document), [
        {
          id: `comment-${id}`,
          author: 'Harbour Resident',
          text: body,
          replies: [],
        },
      ])
      assert.equal(countShown(document), '(1)')
      assert.ok(!html.includes('resident@example.org'), 'the email is never shown')

      const entries = (await fetchAtom(server, path)).entry ?? []
      assert.deepEqual(
        entries.map((entry) => [entry.id, entry.author.name, entry.content['#text']]),
        [[`urn:uuid:${id}`, 'Harbour Resident', body]],
      )
      assert.equal(entries[0]?.updated, ctx.clock.now().toISOString())
      const list = await fetchJsonList(server, path)
      assert.deepEqual(
        list.comments.map((c) => [c.id, c.author, c.text]),
        [[id, 'Harbour Resident', body]],
      )
      assert.ok(!JSON.stringify(list).includes('resident@example.org'))
    })
  })
}
