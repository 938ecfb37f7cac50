// markdownToTextBlocks reads text with no Markdown in it without a parse. The
// shortcut must read every text it takes exactly as the parser does, and hand
// anything that could be syntax to the parser: fast-check writes texts from
// words, white space of every kind and each character Markdown gives meaning
// to, and both readings are compared.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { markdownToTextBlocks, textBlocksByParse } from '../../src/text/text-blocks.js'

const PIECES = [
  ...['council', 'harbour', 'vote', 'Tromsø', '1.', '2)', '10.5', '2020', '"quoted"', "it's"],
  ...[' ', '  ', '\n', '\n\n', '\n \n', '\t', '\r\n', '\u00A0', '\u2028', '    '],
  ...['*', '_', '`', '[', ']', '(', ')', '!', '<', '>', '&amp;', '&', '\\', '~~', '|', '#', '-'],
  ...['+', '=', '---', '===', '> [!pullquote]', '```', '<b>', 'https://x.example', '\u0000'],
]

const text = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 40 })
  .map((pieces) => pieces.join(''))

/** Mostly plain text and headings (the shortcut's), with what is syntax only at a line's start. */
const PLAIN = [
  ...['council', 'harbour', 'Tromsø', '2020', '1.', '3)', '-', '=', '#', '+', '!', '"', ':', '@'],
  ...[' ', '  ', '\n', '\n\n', '\n\n\n', '\u00A0', '\u2028', '\u3000', '{', '}', '%', '$'],
  ...['\n# ', '\n## ', '\n###### ', '\n####### ', '\n##', '## ', ' #', '#\u00A0'],
]

const plainText = fc
  .array(fc.constantFrom(...PLAIN), { maxLength: 40 })
  .map((pieces) => pieces.join(''))

describe('markdownToTextBlocks', () => {
  test('reads every text as the parser does', () => {
    for (const texts of [text, plainText]) {
      fc.assert(
        fc.property(texts, (source) => {
          assert.deepEqual(markdownToTextBlocks(source), textBlocksByParse(source))
        }),
        { numRuns: 5_000 },
      )
    }
  })

  test('plain paragraphs are read as paragraphs, white space run together', () => {
    const source = 'First line of the lead\nits second line.\n\n\n  \nThe\u00A0next  paragraph. '
    assert.deepEqual(markdownToTextBlocks(source), [
      { kind: 'paragraph', text: 'First line of the lead its second line.' },
      { kind: 'paragraph', text: 'The next paragraph.' },
    ])
  })

  test('subheadings between paragraphs are headings', () => {
    assert.deepEqual(markdownToTextBlocks('Lead.\n## A subheading\nMore.\n\n#  \n## Closed ##'), [
      { kind: 'paragraph', text: 'Lead.' },
      { kind: 'heading', text: 'A subheading' },
      { kind: 'paragraph', text: 'More.' },
      { kind: 'heading', text: 'Closed' },
    ])
  })

  test('syntax still reads as syntax', () => {
    assert.deepEqual(markdownToTextBlocks('Lead.\n\n1. first\n2. second\n\n## Later'), [
      { kind: 'paragraph', text: 'Lead.' },
      { kind: 'item', text: 'first' },
      { kind: 'item', text: 'second' },
      { kind: 'heading', text: 'Later' },
    ])
  })
})
