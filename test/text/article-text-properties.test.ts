import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { MAX_HEADLINE_LENGTH, type ArticleText } from '../../src/text/article-text/article-text.js'
import {
  isPersonName,
  isPlaceSegment,
  joinNames,
  parseBylineLine,
} from '../../src/text/article-text/bylines.js'
import { splitLeadLine } from '../../src/text/article-text/lead-line.js'
import { parseDateLine } from '../../src/text/article-text/date-line.js'
import { exportArticleText } from '../../src/text/article-text/export-article-text.js'
import { parseArticleText } from '../../src/text/article-text/parse-article-text.js'
import { isValidCalendarDate, type CalendarDate } from '../../src/text/dates.js'
import { escapeMarkdownText } from '../../src/text/markdown.js'

const NUM_RUNS = 300

// ---------------------------------------------------------------------------
// The canonical form: what the parser itself produces, so what must survive a
// round trip. Each line is a single line of text: no control characters, no
// whitespace but single spaces, none at either end.
// ---------------------------------------------------------------------------

/** Folds any string into one canonical line (possibly empty). */
function canonicalLine(text: string): string {
  return text
    .replace(/[\p{Cc}\u200B\uFEFF]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function isCanonicalLine(text: string): boolean {
  return text !== '' && canonicalLine(text) === text
}

// Tokens Markdown or HTML would read as syntax, at a line's start or inside it.
const AWKWARD = [
  '*',
  '**bold**',
  '_',
  '__init__',
  '[',
  ']',
  '[link](javascript:x)',
  '![img](/a.png)',
  '<',
  '>',
  '<script>',
  '</p>',
  '&',
  '&amp;',
  '&#60;',
  '&#x3C;',
  '&copy',
  '#',
  '##',
  '\\',
  '\\*',
  '`',
  '```',
  '~',
  '~~',
  '|',
  '1.',
  '2)',
  '123456789.',
  '-',
  '--',
  '---',
  '+',
  '=',
  '===',
  ':',
  '"',
  '“',
  '”',
  "'",
  '’',
  '(',
  ')',
  '!',
  '–',
  '—',
  '•',
  'é',
  'Ñandú',
  'Łódź',
  '日本語',
  'عربي',
  '🙂',
  '👩🏽‍🚀',
  'e\u0301',
  '\u00AD',
  'x²',
  'MOSCOW,',
  'Ana',
  'and',
  'At',
  'News',
  'Friday,',
  'November',
  '27th',
  '2015',
]
const WORDS = [
  'the',
  'council',
  'voted',
  'on',
  'Tuesday',
  'harbour',
  'in',
  'a',
  'of',
  'said',
  'percent',
  'Lind',
  'OSLO',
]

const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...AWKWARD) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
)

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** A canonical line built from words and awkward tokens, or from arbitrary graphemes. */
function textLine(maxLength: number): fc.Arbitrary<string> {
  return (
    fc
      .oneof(
        fc
          .array(word, { minLength: 1, maxLength: 24 })
          .map((words) => canonicalLine(words.join(' '))),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).map(canonicalLine),
      )
      .map((line) => line.slice(0, maxLength).trimEnd())
      // Cutting to length may split a surrogate pair; a lone surrogate is not text.
      .filter((line) => isCanonicalLine(line) && !LONE_SURROGATE.test(line))
  )
}

// Lines the format gives a meaning of its own. A paragraph written like one of
// these cannot come back as a paragraph: these are ambiguities of the plain-text
// form itself, so such paragraphs are outside the canonical form.
const SUBHEADING_LINE = /^[-–—]\s+(.+?)\s+[-–—]$/u
const WHOLE_QUOTATION_LINE = /^["“][^"“”]+["”]$/u
const AT_A_GLANCE_LINE = /^at a glance\s*:?$/i
const COMMENT_PROMPT_LINE = /^(?:new comment|leave a comment|add a comment|comments?)\s*:?$/i

function isNavigationLike(line: string): boolean {
  const items = line.split('|').map((item) => item.trim())
  return items.length >= 2 && items.every((item) => /^\p{Lu}[\p{L}&' -]{0,30}$/u.test(item))
}

/** Whether a line would be read as the start of a lead ("PLACE, Name- …", "PLACE: …"). */
function hasLeadPrefix(line: string): boolean {
  return splitLeadLine(line) !== undefined
}

/** Whether the parser would take a line at the end of the body for trailing site chrome. */
function isChromeLike(line: string): boolean {
  return (
    COMMENT_PROMPT_LINE.test(line) ||
    isNavigationLike(line) ||
    parseDateLine(line) !== undefined ||
    parseBylineLine(line) !== undefined
  )
}

const paragraphText = (maxLength = 300) =>
  textLine(maxLength).filter(
    (line) =>
      !SUBHEADING_LINE.test(line) &&
      !WHOLE_QUOTATION_LINE.test(line) &&
      !AT_A_GLANCE_LINE.test(line),
  )

type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'quotation'; text: string }

const block: fc.Arbitrary<Block> = fc.oneof(
  { weight: 4, arbitrary: paragraphText().map((text) => ({ kind: 'paragraph' as const, text })) },
  {
    weight: 1,
    arbitrary: textLine(80)
      .map((text) => ({ kind: 'subheading' as const, text }))
      .filter(({ text }) => SUBHEADING_LINE.exec(`- ${text} -`)?.[1] === text),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('"', '“'),
        textLine(200).map((text) => text.replace(/["“”]/g, '')),
        fc.constantFrom('"', '”'),
      )
      .map(([open, inner, close]) => canonicalLine(`${open}${inner}${close}`))
      .filter((text) => WHOLE_QUOTATION_LINE.test(text))
      .map((text) => ({ kind: 'quotation' as const, text })),
  },
)

function blockToMarkdown(item: Block): string {
  switch (item.kind) {
    case 'paragraph':
      return escapeMarkdownText(item.text)
    case 'subheading':
      return `## ${escapeMarkdownText(item.text)}`
    case 'quotation':
      return `> ${escapeMarkdownText(item.text)}`
  }
}

// Names: capitalised words, particles allowed after the first word.
const capital = fc.constantFrom(
  'A',
  'B',
  'D',
  'E',
  'J',
  'K',
  'L',
  'M',
  'O',
  'S',
  'Z',
  'É',
  'Ł',
  'Ö',
)
const lower = fc.constantFrom('a', 'e', 'i', 'n', 'o', 'r', 's', 't', 'u', 'é', 'ñ', 'ø', 'ł', 'ü')
const nameWord = fc
  .tuple(
    fc.constantFrom('', "O'", 'Mc'),
    capital,
    fc.array(lower, { minLength: 1, maxLength: 8 }),
    fc.option(
      fc.tuple(fc.constantFrom('-', '’'), capital, fc.array(lower, { minLength: 1, maxLength: 5 })),
    ),
  )
  .map(
    ([before, first, rest, tail]) =>
      `${before}${first}${rest.join('')}${tail ? `${tail[0]}${tail[1]}${tail[2].join('')}` : ''}`,
  )
const nameToken = fc.oneof(
  { weight: 6, arbitrary: nameWord },
  { weight: 1, arbitrary: fc.constantFrom('de', 'van', 'der', 'al', 'y', 'von') },
  { weight: 1, arbitrary: capital.map((letter) => `${letter}.`) },
)
const personName = fc
  .tuple(nameWord, fc.array(nameToken, { minLength: 0, maxLength: 3 }))
  .map(([first, rest]) => [first, ...rest].join(' '))
  // A name must hold a lower-case letter, or it reads as a dateline segment; and
  // "By …" at the start of a byline is the word "by", not a name.
  .filter(
    (name) => isPersonName(name) && /\p{Ll}/u.test(name) && !/^by$/i.test(name.split(' ')[0] ?? ''),
  )

const placeWord = fc
  .tuple(
    fc.constantFrom('', 'ST. ', "D'", 'SAN '),
    fc.array(
      fc.constantFrom('A', 'B', 'E', 'G', 'L', 'N', 'O', 'R', 'S', 'T', 'Å', 'Ø', 'É', 'Ü'),
      {
        minLength: 2,
        maxLength: 10,
      },
    ),
    fc.constantFrom('', '-SUR-MER', ' CITY'),
  )
  .map(([before, letters, after]) => `${before}${letters.join('')}${after}`)
  .filter(isPlaceSegment)
const dateline = fc.oneof(
  fc.constant(''),
  fc.array(placeWord, { minLength: 1, maxLength: 3 }).map((segments) => segments.join(', ')),
)

const calendarDate: fc.Arbitrary<CalendarDate> = fc
  .record({
    year: fc.integer({ min: 1000, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .filter(isValidCalendarDate)
  // fc.record makes null-prototype objects; the parser makes plain ones.
  .map(({ year, month, day }) => ({ year, month, day }))

const keyPoint = fc.oneof(
  { weight: 4, arbitrary: textLine(400) },
  // Long points, up to the 400 characters an article allows.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 380, max: 400 }), textLine(60))
      .map(([length, text]) => `${text} ${'long '.repeat(100)}`.slice(0, length).trimEnd())
      .filter(isCanonicalLine),
  },
)

interface Generated {
  article: ArticleText
  /** The body's blocks as plain text lines, lead first. */
  lines: string[]
}

const canonicalArticle: fc.Arbitrary<Generated> = fc
  .record({
    headline: textLine(MAX_HEADLINE_LENGTH),
    standfirst: fc.option(paragraphText(), { nil: '' }),
    dateline,
    bylines: fc.oneof(
      fc.constant<string[]>([]),
      fc.array(personName, { minLength: 1, maxLength: 4 }),
    ),
    lead: paragraphText(),
    blocks: fc.array(block, { maxLength: 8 }),
    publishedOn: fc.option(calendarDate, { nil: undefined }),
    keyPoints: fc.array(keyPoint, { maxLength: 5 }),
  })
  .map(({ lead, blocks, ...fields }) => {
    const all: Block[] = [{ kind: 'paragraph', text: lead }, ...blocks]
    const article: ArticleText = {
      headline: fields.headline,
      standfirst: fields.standfirst,
      dateline: fields.dateline,
      bylines: fields.bylines,
      credit: '',
      body: all.map(blockToMarkdown).join('\n\n'),
      publishedOn: fields.publishedOn,
      keyPoints: fields.keyPoints,
    }
    const prefix = [fields.dateline, joinNames(fields.bylines)].filter((p) => p !== '').join(', ')
    const lines = all.map((item) => (item.kind === 'subheading' ? `- ${item.text} -` : item.text))
    lines[0] = prefix === '' ? lead : `${prefix}- ${lead}`
    return { article, lines, prefix }
  })
  .filter(({ article, lines, prefix }) => {
    // The parser reads at most 300 characters of dateline and byline before the dash.
    if (prefix.length > 200) return false
    // With no dateline and no byline, nothing marks the lead, so a lone line under the
    // headline cannot be told from a short first paragraph: no standfirst then. For the
    // same reason neither the standfirst nor an unmarked lead may look like a lead.
    if (prefix === '' && (article.standfirst !== '' || hasLeadPrefix(lines[0] ?? ''))) return false
    if (article.standfirst !== '' && hasLeadPrefix(article.standfirst)) return false
    // A byline on a line of its own ("By A", "Reuters") is read as one, under the headline too.
    if (article.standfirst !== '' && parseBylineLine(article.standfirst)) return false
    if (prefix === '' && parseBylineLine(lines[0] ?? '')) return false
    // The last line of the body must not read as the date, byline or site chrome
    // that the parser strips from the end.
    return !isChromeLike(lines.at(-1) ?? '')
  })
  .map(({ article, lines }) => ({ article, lines }))

// ---------------------------------------------------------------------------

describe('parseArticleText never throws', () => {
  function assertResultShape(text: string): void {
    const result = parseArticleText(text)
    if (result.ok) {
      assert.notEqual(result.article.headline, '')
      assert.ok(result.article.headline.length <= MAX_HEADLINE_LENGTH)
      assert.ok(result.report.paragraphs > 0)
      assert.notEqual(result.article.body, '')
      // Whatever it read, it can write back out.
      assert.equal(typeof exportArticleText(result.article), 'string')
    } else {
      assert.equal(typeof result.reason, 'string')
      assert.notEqual(result.reason, '')
    }
  }

  test('on arbitrary text (graphemes)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 2000 }), assertResultShape), {
      numRuns: NUM_RUNS,
      includeErrorInReport: true,
    })
  })

  test('on arbitrary UTF-16 (lone surrogates, controls)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), assertResultShape), {
      numRuns: NUM_RUNS,
      includeErrorInReport: true,
    })
  })

  test('on mixtures of realistic lines', () => {
    const realistic = fc.constantFrom(
      '',
      '',
      'Harbour board approves sea wall',
      'MOSCOW, RUSSIA, Ana Lind and Omar Haddad- The lead paragraph.',
      'OSLO- A lead with a dateline only.',
      'Ana Lind, Omar Haddad and Zoe Adams- A lead with bylines only.',
      'A paragraph of ordinary prose, with a comma.',
      '"A whole-line quotation."',
      '- A subheading -',
      '— Another subheading —',
      'Friday, November 27th 2015',
      'Monday, February 30th 2015',
      'November 27 2015',
      'Ana Lind and Omar Haddad-',
      'New comment:',
      'Comments',
      'News | Politics | Features | Arts | Entertainment | Society | Sport',
      'At a glance',
      '- A key point.',
      '1. A numbered key point.',
      '• A bulleted line',
      '<script>alert(1)</script>',
      '# not a heading',
      '   ',
      '\t',
      '\uFEFF',
      'x'.repeat(401),
      ' - ',
      '-',
    )
    const line = fc.oneof(
      { weight: 4, arbitrary: realistic },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
    )
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 40 }),
        fc.constantFrom('\n', '\r\n', '\r', '\u2028'),
        (lines, newline) => assertResultShape(lines.join(newline)),
      ),
      { numRuns: NUM_RUNS, includeErrorInReport: true },
    )
  })
})

describe('exportArticleText then parseArticleText', () => {
  test('gives back any article in canonical form exactly', () => {
    fc.assert(
      fc.property(canonicalArticle, ({ article }) => {
        const text = exportArticleText(article)
        const result = parseArticleText(text)
        if (!result.ok) assert.fail(`did not parse (${result.reason}):\n${text}`)
        assert.deepEqual(result.article, article, text)
        // The only warnings are for a missing dateline-and-byline prefix and a missing byline.
        const expectedWarnings =
          (article.dateline === '' && article.bylines.length === 0 ? 1 : 0) +
          (article.bylines.length === 0 ? 1 : 0)
        assert.equal(
          result.report.warnings.length,
          expectedWarnings,
          result.report.warnings.join('; '),
        )
      }),
      { numRuns: NUM_RUNS, includeErrorInReport: true },
    )
  })

  test('the generator reaches the awkward cases', () => {
    // Guards the property above against a generator that filters everything interesting away.
    const samples = fc.sample(canonicalArticle, { numRuns: 300, seed: 42 })
    const bodies = samples.map(({ article }) => article.body).join('\n')
    const lines = samples.flatMap(({ lines }) => lines)
    assert.ok(samples.some(({ article }) => article.standfirst !== ''))
    assert.ok(samples.some(({ article }) => article.bylines.length >= 3))
    assert.ok(samples.some(({ article }) => article.dateline === '' && article.bylines.length > 0))
    assert.ok(samples.some(({ article }) => article.publishedOn === undefined))
    assert.ok(samples.some(({ article }) => article.keyPoints.some((point) => point.length >= 398)))
    assert.ok(bodies.includes('\n\n## '))
    assert.ok(bodies.includes('\n\n> '))
    for (const token of ['\\*', '\\_', '\\[', '\\<', '\\&amp;', '\\#', '\\\\', '\\`', '\\~', '|']) {
      assert.ok(bodies.includes(token), `no body contains ${token}`)
    }
    for (const start of ['1\\. ', '\\-', '\\+', '\\>', '\\#']) {
      assert.ok(
        samples.some(({ article }) => article.body.split('\n\n').some((b) => b.startsWith(start))),
        `no paragraph starts with ${start}`,
      )
    }
    assert.ok(lines.some((line) => /[^\p{ASCII}]/u.test(line)))
  })
})
