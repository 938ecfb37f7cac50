// `dateline import --fetch-media`: a picture on another host is never fetched
// by default (reported, the story still imported); with the flag it is
// fetched only through the guarded fetcher, which refuses this loopback
// server unless WEBHOOK_ALLOW_LOOPBACK allows it; allowed, the picture is
// fetched into the media library. A dry run fetches nothing. Both databases.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test, type TestContext } from 'node:test'
import { testDialects } from '../helpers/dialects.js'
import { photo } from '../helpers/images.js'
import { show, tempDir } from './cli.js'
import { cliSite } from './in-process.js'

/** A server on the loopback interface with one picture; it counts what it is asked for. */
async function pictureServer(t: TestContext): Promise<{ url: string; requests: string[] }> {
  const jpeg = await photo({ width: 640, height: 400 })
  const requests: string[] = []
  const server = createServer((request, response) => {
    requests.push(request.url ?? '')
    if (request.url !== '/pictures/boats.jpg') return void response.writeHead(404).end()
    response.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/pictures/boats.jpg`, requests }
}

/** A WordPress export of one post whose picture is at `picture`, on another host than the site. */
function exportWithPicture(dir: string, picture: string): string {
  const file = join(dir, 'export.xml')
  writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old Site</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example</wp:base_site_url>
<wp:author><wp:author_login>ana</wp:author_login><wp:author_display_name>Ana Writer</wp:author_display_name></wp:author>
<item><title>Boats back in the harbour</title><link>https://old.example/2020/01/boats/</link><dc:creator>ana</dc:creator>
<content:encoded><![CDATA[<p>The fishing boats came back to the harbour on Tuesday.</p>
<p><img src="${picture}" alt="Boats moored in the harbour" /></p>
<p>The harbour master said the season would be long.</p>]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>1</wp:post_id><wp:post_date_gmt>2020-01-05 10:00:00</wp:post_date_gmt>
<wp:post_name>boats</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
</channel></rss>
`,
  )
  return file
}

for (const dialect of testDialects()) {
  describe(`dateline import --fetch-media (${dialect})`, () => {
    test('never by default; refused for a loopback host; fetched into the library when allowed', async (t) => {
      const site = await cliSite(t, dialect)
      const server = await pictureServer(t)
      const file = exportWithPicture(tempDir(t), server.url)
      const story = () =>
        site.inspect(async (ctx) => ({
          article: await ctx.stores.articles.findBySlug('boats'),
          media: await ctx.stores.media.count(''),
        }))

      const plain = await site.run(['import', file])
      assert.equal(plain.code, 0, show(plain))
      assert.match(
        plain.stdout,
        /^ {4}Image not imported: http:\/\/127\.0\.0\.1:\d+\/pictures\/boats\.jpg is on another site; it was not fetched \(--fetch-media fetches it\)\.$/m,
      )
      const first = await story()
      assert.equal(first.article?.status, 'published')
      assert.ok(first.article?.body.includes(`](${server.url})`), 'the picture keeps its address')
      assert.deepEqual(server.requests, [])

      const refused = await site.run(['import', file, '--fetch-media'])
      assert.equal(refused.code, 0, show(refused))
      assert.match(
        refused.stdout,
        /^ {4}Image not imported: http:\/\/127\.0\.0\.1:\d+\/pictures\/boats\.jpg was not fetched: .*127\.0\.0\.1 is a loopback address/m,
      )
      assert.deepEqual(server.requests, [], 'the refusal came before any connection')
      assert.equal((await story()).media, 0)

      const allowed = { WEBHOOK_ALLOW_LOOPBACK: 'true' }
      const dry = await site.run(['import', file, '--fetch-media', '--dry-run'], allowed)
      assert.equal(dry.code, 0, show(dry))
      assert.deepEqual(server.requests, [], 'a dry run fetches nothing')

      const fetched = await site.run(['import', file, '--fetch-media'], allowed)
      assert.equal(fetched.code, 0, show(fetched))
      assert.match(fetched.stdout, /^✓ post 1 "Boats back in the harbour": updated → /m)
      assert.doesNotMatch(fetched.stdout, /Image not imported/)
      assert.deepEqual(server.requests, ['/pictures/boats.jpg'])
      const after = await story()
      assert.equal(after.media, 1)
      assert.equal(after.article?.inlineImages[0]?.alt, 'Boats moored in the harbour')
      assert.match(
        after.article?.body ?? '',
        /!\[Boats moored in the harbour\]\(media:[0-9a-f-]{36}\)/,
      )
    })
  })
}
