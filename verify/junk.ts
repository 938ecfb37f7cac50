// Bad input, generated: fast-check's strings of every kind (control characters,
// lone surrogates, emoji, right-to-left text) mixed with a list of inputs that
// have broken web apps before (broken percent-encoding, path tricks, SQL and
// template injection, numbers out of range, huge values). Seeded, so a run can
// be repeated exactly.
import fc from 'fast-check'

export const MUTATIONS: readonly string[] = [
  '',
  ' ',
  '%',
  '%%',
  '%ZZ',
  '%00',
  '%C3',
  '%E0%A4%A',
  '%2e%2e%2f',
  '..',
  '../..',
  '/',
  '//',
  '\\',
  '\u0000',
  '\uFFFF',
  '\uFFFE',
  '\uD800',
  '\u202E',
  'é',
  '𝕏',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"; DROP TABLE articles; --',
  "1' AND SLEEP(5)--",
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  '-1',
  '0',
  '1',
  '2',
  '99999999999999999999',
  '1e309',
  '0x10',
  'NaN',
  'Infinity',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '2026-02-30',
  '2026-13-01T25:61',
  'a'.repeat(300),
  'a'.repeat(5000),
  'x'.repeat(70_000),
]

/** One bad value. */
export const junk: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...MUTATIONS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3000 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
)

/** `count` values of an arbitrary, the same ones for the same seed. */
export function samples<T>(arbitrary: fc.Arbitrary<T>, count: number, seed: number): T[] {
  return fc.sample(arbitrary, { numRuns: count, seed })
}

/**
 * Text as it can stand in a request line: every byte outside printable ASCII
 * percent-encoded, and `?`, `#` and `/` too (they would change the URL's
 * shape), while a `%` already there stays, so broken escapes reach the server.
 */
export function inUrl(text: string): string {
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (char === '%' || (code > 0x20 && code < 0x7f && !'?#/ '.includes(char))) out += char
    else out += escaped(char)
  }
  return out
}

function escaped(char: string): string {
  try {
    return encodeURIComponent(char)
  } catch {
    // A lone surrogate has no UTF-8 form: sent as the bytes a careless client would send.
    return '%ED%A0%80'
  }
}
