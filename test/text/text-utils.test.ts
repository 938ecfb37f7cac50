import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  decodeArticleFile,
  MAX_ARTICLE_FILE_BYTES,
} from '../../src/text/article-text/decode-article-file.js'
import { formatDateLine, parseDateLine } from '../../src/text/article-text/date-line.js'
import { isPersonName, joinNames, splitNames } from '../../src/text/article-text/bylines.js'
import { briefLine, truncate } from '../../src/text/brief.js'
import {
  formatLongDate,
  formatTimeOfDay,
  isValidCalendarDate,
  ordinal,
  zonedParts,
  zonedTimeToInstant,
} from '../../src/text/dates.js'
import {
  escapeMarkdownText,
  markdownToTextBlocks,
  renderMarkdown,
} from '../../src/text/markdown.js'
import { splitSentences } from '../../src/text/sentences.js'
import { isSlug, slugify } from '../../src/text/slug.js'

describe('slugify', () => {
  test('folds accents and special letters to ASCII', () => {
    assert.equal(slugify('Évora'), 'evora')
    assert.equal(slugify('Straße in Łódź, Ærø and Søby'), 'strasse-in-lodz-aero-and-soby')
    assert.equal(slugify('Ñandú café'), 'nandu-cafe')
  })

  test('drops apostrophes instead of splitting words on them', () => {
    assert.equal(slugify("Don't stop"), 'dont-stop')
    assert.equal(slugify('Cameroon’s ‘last’ ferry'), 'cameroons-last-ferry')
  })

  test('turns every other run of characters into one hyphen, none at the ends', () => {
    assert.equal(slugify('  --Hello,   World!--  '), 'hello-world')
    assert.equal(slugify('Putin, Hollande agree — on IS'), 'putin-hollande-agree-on-is')
    assert.equal(slugify('2015: 90% up'), '2015-90-up')
  })

  test('is empty for text with no letters or digits', () => {
    assert.equal(slugify(''), '')
    assert.equal(slugify('!!! — ???'), '')
    assert.equal(slugify('日本語'), '')
  })

  test('cuts long text at a word boundary', () => {
    assert.equal(slugify('alpha beta gamma delta epsilon', 20), 'alpha-beta-gamma')
    const long = slugify('word '.repeat(40))
    assert.ok(long.length <= 80)
    assert.ok(isSlug(long))
    assert.ok(!long.endsWith('-'))
    assert.match(long, /^(?:word-)*word$/)
  })

  test('cuts inside a word when no boundary is near', () => {
    assert.equal(slugify('abcdefghijklmnopqrstuvwxyz', 10), 'abcdefghij')
    assert.equal(slugify('a bcdefghijklmnopqrstuvwxyz', 10), 'a-bcdefghi')
  })

  test('produces slugs that isSlug accepts', () => {
    for (const text of ['Évora', "Don't stop", 'x'.repeat(200), 'A — B — C', '1 2 3']) {
      assert.ok(isSlug(slugify(text)), text)
    }
  })
})

describe('isSlug', () => {
  test('accepts lower-case letters, digits and single inner hyphens', () => {
    for (const slug of ['a', 'news', 'sea-wall-2026', '2015']) assert.ok(isSlug(slug), slug)
  })

  test('refuses anything else', () => {
    for (const slug of ['', '-a', 'a-', 'a--b', 'A', 'a_b', 'a b', 'é', 'a/b', 'x'.repeat(81)]) {
      assert.equal(isSlug(slug), false, slug)
    }
    assert.ok(isSlug('x'.repeat(80)))
    assert.equal(isSlug('x'.repeat(11), 10), false)
  })
})

describe('zonedTimeToInstant', () => {
  const london = 'Europe/London'
  const newYork = 'America/New_York'

  function instant(
    wall: { year: number; month: number; day: number; hour?: number; minute?: number },
    zone: string,
  ): string {
    return zonedTimeToInstant(wall, zone).toISOString()
  }

  test('converts ordinary times either side of summer time', () => {
    assert.equal(
      instant({ year: 2015, month: 11, day: 27, hour: 12 }, london),
      '2015-11-27T12:00:00.000Z',
    )
    assert.equal(
      instant({ year: 2026, month: 7, day: 1, hour: 12 }, london),
      '2026-07-01T11:00:00.000Z',
    )
    assert.equal(
      instant({ year: 2026, month: 1, day: 15, hour: 9, minute: 30 }, newYork),
      '2026-01-15T14:30:00.000Z',
    )
    assert.equal(
      instant({ year: 2026, month: 7, day: 15, hour: 9, minute: 30 }, newYork),
      '2026-07-15T13:30:00.000Z',
    )
    assert.equal(
      instant({ year: 2026, month: 1, day: 1 }, 'Asia/Kolkata'),
      '2025-12-31T18:30:00.000Z',
    )
  })

  test('handles the minutes either side of the spring-forward gap', () => {
    // London: 01:00 GMT becomes 02:00 BST on March 29th 2026.
    assert.equal(
      instant({ year: 2026, month: 3, day: 29, hour: 0, minute: 59 }, london),
      '2026-03-29T00:59:00.000Z',
    )
    assert.equal(
      instant({ year: 2026, month: 3, day: 29, hour: 2, minute: 0 }, london),
      '2026-03-29T01:00:00.000Z',
    )
    // New York: 02:00 EST becomes 03:00 EDT on March 8th 2026.
    assert.equal(
      instant({ year: 2026, month: 3, day: 8, hour: 1, minute: 59 }, newYork),
      '2026-03-08T06:59:00.000Z',
    )
    assert.equal(
      instant({ year: 2026, month: 3, day: 8, hour: 3, minute: 0 }, newYork),
      '2026-03-08T07:00:00.000Z',
    )
  })

  test('puts a wall time inside the gap after the gap, whatever the zone', () => {
    // 01:30 does not exist in London that night: it is read as 02:30 BST.
    const inLondon = zonedTimeToInstant(
      { year: 2026, month: 3, day: 29, hour: 1, minute: 30 },
      london,
    )
    assert.equal(inLondon.toISOString(), '2026-03-29T01:30:00.000Z')
    assert.equal(zonedParts(inLondon, london).hour, 2)
    // 02:30 does not exist in New York that night: it is read as 03:30 EDT.
    const inNewYork = zonedTimeToInstant(
      { year: 2026, month: 3, day: 8, hour: 2, minute: 30 },
      newYork,
    )
    assert.equal(inNewYork.toISOString(), '2026-03-08T07:30:00.000Z')
    assert.deepEqual(
      [zonedParts(inNewYork, newYork).hour, zonedParts(inNewYork, newYork).minute],
      [3, 30],
    )
    // A half-hour shift (Lord Howe Island) works the same way.
    const lordHowe = 'Australia/Lord_Howe'
    const inLordHowe = zonedTimeToInstant(
      { year: 2026, month: 10, day: 4, hour: 2, minute: 15 },
      lordHowe,
    )
    assert.deepEqual(
      [zonedParts(inLordHowe, lordHowe).hour, zonedParts(inLordHowe, lordHowe).minute],
      [2, 45],
    )
  })

  test('gives an instant that shows the wall time in the fall-back hour', () => {
    for (const [zone, wall] of [
      [london, { year: 2026, month: 10, day: 25, hour: 1, minute: 30 }],
      [newYork, { year: 2026, month: 11, day: 1, hour: 1, minute: 30 }],
    ] as const) {
      const parts = zonedParts(zonedTimeToInstant(wall, zone), zone)
      assert.deepEqual(
        {
          year: parts.year,
          month: parts.month,
          day: parts.day,
          hour: parts.hour,
          minute: parts.minute,
        },
        wall,
        zone,
      )
    }
  })

  test('round-trips through zonedParts for every hour of a DST-change day', () => {
    for (const zone of [london, newYork]) {
      for (const day of [8, 29]) {
        const month = 3
        for (let hour = 0; hour < 24; hour++) {
          const wall = { year: 2026, month, day, hour, minute: 15 }
          const parts = zonedParts(zonedTimeToInstant(wall, zone), zone)
          const inGap =
            (zone === london && day === 29 && hour === 1) ||
            (zone === newYork && day === 8 && hour === 2)
          assert.equal(parts.hour, inGap ? hour + 1 : hour, `${zone} ${day} ${hour}:15`)
          assert.equal(parts.minute, 15)
          assert.equal(parts.day, day)
        }
      }
    }
  })
})

describe('zonedParts', () => {
  test('reads the wall clock of an instant, midnight as hour 0', () => {
    assert.deepEqual(zonedParts(new Date('2015-11-27T00:00:00Z'), 'UTC'), {
      year: 2015,
      month: 11,
      day: 27,
      hour: 0,
      minute: 0,
      second: 0,
      weekday: 5,
    })
    const tokyo = zonedParts(new Date('2015-11-27T23:30:45Z'), 'Asia/Tokyo')
    assert.deepEqual(tokyo, {
      year: 2015,
      month: 11,
      day: 28,
      hour: 8,
      minute: 30,
      second: 45,
      weekday: 6,
    })
  })

  test('reads what Intl reads at every hour of a year, across each transition', () => {
    // Zones with summer time on either side of the equator, half an hour of it (Lord Howe),
    // and offsets of a quarter hour (Kathmandu, Chatham).
    const zones = [
      'Europe/London',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
    ]
    const HOUR = 3_600_000
    const start = Date.UTC(2026, 0, 1)
    for (const timeZone of zones) {
      const intl = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      })
      for (let hour = 0; hour < 366 * 24; hour++) {
        // Off the quarter hour, so each hour's instant falls between two of them.
        const instant = new Date(start + hour * HOUR + 7 * 60_000 + 13_000)
        const expected = Object.fromEntries(
          intl.formatToParts(instant).map((part) => [part.type, part.value]),
        )
        const parts = zonedParts(instant, timeZone)
        assert.deepEqual(
          [parts.year, parts.month, parts.day, parts.hour, parts.minute],
          [expected.year, expected.month, expected.day, expected.hour, expected.minute].map(Number),
          `${timeZone} at ${instant.toISOString()}`,
        )
      }
    }
  })
})

describe('formatTimeOfDay', () => {
  test('writes what Intl writes at every hour of a year, in each zone and locale', () => {
    // Summer time both sides of the equator and by half an hour, quarter-hour offsets; locales
    // that put the zone first (zh), name it in their own script (ar) or write other digits (ar-EG).
    const zones = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu']
    const locales = ['en', 'en-GB', 'fr', 'zh', 'ar', 'ar-EG']
    const HOUR = 3_600_000
    const start = Date.UTC(2026, 0, 1)
    for (const timeZone of zones) {
      for (const locale of locales) {
        const intl = new Intl.DateTimeFormat(locale, {
          timeZone,
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZoneName: 'short',
        })
        for (let hour = 0; hour < 366 * 24; hour += 5) {
          const instant = new Date(start + hour * HOUR + (hour % 60) * 60_000)
          assert.equal(
            formatTimeOfDay(instant, { timeZone, locale }),
            intl.format(instant),
            `${locale} in ${timeZone} at ${instant.toISOString()}`,
          )
        }
      }
    }
  })
})

describe('formatLongDate', () => {
  const en = { timeZone: 'Europe/London', locale: 'en' }

  test('writes the date as the archive form does', () => {
    assert.equal(formatLongDate(new Date('2015-11-27T12:00:00Z'), en), 'Friday, November 27th 2015')
    assert.equal(
      formatLongDate(new Date('2015-11-27T12:00:00Z'), { timeZone: 'UTC', locale: 'en-GB' }),
      'Friday, November 27th 2015',
    )
  })

  test('uses English ordinals', () => {
    const expected: Record<number, string> = {
      1: '1st',
      2: '2nd',
      3: '3rd',
      4: '4th',
      11: '11th',
      12: '12th',
      13: '13th',
      21: '21st',
      22: '22nd',
      23: '23rd',
      24: '24th',
      30: '30th',
      31: '31st',
    }
    for (const [day, suffix] of Object.entries(expected)) {
      const text = formatLongDate(new Date(Date.UTC(2015, 0, Number(day), 12)), en)
      assert.match(text, new RegExp(`^\\w+, January ${suffix} 2015$`), text)
      assert.equal(ordinal(Number(day)), suffix)
    }
    assert.equal(ordinal(111), '111th')
    assert.equal(ordinal(101), '101st')
  })

  test('names the day in the site time zone, not UTC', () => {
    const instant = new Date('2015-11-27T23:30:00Z')
    assert.equal(formatLongDate(instant, en), 'Friday, November 27th 2015')
    assert.equal(
      formatLongDate(instant, { timeZone: 'Asia/Tokyo', locale: 'en' }),
      'Saturday, November 28th 2015',
    )
    assert.equal(
      formatLongDate(new Date('2015-11-28T05:00:00Z'), {
        timeZone: 'America/Los_Angeles',
        locale: 'en-US',
      }),
      'Friday, November 27th 2015',
    )
  })

  test("uses the locale's full date style for other languages", () => {
    const instant = new Date('2015-11-27T12:00:00Z')
    assert.equal(
      formatLongDate(instant, { timeZone: 'Europe/Paris', locale: 'fr' }),
      'vendredi 27 novembre 2015',
    )
    assert.equal(
      formatLongDate(instant, { timeZone: 'Europe/Berlin', locale: 'de' }),
      'Freitag, 27. November 2015',
    )
  })
})

describe('isValidCalendarDate', () => {
  test('knows month lengths and leap years', () => {
    assert.ok(isValidCalendarDate({ year: 2016, month: 2, day: 29 }))
    assert.ok(isValidCalendarDate({ year: 2000, month: 2, day: 29 }))
    assert.equal(isValidCalendarDate({ year: 2015, month: 2, day: 29 }), false)
    assert.equal(isValidCalendarDate({ year: 1900, month: 2, day: 29 }), false)
    assert.equal(isValidCalendarDate({ year: 2015, month: 2, day: 30 }), false)
    assert.ok(isValidCalendarDate({ year: 2015, month: 12, day: 31 }))
    assert.equal(isValidCalendarDate({ year: 2015, month: 4, day: 31 }), false)
  })

  test('refuses out-of-range and non-integer parts', () => {
    for (const date of [
      { year: 2015, month: 0, day: 1 },
      { year: 2015, month: 13, day: 1 },
      { year: 2015, month: 1, day: 0 },
      { year: 999, month: 1, day: 1 },
      { year: 10000, month: 1, day: 1 },
      { year: 2015.5, month: 1, day: 1 },
      { year: 2015, month: 1, day: Number.NaN },
    ]) {
      assert.equal(isValidCalendarDate(date), false, JSON.stringify(date))
    }
    assert.ok(isValidCalendarDate({ year: 1000, month: 1, day: 1 }))
    assert.ok(isValidCalendarDate({ year: 9999, month: 12, day: 31 }))
  })
})

describe('parseDateLine and formatDateLine', () => {
  test('read the archive form, with or without the weekday and suffix', () => {
    const friday = {
      kind: 'date',
      date: { year: 2015, month: 11, day: 27 },
      weekdayMismatch: false,
    }
    assert.deepEqual(parseDateLine('Friday, November 27th 2015'), friday)
    assert.deepEqual(parseDateLine('  november 27 2015 '), friday)
    assert.deepEqual(parseDateLine('FRIDAY November 27, 2015'), friday)
  })

  test('flag a weekday that does not match', () => {
    assert.deepEqual(parseDateLine('Monday, November 27th 2015'), {
      kind: 'date',
      date: { year: 2015, month: 11, day: 27 },
      weekdayMismatch: true,
    })
  })

  test('call a day that does not exist invalid', () => {
    assert.equal(parseDateLine('Monday, February 30th 2015')?.kind, 'invalid')
    assert.equal(parseDateLine('Sunday, February 29th 2015')?.kind, 'invalid')
  })

  test('ignore lines that are not date lines', () => {
    for (const line of [
      '',
      'Friday',
      'Fryday, November 27th 2015',
      'Friday, Novembre 27th 2015',
      'November 27th',
      'On November 27th 2015 the council met',
      '27/11/2015',
    ]) {
      assert.equal(parseDateLine(line), undefined, line)
    }
  })

  test('formatDateLine writes what parseDateLine reads', () => {
    assert.equal(formatDateLine({ year: 2015, month: 11, day: 27 }), 'Friday, November 27th 2015')
    assert.equal(formatDateLine({ year: 2026, month: 3, day: 1 }), 'Sunday, March 1st 2026')
    for (const date of [
      { year: 1000, month: 1, day: 1 },
      { year: 2016, month: 2, day: 29 },
      { year: 9999, month: 12, day: 31 },
    ]) {
      assert.deepEqual(parseDateLine(formatDateLine(date)), {
        kind: 'date',
        date,
        weekdayMismatch: false,
      })
    }
  })
})

describe('bylines grammar', () => {
  test('splitNames reads "A", "A and B", "A, B and C" and "A & B"', () => {
    assert.deepEqual(splitNames('Ana Lind'), ['Ana Lind'])
    assert.deepEqual(splitNames('Ana Lind and Omar Haddad'), ['Ana Lind', 'Omar Haddad'])
    assert.deepEqual(splitNames('Ana Lind, Omar Haddad and Zoe Adams'), [
      'Ana Lind',
      'Omar Haddad',
      'Zoe Adams',
    ])
    assert.deepEqual(splitNames('Ana Lind, Omar Haddad, and Zoe Adams'), [
      'Ana Lind',
      'Omar Haddad',
      'Zoe Adams',
    ])
    assert.deepEqual(splitNames('Ana Lind & Omar Haddad'), ['Ana Lind', 'Omar Haddad'])
    assert.deepEqual(splitNames('By Ana Lind'), ['Ana Lind'])
  })

  test('splitNames refuses prose', () => {
    for (const text of [
      '',
      'the council said',
      'Ana Lind and the mayor',
      'Ana 2 Lind',
      'A B C D E F',
    ]) {
      assert.equal(splitNames(text), undefined, text)
    }
    assert.equal(
      splitNames(Array.from({ length: 13 }, (_, i) => `Name${'a'.repeat(i)}`).join(', ')),
      undefined,
    )
  })

  test('isPersonName allows particles after the first word only', () => {
    for (const name of [
      'Ursula von der Leyen',
      "Siobhan O'Neill",
      'Jean-Luc Morel',
      'J. Lind',
      'Rasa Petraitė',
    ]) {
      assert.ok(isPersonName(name), name)
    }
    for (const name of ['von Braun', 'ana Lind', 'Ana  Lind', '']) {
      assert.equal(isPersonName(name), false, name)
    }
  })

  test('joinNames writes what splitNames reads', () => {
    assert.equal(joinNames([]), '')
    assert.equal(joinNames(['Ana Lind']), 'Ana Lind')
    assert.equal(joinNames(['Ana Lind', 'Omar Haddad']), 'Ana Lind and Omar Haddad')
    const three = ['Ana Lind', 'Omar Haddad', 'Zoe Adams']
    assert.equal(joinNames(three), 'Ana Lind, Omar Haddad and Zoe Adams')
    assert.deepEqual(splitNames(joinNames(three)), three)
  })
})

describe('splitSentences', () => {
  test('splits at full stops, question and exclamation marks before a capital or digit', () => {
    assert.deepEqual(
      splitSentences('The vote passed. Residents cheered! Was it close? 44 to 39.'),
      ['The vote passed.', 'Residents cheered!', 'Was it close?', '44 to 39.'],
    )
  })

  test('does not split after abbreviations or initials', () => {
    assert.deepEqual(splitSentences('Dr. Okafor met Mr. Lind on Jan. 5. They spoke.'), [
      'Dr. Okafor met Mr. Lind on Jan. 5.',
      'They spoke.',
    ])
    assert.deepEqual(splitSentences('The report by J. K. Moen was late. It came out today.'), [
      'The report by J. K. Moen was late.',
      'It came out today.',
    ])
  })

  test('keeps closing quotes with their sentence', () => {
    assert.deepEqual(
      splitSentences('"We will stay out," he said. "They know where to find us." Then he left.'),
      ['"We will stay out," he said.', '"They know where to find us."', 'Then he left.'],
    )
  })

  test('does not split inside numbers or before lower case', () => {
    assert.deepEqual(splitSentences('It cost 5.5 million. e.g. not a new sentence'), [
      'It cost 5.5 million. e.g. not a new sentence',
    ])
    assert.deepEqual(splitSentences(''), [])
    assert.deepEqual(splitSentences('   '), [])
  })
})

describe('truncate', () => {
  test('leaves short text alone', () => {
    assert.equal(truncate('short', 10), 'short')
    assert.equal(truncate('exactly 10', 10), 'exactly 10')
  })

  test('cuts at a word boundary, drops trailing punctuation and marks the cut', () => {
    assert.equal(truncate('The quick brown fox jumps over the lazy dog', 20), 'The quick brown…')
    assert.equal(truncate('Hello, world. Again and again', 14), 'Hello, world…')
  })

  test('cuts inside a word when the only boundary is too early', () => {
    assert.equal(truncate('Supercalifragilisticexpialidocious', 10), 'Supercali…')
    assert.equal(truncate('A supercalifragilistic', 10), 'A superca…')
  })

  test('never returns more than max characters', () => {
    const text = 'word '.repeat(100)
    for (const max of [5, 10, 17, 50, 220]) {
      const cut = truncate(text, max)
      assert.ok(cut.length <= max, `${max}: ${cut.length}`)
      assert.ok(cut.endsWith('…'))
    }
  })
})

describe('briefLine', () => {
  test('uses the standfirst first', () => {
    assert.equal(
      briefLine({ standfirst: 'The standfirst.', keyPoints: ['A point.'], body: 'Body.' }),
      'The standfirst.',
    )
  })

  test('shortens a long standfirst to 220 characters', () => {
    const line = briefLine({ standfirst: 'word '.repeat(80).trim(), keyPoints: [], body: '' })
    assert.ok(line.length <= 220)
    assert.ok(line.endsWith('…'))
  })

  test('falls back to the first key point', () => {
    assert.equal(
      briefLine({ standfirst: '', keyPoints: ['First point.', 'Second.'], body: 'Body.' }),
      'First point.',
    )
  })

  test('falls back to the first sentence of the first paragraph, as plain text', () => {
    assert.equal(
      briefLine({
        standfirst: '',
        keyPoints: [],
        body: '## A subheading\n\nDr. Okafor spoke to **reporters**. Then she left.',
      }),
      'Dr. Okafor spoke to reporters.',
    )
    assert.equal(
      briefLine({ standfirst: '', keyPoints: [], body: 'Prices rose 5 \\* 3\\. Then fell.' }),
      'Prices rose 5 * 3.',
    )
  })

  test('is empty when there is nothing to say', () => {
    assert.equal(briefLine({ standfirst: '', keyPoints: [], body: '' }), '')
    assert.equal(briefLine({ standfirst: '', keyPoints: [], body: '## Only a heading' }), '')
  })
})

describe('decodeArticleFile', () => {
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text)

  test('decodes UTF-8 text', () => {
    const decoded = decodeArticleFile(encode('Headline ünïcödé\n\nBody 🙂\n'))
    assert.deepEqual(decoded, { ok: true, text: 'Headline ünïcödé\n\nBody 🙂\n' })
  })

  test('drops a byte-order mark', () => {
    const decoded = decodeArticleFile(new Uint8Array([0xef, 0xbb, 0xbf, ...encode('Headline\n')]))
    assert.deepEqual(decoded, { ok: true, text: 'Headline\n' })
  })

  test('refuses empty and whitespace-only files', () => {
    for (const bytes of [new Uint8Array(0), encode(' \n\t\r\n  ')]) {
      const decoded = decodeArticleFile(bytes)
      assert.equal(decoded.ok, false)
      if (!decoded.ok) assert.match(decoded.reason, /empty/)
    }
  })

  test('refuses a file with a NUL byte as binary', () => {
    const decoded = decodeArticleFile(new Uint8Array([...encode('Headline'), 0, ...encode('x')]))
    assert.equal(decoded.ok, false)
    if (!decoded.ok) assert.match(decoded.reason, /binary/)
  })

  test('refuses text that is not UTF-8', () => {
    for (const bytes of [
      new Uint8Array([0x48, 0xff, 0x48]),
      new Uint8Array([0xc3]), // truncated sequence
      new Uint8Array([0x43, 0x61, 0x66, 0xe9]), // "Café" in Latin-1
      new Uint8Array([0xed, 0xa0, 0x80]), // an encoded surrogate
    ]) {
      const decoded = decodeArticleFile(bytes)
      assert.equal(decoded.ok, false)
      if (!decoded.ok) assert.match(decoded.reason, /UTF-8/)
    }
  })

  test('accepts 1 MiB and refuses a byte more', () => {
    const limit = new Uint8Array(MAX_ARTICLE_FILE_BYTES).fill(0x61)
    assert.equal(MAX_ARTICLE_FILE_BYTES, 1024 * 1024)
    assert.equal(decodeArticleFile(limit).ok, true)
    const over = new Uint8Array(MAX_ARTICLE_FILE_BYTES + 1).fill(0x61)
    const decoded = decodeArticleFile(over)
    assert.equal(decoded.ok, false)
    if (!decoded.ok) assert.match(decoded.reason, /too large/)
  })
})

describe('renderMarkdown', () => {
  test('escapes raw HTML instead of passing it through', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>')
    assert.ok(!html.includes('<script'))
    assert.ok(!html.includes('<img'))
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'))
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'))
  })

  test('does not link javascript:, vbscript: or data: URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'vbscript:x',
      'data:text/html,x',
    ]) {
      const html = renderMarkdown(`[click](${url})`)
      assert.ok(!html.includes('<a'), html)
      assert.ok(!/href/i.test(html), html)
    }
    assert.equal(renderMarkdown('[ok](/politics)'), '<p><a href="/politics">ok</a></p>\n')
  })

  test('keeps same-site images and turns other images into their description', () => {
    assert.equal(renderMarkdown('![A harbour](https://cdn.example/x.png)'), '<p>A harbour</p>\n')
    assert.equal(renderMarkdown('![A harbour](//cdn.example/x.png)'), '<p>A harbour</p>\n')
    assert.equal(renderMarkdown('![<b>](http://x.example/y.png)'), '<p>&lt;b&gt;</p>\n')
    assert.equal(
      renderMarkdown('![A harbour](/media/harbour.png)'),
      '<p><img src="/media/harbour.png" alt="A harbour"></p>\n',
    )
  })

  test('demotes body h1 headings so the headline stays the only h1', () => {
    const html = renderMarkdown('# Top\n\nText\n\nSetext\n======\n\n## Sub\n\n### Deeper')
    assert.ok(!html.includes('<h1'))
    assert.equal(html.match(/<h2>/g)?.length, 3)
    assert.ok(html.includes('<h2>Top</h2>'))
    assert.ok(html.includes('<h2>Setext</h2>'))
    assert.ok(html.includes('<h3>Deeper</h3>'))
  })

  test('opens the first paragraph with the dateline, escaped', () => {
    assert.equal(
      renderMarkdown('The lead.\n\nMore.', { dateline: 'MOSCOW, RUSSIA' }),
      '<p><span class="dateline">MOSCOW, RUSSIA</span> — The lead.</p>\n<p>More.</p>\n',
    )
    assert.equal(
      renderMarkdown('The lead.', { dateline: "ST. JOHN'S <B>&" }),
      '<p><span class="dateline">ST. JOHN\'S &lt;B&gt;&amp;</span> — The lead.</p>\n',
    )
  })

  test('puts the dateline in its own paragraph when the body opens with something else', () => {
    assert.equal(
      renderMarkdown('## First\n\nText.', { dateline: 'OSLO' }),
      '<p><span class="dateline">OSLO</span></p>\n<h2>First</h2>\n<p>Text.</p>\n',
    )
  })

  test('has no dateline when none is given', () => {
    assert.equal(renderMarkdown('The lead.'), '<p>The lead.</p>\n')
    assert.equal(renderMarkdown('The lead.', { dateline: '' }), '<p>The lead.</p>\n')
  })

  test('uses smart quotes but leaves the writer’s other characters alone', () => {
    assert.equal(
      renderMarkdown('"Yes," she said -- it\'s (c) 1999...'),
      '<p>“Yes,” she said -- it’s (c) 1999...</p>\n',
    )
  })
})

describe('escapeMarkdownText', () => {
  const awkward = [
    '*not emphasis*',
    '**not bold**',
    '_not em_ and __init__',
    '# not a heading',
    '## nor this ##',
    '1. not a list',
    '2) nor this',
    '- not an item',
    '+ nor this',
    '> not a quote',
    '= not a setext underline',
    '---',
    '[not a link](https://example.com)',
    '![not an image](/a.png)',
    '<b>not html</b>',
    '<https://not.an.autolink>',
    '&amp; &lt; &#60; &#x3C; &copy; written out',
    'a \\ backslash and a \\* escaped star',
    '`not code`',
    '```',
    '~~not struck~~',
    'a | b | c',
    'ends with a backslash \\',
    '10 & more < 20 > 5',
  ]

  test('gives Markdown whose text is exactly the input', () => {
    for (const text of awkward) {
      assert.deepEqual(
        markdownToTextBlocks(escapeMarkdownText(text)),
        [{ kind: 'paragraph', text }],
        text,
      )
    }
  })

  test('renders as a single plain paragraph', () => {
    for (const text of awkward) {
      const html = renderMarkdown(escapeMarkdownText(text))
      assert.match(html, /^<p>[^<]*<\/p>\n$/, `${text} → ${html}`)
    }
  })

  test('leaves ordinary prose alone', () => {
    const prose = 'The council voted 44 to 39 on Tuesday, after a three-hour debate.'
    assert.equal(escapeMarkdownText(prose), prose)
  })
})

describe('markdownToTextBlocks', () => {
  test('returns each block as plain text with its kind', () => {
    const source = [
      '# Heading with *emphasis*',
      'A [linked](/x) paragraph with `code` and ![an image](/a.png).',
      '> A quotation',
      '- first item',
      '- second item',
      '',
      '```',
      'line one',
      '',
      'line two',
      '```',
    ].join('\n\n')
    assert.deepEqual(markdownToTextBlocks(source), [
      { kind: 'heading', text: 'Heading with emphasis' },
      { kind: 'paragraph', text: 'A linked paragraph with code and an image.' },
      { kind: 'quote', text: 'A quotation' },
      { kind: 'item', text: 'first item' },
      { kind: 'item', text: 'second item' },
      { kind: 'paragraph', text: 'line one' },
      { kind: 'paragraph', text: 'line two' },
    ])
  })

  test('is empty for an empty body', () => {
    assert.deepEqual(markdownToTextBlocks(''), [])
  })
})
