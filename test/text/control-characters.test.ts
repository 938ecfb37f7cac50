// The control-character sets, each exactly: every caller relies on what is kept
// (tab, line feed, direction marks) as much as on what is removed.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import {
  asWrittenLine,
  asWrittenText,
  controlsAsSpaces,
  hasControlBesideSpaces,
  withoutControls,
  withoutInvisibles,
  withoutLineControls,
} from '../../src/text/control-characters.js'

const code = (n: number) => String.fromCodePoint(n)
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => code(from + index))

const C0 = range(0x00, 0x1f)
const C1 = range(0x7f, 0x9f)
const CONTROLS = [...C0, ...C1]
const WHITE_SPACE_CONTROLS = ['\t', '\n', '\r']

describe('control characters', () => {
  test('withoutControls removes every C0 and C1 control, DEL included, and nothing else', () => {
    assert.equal(withoutControls(`a${CONTROLS.join('')}b`), 'ab')
    assert.equal(withoutControls('sjø\u00A0\u200Bwall\u202E'), 'sjø\u00A0\u200Bwall\u202E')
  })

  test('controlsAsSpaces turns each control into one space', () => {
    assert.equal(controlsAsSpaces('sea\u0000wall\tnow\u0085'), 'sea wall now ')
    assert.equal(controlsAsSpaces(CONTROLS.join('')), ' '.repeat(CONTROLS.length))
  })

  test('hasControlBesideSpaces ignores tab, line feed and carriage return only', () => {
    for (const character of CONTROLS) {
      assert.equal(
        hasControlBesideSpaces(`sea${character}wall`),
        !WHITE_SPACE_CONTROLS.includes(character),
        `U+${character.codePointAt(0)?.toString(16)}`,
      )
    }
    assert.equal(hasControlBesideSpaces('sea wall\u200B'), false)
    // Asked twice in a row, the same answer (no state kept between calls).
    assert.equal(hasControlBesideSpaces('a\u0001'), true)
    assert.equal(hasControlBesideSpaces('a\u0001'), true)
  })

  test('withoutLineControls keeps tab and line feed; drops zero-width spaces and BOMs, not direction marks', () => {
    assert.equal(withoutLineControls(`a\t${code(0)}\r${code(0x7f)}${code(0x9f)}b`), 'a\tb')
    assert.equal(withoutLineControls('a\nb'), 'a\nb')
    assert.equal(withoutLineControls('a\u200Bb\uFEFF'), 'ab')
    assert.equal(withoutLineControls('שלום\u200F abc'), 'שלום\u200F abc')
  })

  test('withoutInvisibles also drops joiners, direction marks, overrides and isolates', () => {
    const invisible = [...range(0x200b, 0x200f), ...range(0x202a, 0x202e), ...range(0x2066, 0x2069)]
    assert.equal(withoutInvisibles(`Ann${invisible.join('')}\uFEFF\u0007 Lee`), 'Ann Lee')
    assert.equal(withoutInvisibles('line one\n\tline two'), 'line one\n\tline two')
    assert.equal(withoutInvisibles('a\rb'), 'ab')
  })

  test('what is removed never comes back, and text without controls is untouched', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        for (const clean of [withoutControls, withoutLineControls, withoutInvisibles]) {
          assert.equal(clean(clean(text)), clean(text))
        }
        assert.equal(hasControlBesideSpaces(withoutControls(text)), false)
        const plain = withoutInvisibles(withoutControls(text))
        assert.equal(withoutControls(plain), plain)
      }),
    )
  })

  test('asWrittenLine: breaks and tabs as spaces; other controls, U+FFFE, U+FFFF and lone surrogates gone', () => {
    assert.equal(asWrittenLine('Sea\r\nwall\tnow\nand\rthen'), 'Sea wall now and then')
    assert.equal(asWrittenLine(`a${CONTROLS.filter((c) => !'\t\n\r'.includes(c)).join('')}b`), 'ab')
    assert.equal(asWrittenLine('a\uFFFE\uFFFFb\uD800c\uDC00d'), 'abcd')
    // Kept: surrogate pairs, direction marks, the replacement character, no-break space.
    assert.equal(
      asWrittenLine('\u{1F30A} שלום\u200F \uFFFD\u00A0'),
      '\u{1F30A} שלום\u200F \uFFFD\u00A0',
    )
  })

  test('asWrittenText: line endings as line feeds, tabs kept, the rest as asWrittenLine', () => {
    assert.equal(asWrittenText('one\r\ntwo\rthree\n\tfour'), 'one\ntwo\nthree\n\tfour')
    assert.equal(asWrittenText(`a${code(0)}${code(0x1b)}${code(0x85)}\uFFFF b`), 'a b')
  })

  test('written text holds nothing XML cannot carry, and cleaning twice changes nothing', () => {
    // eslint-disable-next-line no-control-regex -- what XML 1.0 cannot carry
    const notXml = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        for (const clean of [asWrittenLine, asWrittenText]) {
          const once = clean(text)
          assert.equal(clean(once), once)
          assert.doesNotMatch(once, notXml)
          assert.equal(hasControlBesideSpaces(once), false)
        }
        assert.doesNotMatch(asWrittenLine(text), /[\r\n\t]/)
      }),
    )
  })
})
