// The contract: /api/v1/openapi.json is valid OpenAPI 3.1 by a maintained
// validator, describes every Content API route with the schemas that check
// them, and the reference page for people reads from it.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import { ADMIN_OPERATIONS } from '../../src/web/api/admin/admin-openapi.js'
import { CONTENT_OPERATIONS } from '../../src/web/api/openapi.js'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'

for (const dialect of testDialects()) {
  describe(`API contract (${dialect})`, () => {
    test('the OpenAPI document validates as OpenAPI 3.1', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const response = await server.get('/api/v1/openapi.json')
      assert.equal(response.status, 200)
      assert.equal(response.headers.get('access-control-allow-origin'), '*')
      const document = (await response.json()) as {
        openapi: string
        paths: Record<string, { get: { parameters: { name: string }[] } }>
        components: { schemas: Record<string, unknown> }
      }
      const validator = new Validator()
      // It can fail: a 3.1 document without info or paths is refused.
      assert.equal((await new Validator().validate({ openapi: '3.1.0' })).valid, false)
      const result = await validator.validate(document)
      assert.deepEqual(result.errors, undefined)
      assert.equal(result.valid, true)
      assert.equal(validator.version, '3.1')
      assert.deepEqual(
        Object.keys(document.paths).sort(),
        [
          ...new Set([
            ...CONTENT_OPERATIONS.map((operation) => operation.path),
            ...ADMIN_OPERATIONS.map((operation) => operation.path),
          ]),
        ].sort(),
      )
      const adminOperation = document.paths['/admin/articles/{id}'] as Record<
        string,
        { security?: unknown[]; requestBody?: unknown }
      >
      assert.deepEqual(Object.keys(adminOperation).sort(), ['get', 'patch'])
      assert.deepEqual(adminOperation.patch?.security, [{ bearer: [] }])
      assert.ok(adminOperation.patch?.requestBody, 'the body, from its zod schema')
      const listParameters = document.paths['/articles']!.get.parameters.map((p) => p.name)
      for (const name of [
        'section',
        'tag',
        'author',
        'thread',
        'since',
        'until',
        'query',
        'cursor',
      ]) {
        assert.ok(listParameters.includes(name), name)
      }
      for (const name of ['Article', 'ArticlePage', 'Image', 'Rendition', 'Error']) {
        assert.ok(document.components.schemas[name], name)
      }
    })

    test('the reference page lists every route', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const { response, document } = await server.page('/api/v1')
      assert.equal(response.status, 200)
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/)
      const headings = document.querySelectorAll('h2 code').map((node) => node.text)
      for (const operation of CONTENT_OPERATIONS) {
        assert.ok(headings.includes(`GET /api/v1${operation.path}`), operation.path)
      }
      for (const operation of ADMIN_OPERATIONS) {
        const heading = `${operation.method.toUpperCase()} /api/v1${operation.path}`
        assert.ok(headings.includes(heading), heading)
      }
    })
  })
}
