// The WordPress reader over the real export (test/fixtures/wordpress, made by
// WordPress 6.1 itself) and over hand-made files for what WordPress writes in
// other versions and for bad input.
import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import {
  ImportSourceError,
  type ImportStory,
  type ImportItem,
} from '../../../src/text/import/import-item.js'
import { readWordpressExport } from '../../../src/text/import/wordpress/wxr-reader.js'

const FIXTURE = join(import.meta.dirname, '../../fixtures/wordpress/export.xml')

async function itemsOf(
  source: string | (() => AsyncIterable<string | Uint8Array>),
  chunk = 7,
): Promise<ImportItem[]> {
  const open =
    typeof source === 'string'
      ? () =>
          (async function* () {
            // Small chunks: records and CDATA cut at any point still read whole.
            for (let at = 0; at < source.length; at += chunk) yield source.slice(at, at + chunk)
          })()
      : source
  const items: ImportItem[] = []
  for await (const item of readWordpressExport(open)) items.push(item)
  return items
}

const articles = (items: ImportItem[]) =>
  items.filter((item): item is ImportStory => item.kind === 'story')

/** A WXR file of WordPress's shape around `items`, in the given version. */
function wxr(items: string, version = '1.2', extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/${version}/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/${version}/">
<channel><title>Old Site</title><link>https://old.example</link>
<wp:base_site_url>https://old.example</wp:base_site_url>${extra}
${items}
</channel></rss>`
}

function post(fields: {
  id: number
  content: string
  title?: string
  status?: string
  extra?: string
}) {
  return `<item><title>${fields.title ?? 'A story'}</title><link>https://old.example/story-${fields.id}/</link>
<dc:creator><![CDATA[ana]]></dc:creator><content:encoded><![CDATA[${fields.content}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${fields.id}</wp:post_id>
<wp:post_date_gmt>2015-11-27 10:00:00</wp:post_date_gmt><wp:post_name>story-${fields.id}</wp:post_name>
<wp:status>${fields.status ?? 'publish'}</wp:status><wp:post_type>post</wp:post_type>${fields.extra ?? ''}</item>`
}

async function refusal(source: string): Promise<ImportSourceError> {
  const error = await itemsOf(source).then(
    () => undefined,
    (caught: unknown) => caught,
  )
  assert.ok(error instanceof ImportSourceError, `expected ImportSourceError, got ${String(error)}`)
  return error
}

describe('WordPress reader: the real export', () => {
  test('reads posts and pages with their authors, terms, dates, pictures, comments and old addresses', async () => {
    const items = await itemsOf(() => createReadStream(FIXTURE, { highWaterMark: 1024 }))
    const authors = items.filter((item) => item.kind === 'author')
    assert.deepEqual(
      authors.map((a) => a.displayName),
      ['Claire Martin', 'Dmitri Volkov', 'Amara Okafor', 'Amara Okafor'],
    )
    const byTitle = new Map(articles(items).map((a) => [a.title, a]))
    assert.equal(byTitle.size, 7)
    const harbour = byTitle.get('Harbour tolls vote splits the council & the port')
    assert.ok(harbour)
    assert.equal(harbour.status, 'published')
    assert.equal(harbour.publishedAt?.toISOString(), '2026-11-21T09:30:00.000Z')
    assert.deepEqual(harbour.bylines, ['Dmitri Volkov'])
    assert.deepEqual(harbour.sectionNames, ['Local News', 'Politics'])
    assert.deepEqual(harbour.tags, ['council budget', 'harbour'])
    assert.match(harbour.standfirst, /^Councillors voted 31 to 29/)
    assert.equal(harbour.featuredImage?.file, '2026/11/harbour.jpg')
    // The resized copy in the text stands for its original, whose words the attachment gives.
    assert.deepEqual(
      harbour.images.map((image) => [image.file, image.alt]),
      [
        ['2026/11/harbour.jpg', 'Fishing boats moored in the harbour at dawn'],
        ['2026/11/council.jpg', 'Councillors raising their hands in the chamber'],
        [null, 'A photo on another host'],
      ],
    )
    assert.equal(harbour.images[0]?.caption, 'The harbour at Leith before the vote.')
    assert.match(
      harbour.body,
      /^Councillors voted on Thursday to raise harbour tolls & mooring fees/,
    )
    assert.match(harbour.body, /^<https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ>$/m)
    assert.match(harbour.body, /^<https:\/\/vimeo\.com\/76979871>$/m)
    assert.match(
      harbour.body,
      /^!\[Fishing boats moored in the harbour at dawn\]\(import-image:0\)$/m,
    )
    assert.doesNotMatch(harbour.body, /<script|alert|\[caption|\[embed|\[unknownshortcode/)
    assert.match(harbour.body, /Kept words\./)
    assert.deepEqual(harbour.oldAddresses, ['/2026/11/harbour-tolls-vote/', '/?p=9'])
    assert.deepEqual(
      harbour.comments.map((c) => [c.authorName, c.status, c.parentSourceId !== null]),
      [
        ['Morag Reid', 'approved', false],
        ['Iain Bell', 'approved', true],
        ['Waiting Reader', 'pending', false],
      ],
    )
    assert.equal(harbour.comments[1]?.body, 'I disagree & so do most skippers. We will see.')

    const trams = byTitle.get('Trams return to the bridge after ten years')
    assert.ok(trams)
    // Block editor: heading, list, image block with its caption, gallery shortcode, embed block.
    assert.match(trams.body, /^## What changes for riders$/m)
    assert.match(trams.body, /^- +Every 8 minutes at peak$/m)
    assert.deepEqual(
      trams.images.map((image) => [image.file, image.caption]),
      [
        ['2026/11/market.jpg', 'Stalls on the market square.'],
        ['2026/11/gallery-one.jpg', 'First tram across.'],
        ['2026/11/gallery-two.jpg', 'The queue at noon.'],
      ],
    )
    assert.match(trams.body, /^<https:\/\/www\.youtube\.com\/watch\?v=aqz-KE-bpKQ>$/m)
    assert.doesNotMatch(trams.body, /wp:|<!--/)

    const statuses = Object.fromEntries(articles(items).map((a) => [a.slug, a.status]))
    assert.deepEqual(statuses, {
      'harbour-tolls-vote': 'published',
      'trams-return': 'published',
      'budget-day': 'scheduled',
      'stadium-plans': 'draft',
      'ferry-timetable': 'in_review',
      'staff-notes': 'draft',
      about: 'published',
    })
    assert.equal(
      byTitle.get('Budget day: what to expect')?.publishedAt?.toISOString(),
      '2027-01-15T08:00:00.000Z',
    )
    const about = byTitle.get('About us')
    assert.equal(about?.type, 'page')
    assert.deepEqual(about?.oldAddresses, ['/about/', '/?page_id=15'])
  })
})

describe('WordPress reader: content as WordPress stores it', () => {
  test('autop paragraphs and breaks, entities and CDATA edge cases, pre kept', async () => {
    const content =
      'First &amp; <em>only</em> line\nsecond line\n\nNext paragraph with ]]]]><![CDATA[> inside.\n\n<pre>code\n\nstays</pre>'
    const [story] = articles(
      await itemsOf(wxr(post({ id: 1, content, title: 'Caf&#233; &amp; bar' }))),
    )
    assert.ok(story)
    assert.equal(story.title, 'Café & bar')
    assert.match(
      story.body,
      /^First & \*only\* line {2}\nsecond line\n\nNext paragraph with \\\]\\\]> inside\./,
    )
    assert.match(story.body, /```\ncode\n\nstays\n```/)
  })

  test('WXR 1.0 and 1.1 read as 1.2; a [gallery] naming an unknown attachment is reported', async () => {
    for (const version of ['1.0', '1.1']) {
      const [story] = articles(
        await itemsOf(wxr(post({ id: 2, content: 'Words.\n\n[gallery ids="99"]' }), version)),
      )
      assert.equal(story?.body, 'Words.')
      assert.match(story?.warnings.join(' ') ?? '', /attachment 99/)
    }
  })

  test('statuses WordPress has and Dateline does not are skipped by name', async () => {
    const items = await itemsOf(wxr(post({ id: 3, content: 'x', status: 'trash' })))
    assert.deepEqual(items, [
      { kind: 'skipped', name: 'post 3 "A story"', reason: 'its status is "trash"' },
    ])
  })
})

describe('WordPress reader: bad input', () => {
  test('malformed XML: the line and column, and nothing read', async () => {
    const source = wxr(`${post({ id: 1, content: 'fine' })}\n<item><title>Broken</titel></item>`)
    const error = await refusal(source)
    assert.equal(error.position?.line, 12)
    assert.ok((error.position?.column ?? 0) > 1)
    assert.match(error.message, /^[^\d]*\S.*\(line 12, column \d+\)$/)
  })

  test('another platform’s feed (Atom, plain RSS) and an unknown WXR version are named', async () => {
    const atom = await refusal(
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>',
    )
    assert.match(atom.message, /not a WordPress export.*Atom/)
    const rss = await refusal(
      '<rss version="2.0"><channel><item><title>x</title></item></channel></rss>',
    )
    assert.match(rss.message, /not a WordPress export/)
    const future = await refusal(wxr(post({ id: 1, content: 'x' }), '2.0'))
    assert.match(future.message, /unknown WXR version/)
  })

  test('entity expansion and external entities are never read', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${wxr(
      post({ id: 1, content: 'x' }),
    )
      .replace(/^<\?xml[^>]*>/, '')
      .replace('<title>Old Site</title>', '<title>&c;</title>')}`
    assert.match((await refusal(bomb)).message, /DOCTYPE/)
    const external = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>${wxr(post({ id: 1, content: 'x' })).replace(/^<\?xml[^>]*>/, '')}`
    assert.match((await refusal(external)).message, /DOCTYPE/)
    // Without a DOCTYPE, an entity WordPress never writes is an error, not a lookup.
    const undeclared = wxr(post({ id: 1, content: 'x', title: '&xxe;' }))
    assert.match((await refusal(undeclared)).message, /entity/i)
  })

  test('a huge single field skips its item by name; the others still come', async () => {
    const huge = 'x'.repeat(9_000_000)
    const items = await itemsOf(
      wxr(`${post({ id: 1, content: huge })}${post({ id: 2, content: 'Small.' })}`),
      65_536,
    )
    assert.equal(items[0]?.kind, 'skipped')
    assert.match(items[0]?.kind === 'skipped' ? items[0].reason : '', /million characters/)
    assert.equal(articles(items)[0]?.body, 'Small.')
  })

  test('a file that is not UTF-8 or is empty is refused', async () => {
    const latin1 = () =>
      (async function* () {
        yield new Uint8Array([0x3c, 0x72, 0x73, 0x73, 0x3e, 0xe9, 0xff, 0xfe])
      })()
    const notUtf8 = await itemsOf(latin1).then(
      () => undefined,
      (caught: unknown) => caught,
    )
    assert.ok(notUtf8 instanceof ImportSourceError)
    assert.match(notUtf8.message, /UTF-8/)
    assert.match((await refusal('')).message, /root element/)
  })
})
