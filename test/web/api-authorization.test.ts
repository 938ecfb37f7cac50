// The Admin API's authorization matrix over real HTTP on both databases: every
// route the API registers (API_MATRIX in api-matrix-cases.ts), with no token,
// a malformed, an expired and a revoked one (401 each), and a token of each
// role (what the newsroom lets that role do, else 403 or 404). A refused
// request must change nothing in the database.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Role } from '../../src/domain/accounts/user.js'
import { testDialects } from '../helpers/dialects.js'
import { API_MATRIX, type ApiTarget } from './api-matrix-cases.js'
import { CALLERS, makeApiWorld, type ApiWorld, type Caller } from './api-world.js'
import { changes, snapshot } from './world-snapshot.js'

const ROLES: readonly string[] = ['contributor', 'editor', 'admin']
const isRole = (caller: Caller): caller is Role => ROLES.includes(caller)

/** Sends a matrix request as the API's clients do: JSON, or an upload. */
async function send(world: ApiWorld, method: string, target: ApiTarget, token: string | undefined) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
  let body: BodyInit | undefined
  if (target.upload) {
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(target.upload)], { type: 'image/jpeg' }), 'photo.jpg')
    body = form
  } else if (target.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(target.body)
  }
  return world.server.get(`/api/v1/admin${target.path}`, {
    method,
    headers,
    ...(body ? { body } : {}),
  })
}

for (const dialect of testDialects()) {
  describe(`Admin API authorization matrix (${dialect})`, () => {
    test('every route, with every kind of token', async (t) => {
      const { world, routes } = await makeApiWorld(t, dialect)

      await t.test('every Admin API route the app registers has a row in API_MATRIX', () => {
        assert.ok(routes.includes('GET /api/v1/admin/me'), routes.join(', '))
        const missing = routes.filter((route) => !(route in API_MATRIX))
        assert.deepEqual(missing, [], `add rows to API_MATRIX for: ${missing.join(', ')}`)
        const stale = Object.keys(API_MATRIX).filter((route) => !routes.includes(route))
        assert.deepEqual(stale, [], 'API_MATRIX has rows for routes the app no longer has')
      })

      for (const route of routes) {
        const method = route.split(' ')[0] ?? ''
        for (const one of API_MATRIX[route] ?? []) {
          for (const caller of CALLERS) {
            const expected = isRole(caller) ? one.expect[caller] : 401
            await t.test(`${route} — ${one.what} — ${caller} → ${expected}`, async () => {
              const me = isRole(caller) ? world.staff[caller] : world.staff.editor
              const target = await one.prepare(world, me)
              // Only a refused request is held to changing nothing.
              const before = expected >= 400 ? await snapshot(world.ctx) : undefined
              const response = await send(world, method, target, world.tokens[caller])
              const text = await response.text()
              assert.equal(response.status, expected, `${response.status}: ${text.slice(0, 300)}`)
              assert.equal(response.headers.get('cache-control'), 'no-store')
              if (expected < 400) {
                await one.then?.(world, target, text === '' ? undefined : JSON.parse(text))
                return
              }
              const { error } = JSON.parse(text) as { error: { code: string } }
              if (expected === 401) {
                assert.equal(response.headers.get('www-authenticate'), 'Bearer')
                assert.equal(error.code, caller === 'no token' ? 'token_required' : 'invalid_token')
              }
              assert.ok(before)
              assert.deepEqual(changes(before, await snapshot(world.ctx)), [], 'changed nothing')
            })
          }
        }
      }
    })
  })
}
