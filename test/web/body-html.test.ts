import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ImageRef } from '../../src/domain/media/media.js'
import { renderBody } from '../../src/text/markdown.js'
import { renderedBody } from '../../src/web/ui/body-html.js'
import { imageResolver } from '../../src/web/ui/pictures.js'

const site = { media: { page: '/media', absolute: 'https://news.example/media' } }
const picture: ImageRef = {
  id: '0190a4c2-7b1e-7c3a-9d2e-5f6a7b8c9d0e',
  contentHash: 'a'.repeat(64),
  width: 1200,
  height: 800,
  alt: 'Fishing boats in the harbour',
  decorative: false,
  caption: 'The harbour at dawn.',
  credit: 'Ola Berg',
  focalPoint: { x: 0.5, y: 0.5 },
  fileName: 'harbour.jpg',
}
const source = {
  body: `The boats came in early.\n\n![Fishing boats in the harbour](media:${picture.id})\n\nThen the fog.`,
  dateline: 'BERGEN, NORWAY',
  images: [picture],
}

describe('renderedBody', () => {
  test('is the body renderer’s HTML, kept from its second rendering for the same source', () => {
    const first = renderedBody(site, source)
    const expected = renderBody(source.body, {
      dateline: source.dateline,
      images: imageResolver(site, source.images),
    })
    assert.equal(first.html, expected.html)
    assert.match(first.html, /The harbour at dawn\./)
    const second = renderedBody(site, { ...source, images: [{ ...picture }] })
    assert.notEqual(second, first, 'rendered once: not kept, most bodies never are again')
    assert.equal(second.html, first.html)
    assert.equal(renderedBody(site, { ...source }), second, 'rendered twice: the same object')
  })

  test('anything the HTML is made from is a new rendering: text, dateline, a caption, the options', () => {
    const first = renderedBody(site, source).html
    assert.match(renderedBody(site, { ...source, body: `${source.body} More.` }).html, /More\./)
    assert.match(renderedBody(site, { ...source, dateline: 'OSLO' }).html, /OSLO/)
    const recaptioned = [{ ...picture, caption: 'Dawn over the harbour.' }]
    const html = renderedBody(site, { ...source, images: recaptioned }).html
    assert.match(html, /Dawn over the harbour\./)
    assert.doesNotMatch(html, /The harbour at dawn\./)
    assert.match(
      renderedBody(site, source, { absolute: true }).html,
      /https:\/\/news\.example\/media\//,
    )
    assert.doesNotMatch(first, /https:\/\/news\.example/)
  })
  test('read from an object, its key is made once per object and options', () => {
    const article = { ...source }
    renderedBody(site, article, { embeds: 'placeholder' }, article)
    // Kept on its second rendering: by its source, so only if both made the same key.
    const page = renderedBody(site, source, { embeds: 'placeholder' })
    assert.equal(
      renderedBody(site, article, { embeds: 'placeholder' }, article),
      page,
      'the same entry',
    )
    const absolute = renderedBody(site, article, { absolute: true }, article)
    assert.match(absolute.html, /https:\/\/news\.example\/media\//)
    assert.doesNotMatch(page.html, /https:\/\/news\.example/)
    const elsewhere = { media: { page: '/pictures', absolute: 'https://cdn.example/pictures' } }
    assert.match(renderedBody(elsewhere, article, {}, article).html, /\/pictures\//)
    // An edited article is a new object, read afresh: its body is rendered anew.
    const edited = { ...article, body: `${article.body} Corrected.` }
    assert.match(renderedBody(site, edited, {}, edited).html, /Corrected\./)
  })
})
