// PostgreSQL text cannot hold U+0000. Wherever one still reaches a query (a
// sign-in email, say), the database's refusal (22021) is a clear 422, never a
// 500. SQLite stores it, and the same request gets the same kind of answer.
// Found by `npm run verify` (bad inputs, POST /admin/login, PostgreSQL).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { AdminClient } from './admin-session.js'

for (const dialect of testDialects()) {
  describe(`a NUL character in what is sent (${dialect})`, () => {
    test('signing in with one in the email is a 4xx, never a 500', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const client = new AdminClient(server.url)
      for (const email of ['\u0000', 'editor\u0000@news.example', '\u0000\u0007x']) {
        const page = await client.signIn(email, 'a wrong password')
        assert.ok(
          page.status >= 400 && page.status < 500,
          `${JSON.stringify(email)}: ${page.status}`,
        )
        assert.ok(page.document.querySelector('form[action="/admin/login"]'), 'the form again')
      }
    })
  })
}
