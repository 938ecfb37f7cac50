// The rich-text editor's script is served only to the article editor, from
// this host under a hashed name, under a CSP without 'unsafe-inline'; and the
// page itself warns, without any script, about what readers would not get.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { AdminClient, createStaff, editorForm } from './admin-session.js'

for (const dialect of testDialects()) {
  describe(`the editor's assets and warnings (${dialect})`, () => {
    test('the editor script loads on editor pages only, and the CSP allows it without inline code', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const client = new AdminClient(server.url)
      await client.signInAs(await createStaff(ctx, 'editor'))

      const editor = await client.get('/admin/articles/new')
      const scripts = editor.document.querySelectorAll('script').map((s) => s.getAttribute('src'))
      const bundle = scripts.find((src) => src?.startsWith('/assets/editor.'))
      assert.match(bundle ?? '', /^\/assets\/editor\.[0-9a-f]{10}\.js$/)
      const csp = editor.response.headers.get('content-security-policy') ?? ''
      assert.match(csp, /script-src 'self'/)
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/)

      const served = await fetch(`${server.url}${bundle}`, { headers: { 'accept-encoding': 'br' } })
      assert.equal(served.status, 200)
      assert.match(served.headers.get('content-type') ?? '', /^text\/javascript/)
      assert.match(served.headers.get('cache-control') ?? '', /immutable/)
      const compressed = Number(served.headers.get('content-length') ?? 0)
      assert.ok(compressed > 0 && compressed < 150 * 1024, `brotli size ${compressed}`)

      const dashboard = await client.get('/admin')
      assert.equal(dashboard.html.includes('/assets/editor.'), false)
      const library = await client.get('/admin/media')
      assert.equal(library.html.includes('/assets/editor.'), false)
    })

    test('without a script, the page names raw HTML and pictures from elsewhere before saving', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const client = new AdminClient(server.url)
      await client.signInAs(await createStaff(ctx, 'editor'))
      const page = await client.submit(editorForm(await client.get('/admin/articles/new')), {
        headline: 'Warnings',
        body: 'A <b>bold</b> claim.\n\n![x](https://cdn.example/x.jpg)',
        intent: 'preview',
      })
      assert.equal(page.status, 200)
      const warnings = page.document.querySelectorAll('.body-warnings li').map((li) => li.text)
      assert.equal(warnings.length, 2)
      assert.match(warnings[0] ?? '', /Raw HTML is shown to readers as text, not as markup: <b>\./)
      assert.match(warnings[1] ?? '', /https:\/\/cdn\.example\/x\.jpg/)

      const clean = await client.get('/admin/articles/new')
      assert.equal(clean.document.querySelectorAll('.body-warnings').length, 0)
    })
  })
}
