import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import {
  collapseUnchanged,
  diffLists,
  diffParagraphs,
  diffText,
  similarity,
  splitParagraphs,
  type DiffBlock,
  type DiffPart,
} from '../../src/text/diff.js'

/** The text on one side of a diff: kept parts plus that side's changes. */
const sideOf = (parts: readonly DiffPart[], side: 'before' | 'after') =>
  parts
    .filter(
      (part) => part.kind === 'same' || part.kind === (side === 'before' ? 'removed' : 'added'),
    )
    .map((part) => part.text)
    .join('')

/** The paragraphs on one side of a paragraph diff. */
const paragraphsOf = (blocks: readonly DiffBlock[], side: 'before' | 'after') =>
  blocks.flatMap((block) => {
    if (block.kind === 'changed') return [sideOf(block.parts, side)]
    if (block.kind === 'same') return [block.text]
    return block.kind === (side === 'before' ? 'removed' : 'added') ? [block.text] : []
  })

const words = fc
  .array(
    fc.tuple(
      fc.constantFrom('the', 'harbour', 'wall', 'vote', ',', '.', 'a', 'council', 'and', '"', ''),
      fc.constantFrom(' ', ' ', '  ', '\n', '\n\n', ''),
    ),
    { maxLength: 30 },
  )
  .map((list) => list.flat().join(''))

describe('diffText', () => {
  test('is empty for two empty texts and one kept part for equal ones', () => {
    assert.deepEqual(diffText('', ''), [])
    assert.deepEqual(diffText('Same words.', 'Same words.'), [
      { kind: 'same', text: 'Same words.' },
    ])
  })

  test('marks a changed word and keeps the rest', () => {
    assert.deepEqual(diffText('The council voted on Tuesday.', 'The council voted on Friday.'), [
      { kind: 'same', text: 'The council voted on ' },
      { kind: 'removed', text: 'Tuesday' },
      { kind: 'added', text: 'Friday' },
      { kind: 'same', text: '.' },
    ])
  })

  test('marks whole texts when one side is empty', () => {
    assert.deepEqual(diffText('', 'New text'), [{ kind: 'added', text: 'New text' }])
    assert.deepEqual(diffText('Old text', ''), [{ kind: 'removed', text: 'Old text' }])
  })

  test('reads a replaced phrase as one change, not word by word', () => {
    assert.deepEqual(diffText('the cat sat on the mat', 'a dog sat on the mat'), [
      { kind: 'removed', text: 'the cat' },
      { kind: 'added', text: 'a dog' },
      { kind: 'same', text: ' sat on the mat' },
    ])
    assert.deepEqual(diffText('Ana Lind, Jonas Vik', 'Ana Lind, Maria Panina'), [
      { kind: 'same', text: 'Ana Lind, ' },
      { kind: 'removed', text: 'Jonas Vik' },
      { kind: 'added', text: 'Maria Panina' },
    ])
  })

  test('leaves the spaces around a replaced phrase unmarked', () => {
    assert.deepEqual(diffText('At least six homes in the city', 'At least six suddenly the city'), [
      { kind: 'same', text: 'At least six ' },
      { kind: 'removed', text: 'homes in' },
      { kind: 'added', text: 'suddenly' },
      { kind: 'same', text: ' the city' },
    ])
  })

  test('keeps a long unchanged stretch between two changes', () => {
    const parts = diffText(
      'Early on Tuesday the harbour council voted to build a wall.',
      'Late on Tuesday the harbour council voted to build a dam.',
    )
    assert.deepEqual(
      parts.filter((part) => part.kind !== 'same'),
      [
        { kind: 'removed', text: 'Early' },
        { kind: 'added', text: 'Late' },
        { kind: 'removed', text: 'wall' },
        { kind: 'added', text: 'dam' },
      ],
    )
  })

  test('rebuilds both texts, removals before additions, no two kept parts in a row', () => {
    fc.assert(
      fc.property(words, words, (before, after) => {
        const parts = diffText(before, after)
        assert.equal(sideOf(parts, 'before'), before)
        assert.equal(sideOf(parts, 'after'), after)
        for (let i = 1; i < parts.length; i++) {
          const pair = `${parts[i - 1]?.kind}-${parts[i]?.kind}`
          assert.ok(
            !['same-same', 'added-removed', 'added-added', 'removed-removed'].includes(pair),
          )
          assert.notEqual(parts[i]?.text, '')
        }
      }),
    )
  })
})

describe('similarity', () => {
  test('is 1 for equal texts, 0 for texts with nothing in common', () => {
    assert.equal(similarity(diffText('The vote', 'The vote')), 1)
    assert.equal(similarity(diffText('', '')), 1)
    assert.equal(similarity(diffText('abc', 'xyz')), 0)
  })

  test('ignores whitespace and lies between 0 and 1', () => {
    const value = similarity(diffText('The harbour council voted.', 'The city council voted.'))
    assert.ok(value > 0.5 && value < 1, String(value))
  })
})

describe('diffLists', () => {
  test('marks removed and added items in place', () => {
    assert.deepEqual(diffLists(['Ada Brekke', 'Jonas Vik'], ['Ada Brekke', 'Maria Panina']), [
      { kind: 'same', text: 'Ada Brekke' },
      { kind: 'removed', text: 'Jonas Vik' },
      { kind: 'added', text: 'Maria Panina' },
    ])
    assert.deepEqual(diffLists(['a', 'b', 'c'], ['a', 'c']), [
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'same', text: 'c' },
    ])
  })

  test('shows an item edited in place as one changed item', () => {
    assert.deepEqual(diffLists(['Tolls rise in March.'], ['Tolls rise in April.']), [
      {
        kind: 'changed',
        parts: [
          { kind: 'same', text: 'Tolls rise in ' },
          { kind: 'removed', text: 'March' },
          { kind: 'added', text: 'April' },
          { kind: 'same', text: '.' },
        ],
      },
    ])
  })
})

describe('splitParagraphs', () => {
  test('splits at blank lines, including ones with spaces or CRLF, and drops empty ones', () => {
    assert.deepEqual(splitParagraphs('One\ncontinued.\n\nTwo.\n  \nThree.\r\n\r\nFour.\n\n\n'), [
      'One\ncontinued.',
      'Two.',
      'Three.',
      'Four.',
    ])
    assert.deepEqual(splitParagraphs(''), [])
  })
})

describe('diffParagraphs', () => {
  const p1 = 'The harbour council voted on Tuesday to build a new sea wall along the old quay.'
  const p2 = 'Engineers said the wall would protect about 400 homes from winter storm surges.'
  const p3 = 'The cost will be split between the city and the regional flood fund.'

  test('marks the words of a paragraph edited in place, and keeps the others', () => {
    const blocks = diffParagraphs(
      [p1, p2, p3].join('\n\n'),
      [p1, p2.replace('400', '450'), p3].join('\n\n'),
    )
    assert.deepEqual(
      blocks.map((block) => block.kind),
      ['same', 'changed', 'same'],
    )
    const changed = blocks[1]
    assert.ok(changed?.kind === 'changed')
    assert.deepEqual(
      changed.parts.filter((part) => part.kind !== 'same'),
      [
        { kind: 'removed', text: '400' },
        { kind: 'added', text: '450' },
      ],
    )
  })

  test('shows a paragraph replaced by a different one as removed and added, whole', () => {
    const blocks = diffParagraphs([p1, p2].join('\n\n'), [p1, p3].join('\n\n'))
    assert.deepEqual(blocks, [
      { kind: 'same', text: p1 },
      { kind: 'removed', text: p2 },
      { kind: 'added', text: p3 },
    ])
  })

  test('pairs edited paragraphs across a new one inserted between them', () => {
    const inserted = 'A spokesperson for the port declined to comment on Tuesday evening.'
    const blocks = diffParagraphs(
      [p1, p2].join('\n\n'),
      [p1.replace('Tuesday', 'Monday'), inserted, p2.replace('winter', 'autumn')].join('\n\n'),
    )
    assert.deepEqual(
      blocks.map((block) => block.kind),
      ['changed', 'added', 'changed'],
    )
  })

  test('ignores changes of blank lines only', () => {
    assert.deepEqual(
      diffParagraphs(`${p1}\n\n${p2}`, `\n${p1}\n\n\n\n${p2}\n`).map((block) => block.kind),
      ['same', 'same'],
    )
  })

  test('rebuilds both sides paragraph by paragraph', () => {
    const paragraph = fc.constantFrom(p1, p2, p3, 'Short one.', p1.replace('sea', 'river'))
    fc.assert(
      fc.property(
        fc.array(paragraph, { maxLength: 8 }),
        fc.array(paragraph, { maxLength: 8 }),
        (before, after) => {
          const blocks = diffParagraphs(before.join('\n\n'), after.join('\n\n'))
          assert.deepEqual(paragraphsOf(blocks, 'before'), before)
          assert.deepEqual(paragraphsOf(blocks, 'after'), after)
        },
      ),
    )
  })
})

describe('collapseUnchanged', () => {
  const same = (text: string): DiffBlock => ({ kind: 'same', text })
  const body = Array.from({ length: 10 }, (_, index) => same(`Paragraph ${index}.`))

  test('keeps one unchanged paragraph around each change and folds longer runs', () => {
    const blocks = [...body]
    blocks[4] = { kind: 'added', text: 'New.' }
    assert.deepEqual(collapseUnchanged(blocks), [
      { kind: 'unchanged', texts: ['Paragraph 0.', 'Paragraph 1.', 'Paragraph 2.'] },
      same('Paragraph 3.'),
      { kind: 'added', text: 'New.' },
      same('Paragraph 5.'),
      {
        kind: 'unchanged',
        texts: ['Paragraph 6.', 'Paragraph 7.', 'Paragraph 8.', 'Paragraph 9.'],
      },
    ])
  })

  test('leaves a single unchanged paragraph between changes as it is', () => {
    const blocks: DiffBlock[] = [
      { kind: 'removed', text: 'Old.' },
      same('A.'),
      same('B.'),
      same('C.'),
      { kind: 'added', text: 'New.' },
    ]
    assert.deepEqual(collapseUnchanged(blocks), blocks)
    assert.deepEqual(collapseUnchanged(blocks, { context: 0 }), [
      { kind: 'removed', text: 'Old.' },
      { kind: 'unchanged', texts: ['A.', 'B.', 'C.'] },
      { kind: 'added', text: 'New.' },
    ])
  })

  test('folds a body without changes into one marker, and an empty one into nothing', () => {
    assert.deepEqual(collapseUnchanged(body.slice(0, 3)), [
      { kind: 'unchanged', texts: ['Paragraph 0.', 'Paragraph 1.', 'Paragraph 2.'] },
    ])
    assert.deepEqual(collapseUnchanged([]), [])
  })
})
