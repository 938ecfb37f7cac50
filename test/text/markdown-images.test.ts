// Library pictures in article Markdown: `![…](media:ID)` alone in its
// paragraph is a figure with its caption and credit; inside a line of text it
// is its picture alone; an id the resolver does not know shows nothing; every
// value is escaped; images from elsewhere still become their description.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { imageReferences, renderMarkdown, type ImageResolver } from '../../src/text/markdown.js'

const ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'

const images: ImageResolver = (id) =>
  id === ID
    ? {
        picture: {
          width: 1600,
          height: 900,
          alt: 'Boats "at rest" <b>',
          sources: [{ type: 'image/avif', srcset: '/media/a-320.avif 320w' }],
          fallback: {
            src: '/media/a-640.jpg',
            srcset: '/media/a-320.jpg 320w, /media/a-640.jpg 640w',
          },
        },
        caption: 'The quay <at> dawn & dusk',
        credit: 'Nordic Wire',
      }
    : undefined

describe('library pictures in Markdown', () => {
  test('alone in a paragraph: a figure, lazy, sized, its caption and credit escaped', () => {
    const html = renderMarkdown(`Lead.\n\n![Boats](media:${ID})\n\nMore.`, { images })
    assert.match(html, /<figure class="figure"><picture><source type="image\/avif"/)
    assert.match(
      html,
      / width="1600" height="900" alt="Boats &quot;at rest&quot; &lt;b>" loading="lazy"/,
    )
    assert.match(
      html,
      /<figcaption>The quay &lt;at&gt; dawn &amp; dusk <span class="credit">Nordic Wire<\/span><\/figcaption>/,
    )
    assert.ok(!html.includes('<p><figure'), 'no figure inside a paragraph')
    assert.match(html, / sizes="\(min-width: 42rem\) 40rem, calc\(100vw - 2rem\)"/)
  })

  test('inside a line of text: the picture alone; unknown ids show nothing', () => {
    const html = renderMarkdown(`See ![x](media:${ID}) here.`, { images })
    assert.match(html, /^<p>See <picture>.*<\/picture> here\.<\/p>\n$/)
    assert.equal(renderMarkdown(`![x](media:${ID})`), '', 'no resolver: nothing')
    assert.equal(renderMarkdown(`See ![x](media:${ID}).`), '<p>See .</p>\n')
  })

  test('the dateline opens the first paragraph of text, after a leading picture', () => {
    const html = renderMarkdown(`![x](media:${ID})\n\nThe lead.`, { images, dateline: 'OSLO' })
    assert.match(
      html,
      /^<figure .*<\/figure>\n<p><span class="dateline">OSLO<\/span> — The lead\.<\/p>/s,
    )
  })

  test('references: library ids once, in order; other sources listed; code is not an image', () => {
    const other = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c'
    const source = [
      `![a](media:${other})`,
      `Text ![b](media:${ID}) and ![c](https://elsewhere.example/x.jpg).`,
      `- ![again](media:${other})`,
      '`![code](https://not.an.image/x.jpg)`',
      '    ![indented code](https://not.an.image/y.jpg)',
    ].join('\n\n')
    assert.deepEqual(imageReferences(source), {
      library: [other, ID],
      other: ['https://elsewhere.example/x.jpg'],
    })
  })
})
