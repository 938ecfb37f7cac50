// The Admin API over real HTTP on both databases: bearer tokens (401 for
// missing, malformed, unknown, expired and revoked; stored only as a hash),
// every route with a token of each role against what the newsroom allows,
// strict bodies (a mass-assignment property test), a stale version's 409 with
// the current article, and bad bodies (types, size, nesting, content type).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { apiTokenHash } from '../../src/domain/api-tokens/api-token.js'
import type { Role } from '../../src/domain/accounts/user.js'
import { startTestServer, type TestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { rawRows } from '../helpers/raw-sql.js'
import { createStaff } from './admin-session.js'

const DAY = 86_400_000

interface Caller {
  role: Role
  userId: string
  token: string
}

async function callerOf(ctx: TestAppContext, role: Role): Promise<Caller> {
  const staff = await createStaff(ctx, role)
  const { token } = await ctx.services.apiTokens.create(staff.actor, {
    userId: staff.user.id,
    name: `${role} integration`,
  })
  return { role, userId: staff.user.id, token }
}

function call(
  server: TestServer,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
) {
  return server.get(`/api/v1/admin${path}`, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
}

async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error: { code: string } }
  return body.error.code
}

const draftBody = {
  headline: 'Ferry strike called off',
  section: 'news',
  bylines: ['Ada Brekke'],
  body: 'Talks ended overnight.',
}

for (const dialect of testDialects()) {
  describe(`Admin API (${dialect})`, () => {
    test('refuses missing, malformed, unknown, expired and revoked tokens with 401', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const editor = await createStaff(ctx, 'editor')
      const expiring = await ctx.services.apiTokens.create(editor.actor, {
        userId: editor.user.id,
        name: 'short',
        expiresDays: 1,
      })
      const revoked = await ctx.services.apiTokens.create(editor.actor, {
        userId: editor.user.id,
        name: 'revoked',
      })
      await ctx.services.apiTokens.revoke(editor.actor, revoked.record.id)
      const ok = await call(server, expiring.token, 'GET', '/me')
      assert.equal(ok.status, 200)
      assert.equal(((await ok.json()) as { role: string }).role, 'editor')
      ctx.clock.advance(DAY + 1)
      for (const [token, code] of [
        [undefined, 'token_required'],
        ['', 'token_required'],
        ['dlt_short', 'invalid_token'],
        [`dlt_${'A'.repeat(43)}`, 'invalid_token'],
        [expiring.token, 'invalid_token'],
        [revoked.token, 'invalid_token'],
      ] as const) {
        const response = await call(server, token, 'GET', '/me')
        assert.equal(response.status, 401, String(token))
        assert.equal(await errorCode(response), code)
      }
      const basic = await server.get('/api/v1/admin/me', {
        headers: { authorization: 'Basic eDp5' },
      })
      assert.equal(basic.status, 401)
      // Only the hash is stored, and the last use is recorded.
      const rows = await rawRows(ctx, 'select token_hash, last_used_at from api_tokens')
      assert.ok(rows.every((row) => row.token_hash !== expiring.token))
      assert.ok(
        rows.some(
          (row) => row.token_hash === apiTokenHash(expiring.token) && row.last_used_at !== null,
        ),
      )
    })

    test('each role can do through the API exactly what the newsroom lets it', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const callers = await Promise.all(
        (['contributor', 'editor', 'admin'] as const).map((role) => callerOf(ctx, role)),
      )
      const theirs = await ctx.services.editing.createDraft(
        (await createStaff(ctx, 'contributor')).actor,
        {
          headline: 'Someone else’s draft',
          standfirst: '',
          dateline: '',
          body: 'Text.',
          keyPoints: [],
          sectionSlug: 'news',
          bylines: ['B'],
          tags: [],
          slug: '',
        },
      )
      for (const caller of callers) {
        const created = await call(server, caller.token, 'POST', '/articles', draftBody)
        assert.equal(created.status, 201, caller.role)
        const article = (await created.json()) as { id: string; version: number; status: string }
        assert.equal(article.status, 'draft')
        const patched = await call(server, caller.token, 'PATCH', `/articles/${article.id}`, {
          version: article.version,
          standfirst: 'Both sides agreed.',
        })
        assert.equal(patched.status, 200, caller.role)
        const { version } = (await patched.json()) as { version: number }
        const publish = await call(
          server,
          caller.token,
          'POST',
          `/articles/${article.id}/transitions`,
          {
            version,
            to: 'published',
          },
        )
        assert.equal(publish.status, caller.role === 'contributor' ? 403 : 200, caller.role)
        const submit = await call(
          server,
          caller.token,
          'POST',
          `/articles/${article.id}/transitions`,
          {
            version,
            to: 'in_review',
          },
        )
        assert.equal(submit.status, caller.role === 'contributor' ? 200 : 409, caller.role)
        const other = await call(server, caller.token, 'GET', `/articles/${theirs.id}`)
        assert.equal(other.status, caller.role === 'contributor' ? 404 : 200, caller.role)
        const edit = await call(server, caller.token, 'PATCH', `/articles/${theirs.id}`, {
          version: theirs.version,
          headline: 'Taken over',
        })
        assert.ok(
          caller.role === 'contributor' ? [403, 404].includes(edit.status) : edit.status === 200,
          `${caller.role}: ${edit.status}`,
        )
        if (edit.status === 200) {
          const { version: next } = (await edit.json()) as { version: number }
          theirs.version = next
        }
      }
    })

    test('a stale version is a 409 with the article as it is now', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const editor = await callerOf(ctx, 'editor')
      const created = (await (
        await call(server, editor.token, 'POST', '/articles', draftBody)
      ).json()) as {
        id: string
        version: number
      }
      const first = await call(server, editor.token, 'PATCH', `/articles/${created.id}`, {
        version: created.version,
        headline: 'First change',
      })
      assert.equal(first.status, 200)
      const stale = await call(server, editor.token, 'PATCH', `/articles/${created.id}`, {
        version: created.version,
        headline: 'Second change',
      })
      assert.equal(stale.status, 409)
      const body = (await stale.json()) as {
        error: { code: string }
        current: { headline: string; version: number }
      }
      assert.equal(body.error.code, 'stale_version')
      assert.equal(body.current.headline, 'First change')
      assert.equal(body.current.version, created.version + 1)
    })

    test('unknown fields never change anything (mass assignment)', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const contributor = await callerOf(ctx, 'contributor')
      const created = (await (
        await call(server, contributor.token, 'POST', '/articles', draftBody)
      ).json()) as {
        id: string
        version: number
      }
      const forbidden = fc.constantFrom(
        'role',
        'status',
        'authorId',
        'createdBy',
        'publishedAt',
        'id',
        'userId',
        '__proto__',
        'constructor',
        'version2',
      )
      await fc.assert(
        fc.asyncProperty(forbidden, fc.jsonValue({ maxDepth: 2 }), async (field, value) => {
          const patch = `{"version":${created.version},"headline":"Changed",${JSON.stringify(field)}:${JSON.stringify(value) ?? 'null'}}`
          const response = await call(
            server,
            contributor.token,
            'PATCH',
            `/articles/${created.id}`,
            patch,
          )
          assert.equal(response.status, 400)
          // __proto__ and constructor are refused by the JSON parser itself, the rest by the schema.
          assert.ok(['unknown_parameter', 'bad_request'].includes(await errorCode(response)))
          const create = await call(
            server,
            contributor.token,
            'POST',
            '/articles',
            `{"headline":"X","section":"news",${JSON.stringify(field)}:${JSON.stringify(value) ?? 'null'}}`,
          )
          assert.equal(create.status, 400)
        }),
        { numRuns: 25 },
      )
      const article = await ctx.services.editing.get(
        { id: contributor.userId, displayName: '', role: 'contributor' },
        created.id,
      )
      assert.equal(article.version, created.version)
      assert.equal(article.status, 'draft')
      assert.equal(article.headline, draftBody.headline)
      const me = (await (await call(server, contributor.token, 'GET', '/me')).json()) as {
        role: string
      }
      assert.equal(me.role, 'contributor')
    })

    test('bad bodies are 4xx that say what is wrong', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const editor = await callerOf(ctx, 'editor')
      const cases: [unknown, number, string][] = [
        [{ section: 'news' }, 400, 'invalid_parameter'],
        [{ headline: 42, section: 'news' }, 400, 'invalid_parameter'],
        [{ headline: 'x', section: 'news', tags: 'one' }, 400, 'invalid_parameter'],
        [{ headline: 'x', section: 'nowhere' }, 422, 'unknown_section'],
        [{ headline: 'x'.repeat(300), section: 'news' }, 400, 'invalid_parameter'],
        ['{"headline": ', 400, 'bad_request'],
        ['[]', 400, 'invalid_parameter'],
        ['null', 400, 'invalid_parameter'],
        [
          `{"headline":"x","section":"news","body":${'['.repeat(5000)}${']'.repeat(5000)}}`,
          400,
          'invalid_parameter',
        ],
        [
          JSON.stringify({ headline: 'x', section: 'news', body: 'y'.repeat(600_000) }),
          413,
          'payload_too_large',
        ],
      ]
      for (const [body, status, code] of cases) {
        const response = await call(server, editor.token, 'POST', '/articles', body)
        assert.equal(response.status, status, String(body).slice(0, 60))
        assert.equal(await errorCode(response), code, String(body).slice(0, 60))
      }
      const text = await server.get('/api/v1/admin/articles', {
        method: 'POST',
        headers: { authorization: `Bearer ${editor.token}`, 'content-type': 'text/plain' },
        body: 'headline=x',
      })
      assert.equal(text.status, 415)
      assert.equal(await errorCode(text), 'unsupported_media_type')
      const badId = await call(server, editor.token, 'PATCH', '/articles/nope', { version: 1 })
      assert.equal(badId.status, 400)
      const noVersion = await call(
        server,
        editor.token,
        'POST',
        `/articles/${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}/transitions`,
        { to: 'published' },
      )
      assert.equal(noVersion.status, 400)
    })
  })
}
