// Mass assignment and bad bodies on every Admin API route that reads one, on
// both databases: a field the route does not offer (role, status, authorId,
// id, version-like keys…) at any depth of the body is a 400 that names it and
// changes nothing; huge and deeply nested JSON, and every content type but
// the route's own, are 4xx in the site's one error shape.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { ADMIN_OPERATIONS } from '../../src/web/api/admin/admin-openapi.js'
import { testDialects } from '../helpers/dialects.js'
import { API_MATRIX, type ApiTarget } from './api-matrix-cases.js'
import { makeApiWorld, type ApiWorld } from './api-world.js'
import { changes, snapshot } from './world-snapshot.js'

const FORBIDDEN = [
  'role',
  'status',
  'authorId',
  'createdBy',
  'userId',
  'id',
  'version2',
  'baseVersion',
  '_version',
  'published_at',
  'isAdmin',
  'permissions',
]

/** Every object inside a value, the value itself first: where an extra key may go. */
function objectsIn(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objectsIn)
  if (value === null || typeof value !== 'object') return []
  const object = value as Record<string, unknown>
  return [object, ...Object.values(object).flatMap(objectsIn)]
}

/** The JSON-body routes, each with a valid request made fresh (as an admin, who may do them all). */
const bodyRoutes = ADMIN_OPERATIONS.filter((operation) => operation.body).map((operation) => {
  const route = `${operation.method.toUpperCase()} /api/v1${operation.path.replace(/\{(\w+)\}/g, ':$1')}`
  const one = API_MATRIX[route]?.[0]
  assert.ok(one, `no matrix row for ${route}`)
  return { route, method: operation.method.toUpperCase(), one }
})

function send(world: ApiWorld, method: string, target: ApiTarget, body: string, type: string) {
  return world.server.get(`/api/v1/admin${target.path}`, {
    method,
    headers: { authorization: `Bearer ${world.tokens.admin}`, 'content-type': type },
    body,
  })
}

/** The site's one error shape, and nothing else in it. */
async function errorOf(response: Response): Promise<{ code: string; field?: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } }
  assert.deepEqual(Object.keys(body), ['error'])
  assert.equal(typeof body.error.message, 'string')
  return body.error
}

for (const dialect of testDialects()) {
  describe(`Admin API bodies (${dialect})`, () => {
    test('an extra field at any depth changes nothing (property)', async (t) => {
      const { world } = await makeApiWorld(t, dialect)
      for (const { route, method, one } of bodyRoutes) {
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...FORBIDDEN),
            fc.jsonValue({ maxDepth: 3 }),
            fc.nat(),
            async (key, value, where) => {
              const target = await one.prepare(world, world.staff.admin)
              const body = structuredClone(target.body) as Record<string, unknown>
              const places = objectsIn(body)
              places[where % places.length]![key] = value
              const before = await snapshot(world.ctx)
              const response = await send(
                world,
                method,
                target,
                JSON.stringify(body),
                'application/json',
              )
              assert.equal(response.status, 400, `${route} with ${key}`)
              const error = await errorOf(response)
              assert.equal(error.code, 'unknown_parameter', route)
              assert.ok(error.field?.endsWith(key), `${route}: the field is named (${error.field})`)
              assert.deepEqual(changes(before, await snapshot(world.ctx)), [], route)
            },
          ),
          { numRuns: 6, seed: 15 },
        )
      }
    })

    test('huge, deeply nested and wrongly typed bodies are 4xx', async (t) => {
      const { world } = await makeApiWorld(t, dialect)
      for (const { route, method, one } of bodyRoutes) {
        const target = await one.prepare(world, world.staff.admin)
        const valid = JSON.stringify(target.body)
        const before = await snapshot(world.ctx)
        const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`
        const cases: [string, string, number, string][] = [
          [valid, 'text/plain', 415, 'unsupported_media_type'],
          [valid, 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
          [valid, 'multipart/form-data; boundary=x', 415, 'unsupported_media_type'],
          [`{"x":"${'y'.repeat(2 * 1024 * 1024)}"}`, 'application/json', 413, 'payload_too_large'],
          [
            `${valid.slice(0, -1)}${valid === '{}' ? '' : ','}"nested":${deep}}`,
            'application/json',
            400,
            'unknown_parameter',
          ],
          [deep, 'application/json', 400, 'invalid_parameter'],
          ['{"unterminated": ', 'application/json', 400, 'bad_request'],
          ['"a string"', 'application/json', 400, 'invalid_parameter'],
        ]
        for (const [body, type, status, code] of cases) {
          const response = await send(world, method, target, body, type)
          const what = `${route}: ${type}, ${body.slice(0, 30)}`
          assert.equal(response.status, status, what)
          assert.equal((await errorOf(response)).code, code, what)
        }
        assert.deepEqual(changes(before, await snapshot(world.ctx)), [], route)
      }
    })

    test('an upload refuses fields it does not take, and anything but multipart', async (t) => {
      const { world } = await makeApiWorld(t, dialect)
      const before = await snapshot(world.ctx)
      const upload = async (extra: Record<string, string>, file?: Buffer) => {
        const form = new FormData()
        for (const [name, value] of Object.entries(extra)) form.set(name, value)
        if (file) form.set('file', new Blob([new Uint8Array(file)]), 'photo.jpg')
        return world.server.get('/api/v1/admin/media', {
          method: 'POST',
          headers: { authorization: `Bearer ${world.tokens.contributor}` },
          body: form,
        })
      }
      const photo = await world.freshPhoto()
      for (const [response, status, code] of [
        [await upload({ createdBy: 'someone' }, photo), 400, 'unknown_parameter'],
        [await upload({ alt: 'x' }), 400, 'file_required'],
        [await upload({}, Buffer.from('not an image')), 422, 'not_an_image'],
      ] as const) {
        assert.equal(response.status, status, code)
        assert.equal((await errorOf(response)).code, code)
      }
      const json = await world.server.get('/api/v1/admin/media', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${world.tokens.contributor}`,
          'content-type': 'application/json',
        },
        body: '{"file":"x"}',
      })
      assert.equal(json.status, 415)
      assert.deepEqual(changes(before, await snapshot(world.ctx)), [])
      const ok = await upload({ alt: 'A ferry', caption: 'Morning' }, photo)
      assert.equal(ok.status, 201)
      const item = (await ok.json()) as { alt: string; caption: string }
      assert.deepEqual([item.alt, item.caption], ['A ferry', 'Morning'])
    })
  })
}
