// The editor's link check (http, https and mailto only, whatever the spelling),
// and the XSS corpus through the editor's link and Markdown paths: whatever a
// writer types or a body holds comes out of the site's renderer inert.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { renderMarkdown } from '../../src/text/markdown.js'
import { bodyWarnings } from '../../src/text/rich-text/body-warnings.js'
import { checkLinkUrl } from '../../src/text/rich-text/link-url.js'
import { storySchema as schema } from '../../src/text/rich-text/schema.js'
import { parseStoryMarkdown, serializeStory } from '../../src/text/rich-text/story-markdown.js'
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.js'
import { notInert } from '../helpers/inert-html.js'

const REFUSED = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.domain)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\u0000script:alert(1)',
  '\u200bjavascript:alert(1)',
  '\u0001javascript:alert(1)',
  'javascript\t:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'VBScript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://files.example/x',
  'blob:https://example.com/1',
  'mailto:',
  'https://',
  'http://exa mple.com/',
  '',
  '   ',
  '//evil.example/x',
  '/relative/path',
]

describe('the link check', () => {
  for (const input of REFUSED) {
    test(`refuses ${JSON.stringify(input)} with a message`, () => {
      const checked = checkLinkUrl(input)
      assert.equal(checked.ok, false)
      assert.ok(!checked.ok && checked.message.length > 10)
    })
  }

  test('accepts the web and email, normalised, and reads a bare host as https', () => {
    assert.deepEqual(checkLinkUrl('https://example.com/a b'), {
      ok: false,
      message: 'A web address has no spaces in it.',
    })
    assert.deepEqual(checkLinkUrl('  HTTPS://Example.COM/Story?x=1  '), {
      ok: true,
      href: 'https://example.com/Story?x=1',
    })
    assert.deepEqual(checkLinkUrl('http://news.example/"><script>'), {
      ok: true,
      href: 'http://news.example/%22%3E%3Cscript%3E',
    })
    assert.deepEqual(checkLinkUrl('mailto:desk@news.example'), {
      ok: true,
      href: 'mailto:desk@news.example',
    })
    assert.deepEqual(checkLinkUrl('www.example.com/page'), {
      ok: true,
      href: 'https://www.example.com/page',
    })
  })
})

/** A paragraph of one linked word, as the editor would write it for a typed address. */
function linkedMarkdown(href: string): string {
  const link = schema.marks.link.create({ href })
  const doc = schema.nodes.doc.create(null, [
    schema.nodes.paragraph.create(null, [schema.text('see this', [link])]),
  ])
  return serializeStory(doc)
}

describe('the XSS corpus through the editor', () => {
  test('as a link address: refused, or a web link that renders inert', () => {
    for (const { label, text } of XSS_PAYLOADS) {
      const checked = checkLinkUrl(text)
      if (!checked.ok) continue
      assert.match(checked.href, /^(https?:\/\/|mailto:)/, label)
      const html = renderMarkdown(linkedMarkdown(checked.href))
      assert.equal(notInert(html), undefined, `${label}: ${html}`)
      assert.match(html, /<a href="(https?:\/\/|mailto:)/, label)
    }
  })

  test('as a body: read by the editor and written back, it renders inert', () => {
    for (const { label, text } of XSS_PAYLOADS) {
      const parsed = parseStoryMarkdown(text)
      if (!parsed.ok) continue
      const html = renderMarkdown(serializeStory(parsed.doc))
      assert.equal(notInert(html), undefined, `${label}: ${html}`)
    }
  })
})

describe('warnings before saving', () => {
  test('raw HTML and pictures from other sites are named; a clean body has none', () => {
    assert.deepEqual(bodyWarnings('Plain **text** with a ![photo](media:0193abcd-1234).'), [])
    const warnings = bodyWarnings(
      'A <b>bold</b> claim.\n\n<div onclick="x">block</div>\n\n![x](https://cdn.example/x.jpg)',
    )
    assert.equal(warnings.length, 2)
    assert.match(warnings[0] ?? '', /Raw HTML is shown to readers as text.*<b>, <div>/)
    assert.match(warnings[1] ?? '', /Pictures from other sites.*https:\/\/cdn\.example\/x\.jpg/)
  })
})
