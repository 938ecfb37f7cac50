// Characters XML 1.0 cannot carry at all, even escaped: C0 controls other than
// tab, newline and carriage return, lone surrogates, U+FFFE and U+FFFF.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text with the characters XML 1.0 cannot carry removed. */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML, '')
}

/**
 * Text made safe for XML content and attributes: characters XML cannot carry
 * are dropped, and the five markup characters become entities, so nothing in
 * the text can end an element, an attribute or a CDATA section.
 */
export function escapeXml(text: string): string {
  return xmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}
