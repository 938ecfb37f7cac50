import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import type { ArticleText, ParseReport } from '../../src/text/article-text/article-text.js'
import { decodeArticleFile } from '../../src/text/article-text/decode-article-file.js'
import { exportArticleText } from '../../src/text/article-text/export-article-text.js'
import { parseArticleText } from '../../src/text/article-text/parse-article-text.js'
import { markdownToTextBlocks, renderMarkdown } from '../../src/text/markdown.js'

const seedUrl = new URL('../../../shared/fixtures/seed-article.txt', import.meta.url)
const fixturesUrl = new URL('../fixtures/articles/', import.meta.url)
const demoUrl = new URL('../../demo/articles/', import.meta.url)

function readFixture(name: string): string {
  return readFileSync(new URL(name, fixturesUrl), 'utf8')
}

/** Parses text that must parse, failing the test with the reason otherwise. */
function parseOk(text: string): { article: ArticleText; report: ParseReport } {
  const result = parseArticleText(text)
  if (!result.ok) assert.fail(`expected the text to parse, got: ${result.reason}`)
  return { article: result.article, report: result.report }
}

function bodyBlocks(body: string): string[] {
  return body.split('\n\n')
}

const CHROME_LINES = [
  'New comment:',
  'News | Politics | Features | Arts | Entertainment | Society | Sport',
  'At a glance',
]

function assertNoChromeInBody(article: ArticleText): void {
  for (const line of CHROME_LINES) {
    assert.ok(!article.body.includes(line), `body should not contain ${JSON.stringify(line)}`)
  }
  const byline = article.bylines.join(' and ')
  if (byline !== '') assert.ok(!article.body.includes(`${byline}-`), 'repeated byline in the body')
  // The trailing date line is not a paragraph either.
  assert.ok(
    !/^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), /m.test(article.body),
    'date line in the body',
  )
}

describe('parseArticleText: the seed page', () => {
  test('reads headline, dateline, bylines, date and body, dropping the site chrome', (t) => {
    if (!existsSync(seedUrl)) {
      t.skip('seed fixture not present')
      return
    }
    const { article, report } = parseOk(readFileSync(seedUrl, 'utf8'))
    assert.equal(
      article.headline,
      'Putin, Hollande agree to coordinate on IS fight but divisions remain',
    )
    assert.equal(article.standfirst, '')
    assert.equal(article.dateline, 'MOSCOW, RUSSIA')
    assert.deepEqual(article.bylines, ['Sabine Wibaux', 'Maria Panina'])
    assert.deepEqual(article.publishedOn, { year: 2015, month: 11, day: 27 })
    assert.deepEqual(article.keyPoints, [])

    const blocks = bodyBlocks(article.body)
    const subheadings = blocks.filter((block) => block.startsWith('## '))
    assert.deepEqual(subheadings, ['## Turkey-Russia tension'])
    assert.ok(blocks[0]?.startsWith('French President Francois Hollande'), 'lead without prefix')
    assert.ok(!article.body.includes('Sabine Wibaux'), 'the byline is not part of the body')
    assert.ok(!article.body.includes('MOSCOW'), 'the dateline is not part of the body')
    assertNoChromeInBody(article)

    assert.equal(report.paragraphs, 28)
    assert.equal(report.subheadings, 1)
    assert.equal(blocks.length, 29)
    assert.deepEqual(report.dropped, [
      'date line',
      'closing byline',
      'comment prompt',
      'section navigation',
      '"At a glance" header',
    ])
    assert.deepEqual(report.warnings, [])
  })
})

describe('parseArticleText: well-formed fixtures', () => {
  test('two authors with standfirst, subheadings, a quotation and key points', () => {
    const { article, report } = parseOk(readFixture('two-authors-full.txt'))
    assert.equal(article.headline, 'Harbour board approves sea wall after two winters of flooding')
    assert.equal(
      article.standfirst,
      'Engineers say the barrier will protect about 400 homes on the low-lying east quay, but fishermen worry about access to the old slipway.',
    )
    assert.equal(article.dateline, 'BERGEN, NORWAY')
    assert.deepEqual(article.bylines, ['Ingrid Solberg', 'Tomas Reyes'])
    assert.deepEqual(article.publishedOn, { year: 2026, month: 11, day: 17 })
    assert.deepEqual(article.keyPoints, [
      'The harbour board approved a 900-metre sea wall along the east quay.',
      'About 400 homes are expected to be protected.',
      'Work starts in April and should end before the following autumn.',
    ])

    const blocks = bodyBlocks(article.body)
    assert.equal(
      blocks[0],
      'The harbour board voted on Tuesday to build a 900-metre sea wall along the east quay, ending a two-year argument over how to protect the district from winter storm surges.',
    )
    assert.deepEqual(
      blocks.filter((block) => block.startsWith('## ')),
      ['## Cost and timetable', '## Worries at the slipway'],
    )
    assert.deepEqual(
      blocks.filter((block) => block.startsWith('> ')),
      [
        '> "We have pumped water out of these basements twice in two winters and we will not do it a third time."',
      ],
    )
    assert.ok(!article.body.includes(article.standfirst), 'the standfirst is not a paragraph')
    assertNoChromeInBody(article)
    assert.deepEqual(report, {
      paragraphs: 9,
      subheadings: 2,
      quotations: 1,
      dropped: [
        'date line',
        'closing byline',
        'comment prompt',
        'section navigation',
        '"At a glance" header',
      ],
      warnings: [],
    })
  })

  test('three authors written "A, B and C"', () => {
    const { article, report } = parseOk(readFixture('three-authors.txt'))
    assert.equal(article.dateline, 'LULEÅ, SWEDEN')
    assert.deepEqual(article.bylines, ['Mikael Sundqvist', 'Priya Raman', 'Jean-Luc Morel'])
    assert.equal(article.standfirst, '')
    assert.deepEqual(article.publishedOn, { year: 2026, month: 11, day: 30 })
    assert.equal(article.keyPoints.length, 2)
    assert.ok(bodyBlocks(article.body)[0]?.startsWith('A sleeper train pulled out'))
    assert.equal(report.paragraphs, 5)
    assert.equal(report.subheadings, 1)
    assert.deepEqual(report.warnings, [])
    assertNoChromeInBody(article)
  })

  test('a byline with no dateline place', () => {
    const { article, report } = parseOk(readFixture('byline-only.txt'))
    assert.equal(article.dateline, '')
    assert.deepEqual(article.bylines, ["Siobhan O'Neill"])
    assert.ok(bodyBlocks(article.body)[0]?.startsWith('Bird watchers on the headland'))
    assert.deepEqual(article.publishedOn, { year: 2026, month: 9, day: 26 })
    assert.equal(report.paragraphs, 3)
    assert.deepEqual(report.warnings, [])
  })

  test('a dateline with no byline', () => {
    const { article, report } = parseOk(readFixture('dateline-only.txt'))
    assert.equal(article.dateline, 'ROTTERDAM')
    assert.deepEqual(article.bylines, [])
    assert.ok(bodyBlocks(article.body)[0]?.startsWith('A road bridge over the river'))
    assert.deepEqual(article.publishedOn, { year: 2026, month: 10, day: 8 })
    assert.deepEqual(report.warnings, ['no byline found'])
  })

  test('no date line: undated, the closing byline and comment prompt still dropped', () => {
    const { article, report } = parseOk(readFixture('no-date-line.txt'))
    assert.equal(article.publishedOn, undefined)
    assert.equal(article.dateline, 'OTAGO, NEW ZEALAND')
    assert.deepEqual(article.bylines, ['Hemi Walker'])
    assert.equal(report.paragraphs, 3)
    assert.deepEqual(report.dropped, ['closing byline', 'comment prompt'])
    assert.deepEqual(report.warnings, [])
    assertNoChromeInBody(article)
  })

  test('an impossible date leaves the article undated with a warning', () => {
    const { article, report } = parseOk(readFixture('impossible-date.txt'))
    assert.equal(article.publishedOn, undefined)
    assert.ok(!article.body.includes('February'), 'the date line is not kept as a paragraph')
    assert.equal(report.paragraphs, 2)
    assert.ok(report.dropped.includes('date line'))
    assert.equal(report.warnings.length, 1)
    assert.match(report.warnings[0] ?? '', /February 30th 2015/)
  })

  test('a wrong weekday keeps the date and warns', () => {
    const { article, report } = parseOk(readFixture('wrong-weekday.txt'))
    assert.deepEqual(article.publishedOn, { year: 2015, month: 11, day: 27 })
    assert.equal(report.warnings.length, 1)
    assert.match(report.warnings[0] ?? '', /Tuesday, November 27th 2015/)
  })

  test('Windows line endings and a byte-order mark read like plain text', () => {
    const bytes = readFileSync(new URL('windows-bom.txt', fixturesUrl))
    // The fixture really has what it claims, or this test proves nothing.
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    assert.ok(bytes.includes('\r\n'))

    const decoded = decodeArticleFile(bytes)
    assert.ok(decoded.ok)
    const { article, report } = parseOk(decoded.text)
    assert.equal(article.headline, 'Water meters go in across the old town')
    assert.equal(article.dateline, 'TARTU, ESTONIA')
    assert.deepEqual(article.bylines, ['Kadri Tamm'])
    assert.deepEqual(article.publishedOn, { year: 2026, month: 3, day: 2 })
    assert.deepEqual(article.keyPoints, ['The old town is the last district to get water meters.'])
    assert.ok(!/[\r\uFEFF]/.test(JSON.stringify(article)), 'no CR or BOM survives')
    assert.equal(report.subheadings, 1)
    assert.equal(report.paragraphs, 3)

    // The same article with Unix line endings and no BOM parses to the same thing.
    const unix = decoded.text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n')
    assert.deepEqual(parseOk(unix).article, article)
  })

  test('Markdown- and HTML-looking text comes back as literal text', () => {
    const text = readFixture('markup-looking.txt')
    const { article, report } = parseOk(text)
    // The headline is plain text, not Markdown: kept exactly.
    assert.equal(article.headline, 'Students test the <b>new</b> web form with **tricky** input')

    const expectedParagraphs = text
      .split('\n')
      .slice(2, 11)
      .map((line, index) =>
        index === 0 ? line.replace(/^VILNIUS, LITHUANIA, Rasa Petraitė- /, '') : line,
      )
    assert.equal(report.paragraphs, expectedParagraphs.length)
    assert.deepEqual(
      markdownToTextBlocks(article.body),
      expectedParagraphs.map((line) => ({ kind: 'paragraph', text: line })),
    )

    const html = renderMarkdown(article.body)
    for (const markup of [
      '<script',
      '<strong',
      '<em',
      '<h1',
      '<h2',
      '<ol',
      '<li',
      '<a ',
      '<code',
      '<s>',
      '<blockquote',
      '<b>',
    ]) {
      assert.ok(!html.includes(markup), `rendered body must not contain ${markup}`)
    }
    // Smart quotes apply to the rendered text, but nothing becomes markup.
    assert.ok(html.includes('<p>&lt;script&gt;alert(“gotcha”)&lt;/script&gt;</p>'))
    assert.ok(html.includes('**bold** and _italics_'))
    assert.ok(html.includes('[link](javascript:alert(1)) and &lt;a href='))
    assert.ok(html.includes('with &amp;amp; and &amp;lt; written out, `code` and ~~struck~~'))
    assert.ok(html.includes('<p>&gt; not a quotation, just an arrow</p>'))
    assert.ok(html.includes('<p># heading that should stay a sentence</p>'))
    assert.ok(html.includes('<p>1. item that should not become a list</p>'))
  })
})

describe('parseArticleText: malformed text', () => {
  test('only a headline: no body', () => {
    const result = parseArticleText(readFixture('only-headline.txt'))
    assert.equal(result.ok, false)
  })

  test('only blank lines: empty', () => {
    const result = parseArticleText(readFixture('only-blank-lines.txt'))
    assert.equal(result.ok, false)
    assert.equal(parseArticleText('').ok, false)
  })

  test('a first line of 400 characters is prose, not a headline', () => {
    const text = readFixture('long-first-line.txt')
    assert.equal(text.split('\n')[0]?.length, 400)
    assert.equal(parseArticleText(text).ok, false)
    // 250 characters is still a headline.
    const ok = parseArticleText(`${'h'.repeat(250)}\n\nOSLO- A lead.\n`)
    assert.ok(ok.ok)
    assert.equal(ok.article.headline.length, 250)
    assert.equal(parseArticleText(`${'h'.repeat(251)}\n\nOSLO- A lead.\n`).ok, false)
  })

  test('a headline with only site chrome after it has no body', () => {
    const result = parseArticleText(
      'A headline\n\nFriday, November 27th 2015\n\nNew comment:\n\nNews | Sport\n\nAt a glance\n- A point.\n',
    )
    assert.equal(result.ok, false)
  })

  test('a body made only of subheadings has no paragraphs', () => {
    const result = parseArticleText('A headline\n\n- One -\n- Two -\n')
    assert.equal(result.ok, false)
  })

  test('key points are measured without their "- " mark: 400 characters fit', () => {
    const point = `${'p'.repeat(399)}.`
    const text = `A headline\n\nOSLO- The lead.\n\nAt a glance\n- ${point}\n- Short point.\n`
    const { article } = parseOk(text)
    assert.deepEqual(article.keyPoints, [point, 'Short point.'])
    assert.equal(article.body, 'The lead.')
    assert.deepEqual(parseOk(exportArticleText(article)).article, article)
  })

  test('a longer line after "At a glance" is prose, not a key point', () => {
    const { article } = parseOk(
      `A headline\n\nOSLO- The lead.\n\nAt a glance\n- ${'p'.repeat(401)}\n`,
    )
    assert.deepEqual(article.keyPoints, [])
  })

  test('a lead with no dateline or byline parses with a warning', () => {
    const { article, report } = parseOk('A headline\n\nThe lead has no prefix at all.\nMore.\n')
    assert.equal(article.dateline, '')
    assert.deepEqual(article.bylines, [])
    assert.equal(article.body, 'The lead has no prefix at all.\n\nMore.')
    assert.ok(report.warnings.some((warning) => /dateline/.test(warning)))
  })
})

describe('exportArticleText then parseArticleText: leads that open like a dateline or byline', () => {
  // Found by the round-trip property: a lead that is only a dash made the lead line
  // ("A and B- —") read as a byline line whose last name was "B-".
  const base = { headline: 'Ferry', standfirst: '', credit: '', keyPoints: [] }
  const cases: Array<Pick<ArticleText, 'dateline' | 'bylines' | 'body'>> = [
    { dateline: '', bylines: ['Ada Lind', 'Per Dahl'], body: '—\n\nThe ferry ran late.' },
    { dateline: 'BERGEN, NORWAY', bylines: [], body: '–\n\nThe ferry ran late.' },
    { dateline: '', bylines: ['Ada van'], body: '\\-\n\nThe ferry ran late.' },
    { dateline: 'BERGEN', bylines: ['Ada Lind'], body: 'OSLO – The ferry ran late.' },
    { dateline: '', bylines: ['Ada Lind'], body: '| Lind said the ferry ran late.' },
  ]
  for (const fields of cases) {
    test(`${JSON.stringify(fields.body.split('\n')[0])} after ${JSON.stringify(fields.bylines)}`, () => {
      const article: ArticleText = {
        ...base,
        ...fields,
        publishedOn: { year: 2015, month: 11, day: 27 },
      }
      assert.deepEqual(parseOk(exportArticleText(article)).article, article)
    })
  }
})

describe('parseArticleText and exportArticleText on the fixtures', () => {
  const wellFormed = [
    'two-authors-full.txt',
    'three-authors.txt',
    'byline-only.txt',
    'dateline-only.txt',
    'no-date-line.txt',
    'wrong-weekday.txt',
    'windows-bom.txt',
    'markup-looking.txt',
  ]
  for (const name of wellFormed) {
    test(`${name}: exporting then parsing gives the same article`, () => {
      const { article } = parseOk(readFixture(name))
      assert.deepEqual(parseOk(exportArticleText(article)).article, article)
    })
  }
})

describe('the demo articles', () => {
  const files = readdirSync(demoUrl, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.txt'))
    .sort()

  test('there are demo articles to check', () => {
    assert.ok(files.length >= 10, `found ${files.length}`)
  })

  for (const name of files) {
    test(`${name} parses with a standfirst, a byline, a date and key points`, () => {
      const decoded = decodeArticleFile(readFileSync(new URL(name, demoUrl)))
      assert.ok(decoded.ok)
      const { article, report } = parseOk(decoded.text)
      assert.notEqual(article.standfirst, '')
      assert.ok(article.bylines.length >= 1)
      assert.notEqual(article.dateline, '')
      assert.ok(article.publishedOn)
      assert.ok(article.keyPoints.length >= 1)
      assert.ok(report.paragraphs >= 3)
      assert.deepEqual(report.warnings, [])
      assertNoChromeInBody(article)
      assert.deepEqual(parseOk(exportArticleText(article)).article, article)
    })
  }
})
