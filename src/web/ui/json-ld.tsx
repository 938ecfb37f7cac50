/** Each object's JSON, written once: an article's structured data is kept with the article. */
const written = new WeakMap<object, string>()

/**
 * A schema.org object as JSON-LD. The script is data, never run (and so not
 * subject to the page's script policy). JSON.stringify escapes quotes; "<" is
 * escaped as well, so no value can close the element early.
 */
export function JsonLd({ data }: { data: object }) {
  let json = written.get(data)
  if (json === undefined) {
    json = JSON.stringify(data)
      .replace(/</g, '\\u003c')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029')
    written.set(data, json)
  }
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />
}
