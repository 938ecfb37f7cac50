// Post-moderation publishes a returning commenter's comment at once. Who is
// "returning" must rest on something a stranger cannot forge: the signed
// commenter cookie a browser got with its first comment, whose commenter a
// moderator has since approved. A typed email or a shared network never is.
import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { freshIp, setCommentSettings, staffActor } from '../helpers/comments.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects, type DialectName } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { from, submitComment, type PostResult } from './comment-client.js'
import { pathOf } from './html.js'

const COOKIE = 'dl_commenter'

async function setup(t: TestContext, dialect: DialectName) {
  const ctx = await createTestContext(t, dialect, { TRUST_PROXY: 'true', PAGE_CACHE_MB: '0' })
  const server = await startTestServer(t, ctx)
  const { article } = await importArticle(ctx)
  await setCommentSettings(ctx, { moderation: 'post' })
  return { ctx, server, path: pathOf(article) }
}

/** The commenter cookie a response sets: its value and attributes, or undefined. */
function commenterCookie(result: PostResult): { value: string; attributes: string } | undefined {
  const line = result.response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith(`${COOKIE}=`))
  if (!line) return undefined
  const [pair = '', ...attributes] = line.split(';')
  return { value: pair.slice(COOKIE.length + 1), attributes: attributes.join(';') }
}

function statusOf(result: PostResult): 'published' | 'held' {
  assert.equal(result.status, 303, result.text.slice(0, 300))
  return result.location.includes('comment=held') ? 'held' : 'published'
}

/** A commenter whose first comment a moderator approved: their email, network and cookie. */
async function approvedCommenter(ctx: TestAppContext, server: TestServer, path: string) {
  const email = 'regular.reader@example.org'
  const ip = '198.51.100.20'
  const first = await submitComment(server, ctx, path, { email }, { headers: from(ip) })
  assert.equal(statusOf(first), 'held')
  const cookie = commenterCookie(first)
  const [held] = await ctx.stores.comments.listForModeration('pending', { limit: 1, offset: 0 })
  assert.ok(held)
  await ctx.services.comments.moderate(await staffActor(ctx, 'editor'), [held.id], 'approve')
  return {
    email,
    ip,
    get cookie(): string {
      assert.ok(cookie, 'no commenter cookie came with the first comment')
      return `${COOKIE}=${cookie.value}`
    },
  }
}

for (const dialect of testDialects()) {
  describe(`who post-moderation trusts (${dialect})`, () => {
    test('a stranger typing an approved commenter’s email is held', async (t) => {
      const { ctx, server, path } = await setup(t, dialect)
      const known = await approvedCommenter(ctx, server, path)
      const stranger = await submitComment(
        server,
        ctx,
        path,
        { email: known.email },
        { headers: from(freshIp()) },
      )
      assert.equal(statusOf(stranger), 'held')
    })

    test('a stranger on the same /24, with no email, is held', async (t) => {
      const { ctx, server, path } = await setup(t, dialect)
      const known = await approvedCommenter(ctx, server, path)
      const neighbour = known.ip.replace(/\d+$/, '21')
      const stranger = await submitComment(server, ctx, path, {}, { headers: from(neighbour) })
      assert.equal(statusOf(stranger), 'held')
    })

    test('the approved commenter’s own browser is published at once, from anywhere', async (t) => {
      const { ctx, server, path } = await setup(t, dialect)
      const known = await approvedCommenter(ctx, server, path)
      const again = await submitComment(
        server,
        ctx,
        path,
        {},
        { headers: { ...from(freshIp()), cookie: known.cookie } },
      )
      assert.equal(statusOf(again), 'published')
    })

    test('a commenter whose comments were never approved is held, cookie or not', async (t) => {
      const { ctx, server, path } = await setup(t, dialect)
      const first = await submitComment(server, ctx, path, {}, { headers: from(freshIp()) })
      const cookie = commenterCookie(first)
      assert.ok(cookie)
      const again = await submitComment(
        server,
        ctx,
        path,
        {},
        { headers: { ...from(freshIp()), cookie: `${COOKIE}=${cookie.value}` } },
      )
      assert.equal(statusOf(again), 'held')
      // The same browser keeps its commenter: the cookie it sent comes back unchanged.
      assert.equal(commenterCookie(again)?.value, cookie.value)
    })

    test('a forged or altered cookie earns nothing, and is replaced', async (t) => {
      const { ctx, server, path } = await setup(t, dialect)
      const known = await approvedCommenter(ctx, server, path)
      const value = known.cookie.slice(COOKIE.length + 1)
      const [id = '', signature = ''] = value.split('.')
      const flipped = signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))
      for (const forged of [
        `${id}.${flipped}`,
        `${id}.`,
        `${id}`,
        `${id.startsWith('x') ? 'y' : 'x'}${id.slice(1)}.${signature}`,
        'é.é',
        `${id}.${signature}${signature}`,
      ]) {
        const result = await submitComment(
          server,
          ctx,
          path,
          {},
          { headers: { ...from(freshIp()), cookie: `${COOKIE}=${encodeURIComponent(forged)}` } },
        )
        assert.equal(statusOf(result), 'held', forged)
        const fresh = commenterCookie(result)
        assert.ok(fresh && fresh.value !== forged, `${forged}: no fresh cookie`)
      }
    })

    test('the cookie is HttpOnly, SameSite=Strict, long-lived, and Secure on an https site', async (t) => {
      const { ctx, server, path } = await setup(t, dialect)
      const first = await submitComment(server, ctx, path, {}, { headers: from(freshIp()) })
      const cookie = commenterCookie(first)
      assert.ok(cookie)
      assert.match(cookie.attributes, /HttpOnly/i)
      assert.match(cookie.attributes, /SameSite=Strict/i)
      assert.match(cookie.attributes, /Secure/i)
      assert.match(cookie.attributes, /Path=\//i)
      const maxAge = Number(/Max-Age=(\d+)/i.exec(cookie.attributes)?.[1])
      assert.ok(maxAge >= 180 * 24 * 3600, `Max-Age=${maxAge}`)
      // Only a comment's answer sets it: the article page never does.
      const page = await server.get(path)
      assert.deepEqual(page.headers.getSetCookie(), [])
    })

    test('banning a commenter refuses their browser from any network, with no email', async (t) => {
      const { ctx, server, path } = await setup(t, dialect)
      const known = await approvedCommenter(ctx, server, path)
      const [shown] = await ctx.stores.comments.listForModeration('approved', {
        limit: 1,
        offset: 0,
      })
      assert.ok(shown)
      await ctx.services.comments.moderate(await staffActor(ctx, 'editor'), [shown.id], 'ban')
      const again = await submitComment(
        server,
        ctx,
        path,
        {},
        { headers: { ...from(freshIp(), true), cookie: known.cookie } },
      )
      assert.equal(again.status, 403)
      assert.equal((JSON.parse(again.text) as { error: { code: string } }).error.code, 'banned')
    })
  })

  describe(`the commenter cookie and the page cache (${dialect})`, () => {
    test('a reader carrying the cookie is still served cached pages', async (t) => {
      const ctx = await createTestContext(t, dialect, { TRUST_PROXY: 'true' })
      const server = await startTestServer(t, ctx)
      const { article } = await importArticle(ctx)
      const path = pathOf(article)
      const first = await submitComment(server, ctx, path, {}, { headers: from(freshIp()) })
      const cookie = commenterCookie(first)
      assert.ok(cookie)
      const plain = await server.get(path)
      assert.equal(plain.status, 200)
      const etag = plain.headers.get('etag')
      assert.ok(etag, 'the page was cached')
      const withCookie = await server.get(path, {
        headers: { cookie: `${COOKIE}=${cookie.value}`, 'if-none-match': etag },
      })
      // Answered from the cache (a 304 against the cached page's tag), and nothing set.
      assert.equal(withCookie.status, 304)
      assert.deepEqual(withCookie.headers.getSetCookie(), [])
    })
  })
}
