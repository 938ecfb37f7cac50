// Where a JSON text first goes wrong, for a message with a line and column:
// V8's own message gives an offset for some faults and none for others
// ("Unexpected token"). Run only after JSON.parse has failed; iterative, so
// that deep nesting cannot overflow the stack.

const WHITESPACE = /[ \t\n\r]/
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
// JSON strings hold no raw control characters (U+0000 to U+001F).
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y
const LITERAL = /true|false|null/y

function matchAt(pattern: RegExp, source: string, at: number): number {
  pattern.lastIndex = at
  return pattern.test(source) ? pattern.lastIndex : -1
}

/** The offset of the first character that makes `source` not JSON (its length when it ends too soon). */
export function jsonFaultOffset(source: string): number {
  let at = 0
  // What each open container expects next.
  const stack: ('array' | 'object')[] = []
  let expect: 'value' | 'key' | 'after-value' | 'value-or-close' | 'key-or-close' = 'value'
  const skip = () => {
    while (at < source.length && WHITESPACE.test(source[at] ?? '')) at++
  }
  for (;;) {
    skip()
    const char = source[at]
    if (char === undefined) return stack.length === 0 && expect === 'after-value' ? -1 : at
    if (expect === 'after-value') {
      const top = stack.at(-1)
      if (top === undefined) return at
      if (char === ',') {
        expect = top === 'array' ? 'value' : 'key'
      } else if ((char === ']' && top === 'array') || (char === '}' && top === 'object')) {
        stack.pop()
      } else return at
      at++
      continue
    }
    if (
      (expect === 'value-or-close' && char === ']') ||
      (expect === 'key-or-close' && char === '}')
    ) {
      stack.pop()
      at++
      expect = 'after-value'
      continue
    }
    if (expect === 'key' || expect === 'key-or-close') {
      const end = matchAt(STRING, source, at)
      if (end < 0) return at
      at = end
      skip()
      if (source[at] !== ':') return at
      at++
      expect = 'value'
      continue
    }
    if (char === '[' || char === '{') {
      stack.push(char === '[' ? 'array' : 'object')
      expect = char === '[' ? 'value-or-close' : 'key-or-close'
      at++
      continue
    }
    const end = Math.max(
      matchAt(STRING, source, at),
      matchAt(NUMBER, source, at),
      matchAt(LITERAL, source, at),
    )
    if (end < 0) return at
    at = end
    expect = 'after-value'
  }
}
