// Embeds: which links are a known source's, what the renderer makes of them
// (a click-to-load placeholder on pages, the link in feeds and exports), and
// that nothing crafted or unknown ever becomes one.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { exportArticleText } from '../../src/text/article-text/export-article-text.js'
import { FRAME_ORIGINS, KNOWN_HOSTS, recognizeEmbed } from '../../src/text/embeds.js'
import { markdownToTextBlocks, renderBody, renderMarkdown } from '../../src/text/markdown.js'

const GOOD: readonly [string, string, string | undefined][] = [
  [
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    'youtube',
    'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
  ],
  [
    'https://youtube.com/watch?v=dQw4w9WgXcQ&t=30s',
    'youtube',
    'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
  ],
  [
    'https://m.youtube.com/watch?v=dQw4w9WgXcQ',
    'youtube',
    'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
  ],
  ['https://youtu.be/dQw4w9WgXcQ', 'youtube', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
  [
    'https://www.youtube.com/shorts/dQw4w9WgXcQ',
    'youtube',
    'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
  ],
  ['https://vimeo.com/76979871', 'vimeo', 'https://player.vimeo.com/video/76979871?dnt=1'],
  [
    'https://player.vimeo.com/video/76979871',
    'vimeo',
    'https://player.vimeo.com/video/76979871?dnt=1',
  ],
  ['https://x.com/newsdesk/status/1234567890123456789', 'x', undefined],
  ['https://twitter.com/newsdesk/status/1234567890', 'x', undefined],
  ['https://www.instagram.com/p/C0abcDEF12/', 'instagram', undefined],
  ['https://www.tiktok.com/@reporter.one/video/7234567890123456789', 'tiktok', undefined],
  ['https://bsky.app/profile/desk.bsky.social/post/3kabcdefgh2x', 'bluesky', undefined],
  ['https://mastodon.social/@newsdesk/111222333444555', 'mastodon', undefined],
  ['https://social.example.org/@desk@mastodon.social/1122334455', 'mastodon', undefined],
  [
    'https://soundcloud.com/harbour-radio/morning-tide',
    'soundcloud',
    'https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fharbour-radio%2Fmorning-tide&visual=false',
  ],
  [
    'https://datawrapper.dwcdn.net/Ab3dE/2/',
    'datawrapper',
    'https://datawrapper.dwcdn.net/Ab3dE/2/',
  ],
  [
    'https://public.flourish.studio/visualisation/1234567/',
    'flourish',
    'https://flo.uri.sh/visualisation/1234567/embed',
  ],
  ['https://www.google.com/maps/place/Harbour/@59.9,10.7,15z', 'google-maps', undefined],
  ['https://maps.app.goo.gl/AbCdEf123', 'google-maps', undefined],
]

const BAD: readonly string[] = [
  'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
  'https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ',
  'https://notyoutube.com/watch?v=dQw4w9WgXcQ',
  'https://youtube.com@evil.example/watch?v=dQw4w9WgXcQ',
  'https://user:pass@www.youtube.com/watch?v=dQw4w9WgXcQ',
  'https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ',
  'http://www.youtube.com/watch?v=dQw4w9WgXcQ',
  'javascript:alert(1)//https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  'data:text/html,https://youtu.be/dQw4w9WgXcQ',
  '//www.youtube.com/watch?v=dQw4w9WgXcQ',
  'https://www.youtube.com/watch?v=dQw4w9WgXcQ"onmouseover="alert(1)',
  "https://www.youtube.com/watch?v=dQw4w9WgXcQ'x",
  'https://www.youtube.com/watch?v=<script>',
  'https://www.youtube.com/watch?v=dQw4w9WgXcQ>',
  'https://www.youtube.com\\@evil.example/watch?v=dQw4w9WgXcQ',
  'https://www.youtube.com/watch?v=short',
  'https://www.youtube.com/watch?v=dQw4w9WgXcQ%22',
  'https://www.youtube.com/results?search_query=x',
  'https://vimeo.com/channels/staffpicks',
  'https://x.com/newsdesk',
  'https://soundcloud.com/discover/sets',
  'https://datawrapper.dwcdn.net/../../x/',
  'https://www.google.com/search?q=maps',
  'https://127.0.0.1/@user/123',
  'https://x.com/@user/123',
  ' https://youtu.be/dQw4w9WgXcQ',
  'https://youtu.be/dQw4w9WgXcQ\n',
  'https://ｙoutube.com/watch?v=dQw4w9WgXcQ',
]

describe('recognizeEmbed', () => {
  for (const [link, provider, frame] of GOOD) {
    test(`${provider}: ${link}`, () => {
      const embed = recognizeEmbed(link)
      assert.equal(embed?.provider, provider)
      assert.equal(embed?.frame, frame)
    })
  }

  for (const link of BAD) {
    test(`not an embed: ${JSON.stringify(link)}`, () => {
      assert.equal(recognizeEmbed(link), undefined)
    })
  }

  test('a frame is only ever on a known player host, and carries no quote or bracket', () => {
    const origins = new Set<string>(Object.values(FRAME_ORIGINS))
    for (const [link] of GOOD) {
      const frame = recognizeEmbed(link)?.frame
      if (frame === undefined) continue
      assert.ok(origins.has(new URL(frame).origin), frame)
      assert.doesNotMatch(frame, /["'<>\s]/)
    }
  })

  test('property: no host outside the known ones becomes an embed, save a Mastodon /@user/ID path', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,12}$/)
    const host = fc
      .tuple(
        fc.array(label, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('com', 'net', 'example', 'be', 'gl'),
      )
      .map(([labels, tld]) => [...labels, tld].join('.'))
      .filter((name) => !KNOWN_HOSTS.includes(name))
    const path = fc.webPath()
    fc.assert(
      fc.property(host, path, fc.webQueryParameters(), (name, route, query) => {
        const embed = recognizeEmbed(`https://${name}${route}${query ? `?${query}` : ''}`)
        if (embed === undefined) return
        assert.equal(embed.provider, 'mastodon')
        assert.equal(embed.frame, undefined)
        assert.match(new URL(embed.url).pathname, /^\/@[A-Za-z0-9_]+(@[a-z0-9.-]+)?\/[0-9]+$/)
      }),
      { numRuns: 2000 },
    )
  })

  test('property: a known host made a suffix, a prefix or userinfo of another host is never an embed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KNOWN_HOSTS),
        fc.stringMatching(/^[a-z0-9-]{1,12}$/),
        fc.constantFrom('watch?v=dQw4w9WgXcQ', 'dQw4w9WgXcQ', '76979871', 'maps'),
        (known, other, route) => {
          for (const link of [
            `https://${known}.${other}.example/${route}`,
            `https://${other}${known}/${route}`,
            `https://${known}@${other}.example/${route}`,
            `http://${known}/${route}`,
          ]) {
            assert.equal(recognizeEmbed(link), undefined, link)
          }
        },
      ),
    )
  })

  test('property: any string with a quote, bracket, space or control character is never an embed', () => {
    const bad = fc.constantFrom('"', "'", '<', '>', ' ', '\n', '\t', '`', '\\', '\u0000', '{', '}')
    fc.assert(
      fc.property(
        fc.constantFrom(...GOOD.map(([link]) => link)),
        bad,
        fc.nat(),
        (link, char, at) => {
          const index = at % (link.length + 1)
          assert.equal(recognizeEmbed(link.slice(0, index) + char + link.slice(index)), undefined)
        },
      ),
      { numRuns: 1000 },
    )
  })
})

describe('embeds in Markdown', () => {
  const body =
    'Lead.\n\nhttps://youtu.be/dQw4w9WgXcQ\n\n<https://bsky.app/profile/desk.bsky.social/post/3kabcdefgh2x>\n\nEnd.'

  test('on a page: a placeholder with the source, a note, a hidden Load button and the link', () => {
    const { html, embeds } = renderBody(body, { embeds: 'placeholder' })
    assert.deepEqual(
      embeds.map((embed) => embed.provider),
      ['youtube', 'bluesky'],
    )
    assert.match(
      html,
      /<figure class="embed embed-video embed-frame" data-embed-frame="https:\/\/www.youtube-nocookie.com\/embed\/dQw4w9WgXcQ" data-embed-title="YouTube video">/,
    )
    assert.match(
      html,
      /<p class="embed-source">YouTube<\/p><p class="embed-note">Loading this video contacts YouTube \(Google\)/,
    )
    assert.match(
      html,
      /<button type="button" class="embed-load" hidden>Load YouTube video<\/button>/,
    )
    assert.match(
      html,
      /<a href="https:\/\/youtu.be\/dQw4w9WgXcQ">https:\/\/youtu.be\/dQw4w9WgXcQ<\/a>/,
    )
    // A source with no frame form: the placeholder is its link, nothing to load.
    assert.match(
      html,
      /<figure class="embed embed-post"><div class="embed-box"><p class="embed-source">Bluesky<\/p>/,
    )
    assert.doesNotMatch(html, /\ssrc=/)
  })

  test('in feeds (the default): the link, no placeholder', () => {
    const html = renderMarkdown(body)
    assert.match(
      html,
      /<p><a href="https:\/\/youtu.be\/dQw4w9WgXcQ">https:\/\/youtu.be\/dQw4w9WgXcQ<\/a><\/p>/,
    )
    assert.doesNotMatch(html, /embed|youtube-nocookie/)
  })

  test('in the archive export: the link on its own line', () => {
    const text = exportArticleText({
      headline: 'Film of the vote',
      standfirst: '',
      dateline: '',
      bylines: [],
      credit: '',
      body,
      publishedOn: undefined,
      keyPoints: [],
    })
    assert.match(text, /^https:\/\/youtu\.be\/dQw4w9WgXcQ$/m)
    assert.match(text, /^https:\/\/bsky\.app\/profile\/desk\.bsky\.social\/post\/3kabcdefgh2x$/m)
  })

  test('in the plain-text export: the link as a paragraph', () => {
    const texts = markdownToTextBlocks(body).map((block) => block.text)
    assert.deepEqual(texts, [
      'Lead.',
      'https://youtu.be/dQw4w9WgXcQ',
      'https://bsky.app/profile/desk.bsky.social/post/3kabcdefgh2x',
      'End.',
    ])
  })

  test('only a link alone on its line: inside a sentence, a list or a quote, or with words of its own, it stays a link', () => {
    for (const source of [
      'Watch https://youtu.be/dQw4w9WgXcQ now.',
      '- https://youtu.be/dQw4w9WgXcQ',
      '> https://youtu.be/dQw4w9WgXcQ',
      '[the interview](https://youtu.be/dQw4w9WgXcQ)',
      'https://youtu.be/dQw4w9WgXcQ https://youtu.be/dQw4w9WgXcQ',
    ]) {
      const { embeds, html } = renderBody(source, { embeds: 'placeholder' })
      assert.deepEqual(embeds, [], source)
      assert.doesNotMatch(html, /<figure/, source)
    }
  })

  test('crafted links stay escaped text or an ordinary link', () => {
    // (Spaces around a link on its line are Markdown's, not the link's.)
    for (const link of BAD.filter((bad) => bad.trim() === bad)) {
      const { embeds, html } = renderBody(`${link}\n\n<${link}>`, { embeds: 'placeholder' })
      assert.deepEqual(embeds, [], link)
      assert.doesNotMatch(html, /<figure|data-embed|<script|"onmouseover/, link)
    }
  })

  test('the dateline opens the first paragraph of text even after an embed', () => {
    const html = renderMarkdown('https://youtu.be/dQw4w9WgXcQ\n\nThe text.', {
      dateline: 'OSLO',
      embeds: 'placeholder',
    })
    assert.match(html, /<\/figure>\n<p><span class="dateline">OSLO<\/span> — The text.<\/p>/)
  })
})
