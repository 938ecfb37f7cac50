import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { parseArticleText } from '../../src/text/article-text/parse-article-text.js'
import { markdownToTextBlocks } from '../../src/text/markdown.js'
import { splitSentences } from '../../src/text/sentences.js'
import { bodySentences, suggestionCount, suggestKeyPoints } from '../../src/text/summarise.js'
import { contentTerms, stem, words } from '../../src/text/terms.js'

const NUM_RUNS = 300
const SEED = new URL('../../../shared/fixtures/seed-article.txt', import.meta.url)

/** Every sentence of a body's plain text, as splitSentences gives them (headings left out). */
function sentencesOf(body: string): string[] {
  return markdownToTextBlocks(body)
    .filter((block) => block.kind !== 'heading')
    .flatMap((block) => splitSentences(block.text))
}

const STORY = {
  headline: 'Harbour council approves sea wall after two years of argument',
  body: [
    'The harbour council voted on Tuesday to build a sea wall along the old quay, ending two years of argument over flood defences.',
    'Engineers said the wall would protect about 400 homes from winter storm surges.',
    '## Who pays',
    'The cost of the sea wall, put at 38 million kroner, will be split between the city and the regional flood fund.',
    'Critics on the council argued that the regional fund should pay for all of it.',
    '> "We cannot wait for the next storm to decide this," the council leader said.',
    'The weather was mild on Tuesday.',
    'Work on the wall is due to start in March and to finish before the winter of 2028.',
    'Fishermen asked for a gap in the wall so that boats can still reach the old slipway.',
    'The council said it would consider the request.',
  ].join('\n\n'),
}

describe('content terms', () => {
  test('words are lower-cased, possessives dropped, accents kept', () => {
    assert.deepEqual(words("The council's vote in Tromsø — 42 to 7"), [
      'the',
      'council',
      'vote',
      'in',
      'tromsø',
      '42',
      'to',
      '7',
    ])
  })

  test('the stemmer maps common forms of a word together', () => {
    assert.equal(stem('councils'), stem('council'))
    assert.equal(stem('voted'), stem('vote'))
    assert.equal(stem('voting'), stem('vote'))
    assert.equal(stem('ferries'), stem('ferry'))
    assert.equal(stem('bus'), 'bus')
    assert.equal(stem('2028'), '2028')
  })

  test('stop words and reporting verbs are dropped', () => {
    assert.deepEqual(contentTerms('He said that the council would vote'), [
      stem('council'),
      stem('vote'),
    ])
  })
})

describe('suggestKeyPoints', () => {
  test('proposes 3 to 5 sentences of the body, word for word, in reading order', () => {
    const suggestions = suggestKeyPoints(STORY.body, STORY.headline)
    assert.ok(suggestions.length >= 3 && suggestions.length <= 5, String(suggestions.length))
    const all = sentencesOf(STORY.body)
    for (const suggestion of suggestions) assert.ok(all.includes(suggestion), suggestion)
    const positions = suggestions.map((suggestion) => all.indexOf(suggestion))
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
    )
  })

  test('picks the lead and the sentences about the headline, not the small talk', () => {
    const suggestions = suggestKeyPoints(STORY.body, STORY.headline)
    assert.equal(suggestions[0], sentencesOf(STORY.body)[0], 'the lead comes first')
    assert.ok(
      suggestions.some((s) => s.startsWith('The cost of the sea wall')),
      'who pays for the wall',
    )
    assert.ok(!suggestions.includes('The weather was mild on Tuesday.'))
    assert.ok(!suggestions.includes('The council said it would consider the request.'))
  })

  test('never proposes a subheading, and never the same sentence twice', () => {
    const body = `${STORY.body}\n\n## Who pays\n\n${STORY.body}`
    const suggestions = suggestKeyPoints(body, STORY.headline)
    assert.ok(!suggestions.includes('Who pays'))
    assert.equal(new Set(suggestions).size, suggestions.length)
  })

  test('avoids repeating the same point (redundancy penalty)', () => {
    const body = [
      'The city council approved the new sea wall on Tuesday.',
      'On Tuesday the city council approved the new sea wall.',
      'The new sea wall was approved by the city council on Tuesday.',
      'Fishermen asked for a gap so that boats can reach the slipway.',
      'Work starts in March and should finish before the winter of 2028.',
      'The regional flood fund will pay half of the cost.',
    ].join(' ')
    const suggestions = suggestKeyPoints(body, 'City council approves sea wall')
    const restatements = suggestions.filter((s) => /sea wall/.test(s) && /council/.test(s))
    assert.equal(restatements.length, 1, suggestions.join('\n'))
  })

  test('is deterministic', () => {
    assert.deepEqual(
      suggestKeyPoints(STORY.body, STORY.headline),
      suggestKeyPoints(STORY.body, STORY.headline),
    )
  })

  test('gives fewer only when the body has fewer sentences; none for an empty body', () => {
    assert.deepEqual(suggestKeyPoints('', 'Anything'), [])
    assert.deepEqual(suggestKeyPoints('## Only a heading', 'Anything'), [])
    assert.deepEqual(suggestKeyPoints('One sentence only.', 'x'), ['One sentence only.'])
    assert.equal(suggestKeyPoints('First one here. Second one there.', 'x').length, 2)
    assert.equal(suggestKeyPoints('One here. Two there. Three everywhere. Four.', 'x').length, 3)
  })

  test('skips sentences too long to be a key point', () => {
    const long = `A ${'very '.repeat(100)}long sentence.`
    const suggestions = suggestKeyPoints(`${long} Short one. Another one.`, 'x', { maxLength: 400 })
    assert.deepEqual(suggestions, ['Short one.', 'Another one.'])
  })

  test('longer bodies get more suggestions, never more than 5', () => {
    assert.equal(suggestionCount(2), 2)
    assert.equal(suggestionCount(5), 3)
    assert.equal(suggestionCount(15), 4)
    assert.equal(suggestionCount(25), 5)
    assert.equal(suggestionCount(500), 5)
  })

  test(
    'reads the seed page when it is there',
    { skip: existsSync(SEED) ? false : 'no ../shared/fixtures here' },
    () => {
      const parsed = parseArticleText(readFileSync(SEED, 'utf8'))
      assert.ok(parsed.ok)
      const suggestions = suggestKeyPoints(parsed.article.body, parsed.article.headline)
      assert.ok(suggestions.length >= 3 && suggestions.length <= 5)
      const all = sentencesOf(parsed.article.body)
      for (const suggestion of suggestions) assert.ok(all.includes(suggestion), suggestion)
    },
  )
})

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

const WORDS = [
  'harbour',
  'council',
  'ferry',
  'storm',
  'wall',
  'vote',
  'island',
  'fund',
  'the',
  'and',
  'said',
  'winter',
  '42',
  'Tromsø',
  'Łódź',
  'café',
]

/** A sentence: capitalised words ending in a full stop, unique by a number in it. */
const sentence = (n: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 14 }).map((list) => {
    const text = [...list, `n${n}`].join(' ')
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
  })

/** How a sentence joins the one before: same paragraph, new paragraph, heading, quote, list. */
const JOINERS = [' ', '\n\n', '\n\n## A heading\n\n', '\n\n> ', '\n\n- ']

/** A Markdown body of distinct sentences in paragraphs, with the odd heading, quote and list. */
const body = fc.integer({ min: 0, max: 30 }).chain((count) =>
  fc
    .tuple(
      fc.tuple(...Array.from({ length: count }, (_, i) => sentence(i))),
      fc.array(fc.constantFrom(...JOINERS), { minLength: count, maxLength: count }),
    )
    .map(([sentences, joiners]) => ({
      markdown: sentences.map((text, i) => (i === 0 ? text : `${joiners[i]}${text}`)).join(''),
      count,
    })),
)

describe('suggestKeyPoints: properties', () => {
  test('every suggestion is a sentence of the body’s plain text, given in reading order', () => {
    fc.assert(
      fc.property(body, fc.string({ maxLength: 80 }), ({ markdown }, headline) => {
        const suggestions = suggestKeyPoints(markdown, headline)
        const plain = markdownToTextBlocks(markdown)
          .map((block) => block.text)
          .join('\n')
        const all = sentencesOf(markdown)
        let last = -1
        for (const suggestion of suggestions) {
          assert.ok(plain.includes(suggestion), suggestion)
          assert.ok(all.includes(suggestion), suggestion)
          const at = all.indexOf(suggestion)
          assert.ok(at > last, 'in reading order')
          last = at
        }
      }),
      { numRuns: NUM_RUNS },
    )
  })

  test('3 to 5 suggestions for a body of 5 or more sentences; fewer only for fewer', () => {
    fc.assert(
      fc.property(body, ({ markdown, count }) => {
        const suggestions = suggestKeyPoints(markdown, 'Harbour council vote')
        if (count >= 5) {
          assert.ok(suggestions.length >= 3 && suggestions.length <= 5, String(suggestions.length))
        } else {
          assert.equal(suggestions.length, Math.min(count, 3))
        }
        assert.equal(bodySentences(markdown).length, count)
      }),
      { numRuns: NUM_RUNS },
    )
  })

  test('never throws, and proposes only non-empty single lines, on any text at all', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.string({ maxLength: 200 }), (text, title) => {
        const suggestions = suggestKeyPoints(text, title)
        assert.ok(suggestions.length <= 5)
        for (const suggestion of suggestions) {
          assert.ok(suggestion.trim() !== '' && !suggestion.includes('\n'))
          assert.ok(suggestion.length <= 400)
        }
        assert.deepEqual(suggestKeyPoints(text, title), suggestions, 'deterministic')
      }),
      { numRuns: NUM_RUNS },
    )
  })
})
