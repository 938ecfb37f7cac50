// The datelines and bylines newsrooms write, one row each: the lines alone, then
// whole stories from the newsroom-text corpus (test/fixtures/newsroom-text).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { parseBylineLine } from '../../src/text/article-text/bylines.js'
import { splitLeadLine } from '../../src/text/article-text/lead-line.js'
import { parseArticleText } from '../../src/text/article-text/parse-article-text.js'
import type { CalendarDate } from '../../src/text/dates.js'

const CORPUS = new URL('../fixtures/newsroom-text/', import.meta.url)

describe('lead lines: the dateline before the dash or colon', () => {
  const rows: [string, { place: string[]; names: string[]; credit: string; rest: string }][] = [
    [
      'CLEVELAND, Ohio – The band played.',
      { place: ['CLEVELAND', 'Ohio'], names: [], credit: '', rest: 'The band played.' },
    ],
    [
      'WASHINGTON (AP) — The Senate voted.',
      { place: ['WASHINGTON'], names: [], credit: 'AP', rest: 'The Senate voted.' },
    ],
    [
      'LONDON: Trains stopped.',
      { place: ['LONDON'], names: [], credit: '', rest: 'Trains stopped.' },
    ],
    [
      'PARIS, Nov 27 (Reuters) - Bakers marched.',
      { place: ['PARIS'], names: [], credit: 'Reuters', rest: 'Bakers marched.' },
    ],
    [
      'MOSCOW, RUSSIA, Ana Lind and Omar Haddad- The line opened.',
      {
        place: ['MOSCOW', 'RUSSIA'],
        names: ['Ana Lind', 'Omar Haddad'],
        credit: '',
        rest: 'The line opened.',
      },
    ],
    [
      'SAN JUAN, Puerto Rico — Rain fell.',
      { place: ['SAN JUAN', 'Puerto Rico'], names: [], credit: '', rest: 'Rain fell.' },
    ],
    [
      'SACRAMENTO, Calif. — Fires burned.',
      { place: ['SACRAMENTO', 'Calif.'], names: [], credit: '', rest: 'Fires burned.' },
    ],
    [
      'GENEVA, 3 March (AFP) – Talks resumed.',
      { place: ['GENEVA'], names: [], credit: 'AFP', rest: 'Talks resumed.' },
    ],
  ]
  for (const [line, expected] of rows) {
    test(line, () => {
      const lead = splitLeadLine(line)
      assert.deepEqual(lead && { ...lead }, expected)
    })
  }

  const notDatelines = [
    'UPDATE: The council met again.',
    'The mayor said: we will rebuild.',
    'WASHINGTON (Sources) — an unknown credit in brackets is not an agency.',
    'It was a long day - and a longer night.',
  ]
  for (const line of notDatelines) {
    test(`not a dateline: ${line}`, () => assert.equal(splitLeadLine(line), undefined))
  }
})

describe('byline lines', () => {
  const rows: [string, { names: string[]; credit: string } | undefined][] = [
    ['By Dana Whitfield', { names: ['Dana Whitfield'], credit: '' }],
    ['By JOSH BOAK', { names: ['Josh Boak'], credit: '' }],
    ['By Ana Lind and Omar Haddad', { names: ['Ana Lind', 'Omar Haddad'], credit: '' }],
    ['Claire Fontaine | Reuters', { names: ['Claire Fontaine'], credit: 'Reuters' }],
    [
      'Claire Fontaine | The Harbour Gazette',
      { names: ['Claire Fontaine'], credit: 'The Harbour Gazette' },
    ],
    ['Amina Okoro, AFP', { names: ['Amina Okoro'], credit: 'AFP' }],
    ['By Amina Okoro, Associated Press', { names: ['Amina Okoro'], credit: 'Associated Press' }],
    ['Reuters', { names: [], credit: 'Reuters' }],
    ['Ana Lind and Omar Haddad-', { names: ['Ana Lind', 'Omar Haddad'], credit: '' }],
    // Prose, or names with nothing to mark them as a byline.
    ['Ana Lind', undefined],
    ['By the end of the week the river had fallen.', undefined],
    ['News | Politics | Sport', undefined],
    ['Ana Lind, Omar Haddad', undefined],
  ]
  for (const [line, expected] of rows) {
    test(line, () => assert.deepEqual(parseBylineLine(line), expected))
  }
})

interface Expected {
  dateline: string
  bylines: string[]
  credit: string
  publishedOn: CalendarDate | undefined
  standfirst?: string
  lead: string
  warnings: string[]
}

const STORIES: Record<string, Expected> = {
  'ohio-band.txt': {
    dateline: 'CLEVELAND, Ohio',
    bylines: ['Dana Whitfield'],
    credit: '',
    publishedOn: { year: 2026, month: 10, day: 14 },
    lead: 'The band that started',
    warnings: [],
  },
  'washington-wire.txt': {
    dateline: 'WASHINGTON',
    bylines: [],
    credit: 'AP',
    publishedOn: { year: 2026, month: 10, day: 15 },
    lead: 'A Senate committee on Thursday',
    warnings: [],
  },
  'london-undated.txt': {
    dateline: 'LONDON',
    bylines: [],
    credit: '',
    publishedOn: undefined,
    lead: "One of the city's busiest",
    warnings: ['no byline found'],
  },
  'paris-reuters.txt': {
    dateline: 'PARIS',
    bylines: ['Claire Fontaine'],
    credit: 'Reuters',
    publishedOn: { year: 2026, month: 11, day: 27 },
    lead: 'Hundreds of bakers marched',
    warnings: [],
  },
  'moscow-two-authors.txt': {
    dateline: 'MOSCOW, RUSSIA',
    bylines: ['Irina Sokolova', 'Pavel Orlov'],
    credit: '',
    publishedOn: { year: 2026, month: 12, day: 5 },
    lead: 'A new metro line',
    warnings: [],
  },
  'byline-at-top.txt': {
    dateline: '',
    bylines: ['Tomasz Wielgosz'],
    credit: '',
    publishedOn: { year: 2026, month: 11, day: 30 },
    standfirst: 'Residents will be able to borrow drills, ladders and sewing machines from March.',
    lead: 'The central library will open',
    warnings: [],
  },
  'nairobi-agency-comma.txt': {
    dateline: 'NAIROBI, Kenya',
    bylines: ['Amina Okoro'],
    credit: 'AFP',
    publishedOn: { year: 2026, month: 11, day: 18 },
    lead: 'Kenya will extend free school lunches',
    warnings: [],
  },
  'tokyo-agency-alone.txt': {
    dateline: 'TOKYO',
    bylines: [],
    credit: 'Reuters',
    publishedOn: { year: 2026, month: 11, day: 30 },
    lead: "Japan's factory output rose",
    warnings: [],
  },
  'san-juan-no-byline.txt': {
    dateline: 'SAN JUAN, Puerto Rico',
    bylines: [],
    credit: '',
    publishedOn: { year: 2026, month: 11, day: 22 },
    lead: 'Heavy rain from a slow-moving storm',
    warnings: ['no byline found'],
  },
}

describe('the newsroom-text corpus', () => {
  for (const [file, expected] of Object.entries(STORIES)) {
    test(file, () => {
      const parsed = parseArticleText(readFileSync(new URL(file, CORPUS), 'utf8'))
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason)
      const { article, report } = parsed
      assert.equal(article.dateline, expected.dateline)
      assert.deepEqual(article.bylines, expected.bylines)
      assert.equal(article.credit, expected.credit)
      assert.deepEqual(article.publishedOn, expected.publishedOn)
      assert.equal(article.standfirst, expected.standfirst ?? '')
      assert.ok(article.body.startsWith(expected.lead), article.body.slice(0, 80))
      assert.deepEqual(report.warnings, expected.warnings)
      // Neither the byline nor the date line is left in the body.
      for (const name of [...article.bylines, article.credit].filter(Boolean)) {
        assert.ok(!article.body.includes(name), `${name} is not in the body`)
      }
    })
  }
})

describe('a closing byline decides who wrote the story', () => {
  const story = (lead: string, closing: string) =>
    ['A headline', '', lead, 'A second paragraph.', '', 'Friday, November 27th 2026', closing].join(
      '\n',
    )

  test('a place after the city is never an author, whatever the closing byline', () => {
    const parsed = parseArticleText(
      story('CLEVELAND, Ohio – The band played.', 'By Dana Whitfield'),
    )
    assert.ok(parsed.ok)
    assert.equal(parsed.article.dateline, 'CLEVELAND, Ohio')
    assert.deepEqual(parsed.article.bylines, ['Dana Whitfield'])
  })

  test('names before the lead that the closing byline does not list are read as places', () => {
    const parsed = parseArticleText(story('CLEVELAND, Lake County – Rain fell.', 'Dana Whitfield-'))
    assert.ok(parsed.ok)
    assert.equal(parsed.article.dateline, 'CLEVELAND, Lake County')
    assert.deepEqual(parsed.article.bylines, ['Dana Whitfield'])
    assert.match(
      parsed.report.warnings.join('\n'),
      /"Lake County" before the lead is not in the byline/,
    )
  })

  test('a one-word name after the city is an author when the closing byline lists it', () => {
    const parsed = parseArticleText(story('OSLO, Zlatan- The match ended.', 'Zlatan-'))
    assert.ok(parsed.ok)
    assert.equal(parsed.article.dateline, 'OSLO')
    assert.deepEqual(parsed.article.bylines, ['Zlatan'])
  })

  test('the closing byline wins over the one at the top, with a warning', () => {
    const text = [
      'A headline',
      '',
      'By Ana Lind',
      '',
      'OSLO — Snow fell.',
      '',
      'Omar Haddad-',
    ].join('\n')
    const parsed = parseArticleText(text)
    assert.ok(parsed.ok)
    assert.deepEqual(parsed.article.bylines, ['Omar Haddad'])
    assert.match(parsed.report.warnings.join('\n'), /closing one is kept/)
  })
})
