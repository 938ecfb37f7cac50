/** Each object's JSON-LD, written once: an article's structured data is kept with the article. */
const written = new WeakMap<object, WrittenJsonLd>()

/**
 * Structured data already written as JSON-LD: what an article's kept story
 * carries, so a page made from it parses and writes no schema.org objects.
 */
export class WrittenJsonLd {
  constructor(readonly json: string) {}
}

/**
 * A schema.org object's JSON-LD. JSON.stringify escapes quotes; "<" is
 * escaped as well, so no value can close the element early.
 */
export function writeJsonLd(data: object): WrittenJsonLd {
  let json = written.get(data)
  if (json === undefined) {
    json = new WrittenJsonLd(
      JSON.stringify(data)
        .replace(/</g, '\\u003c')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029'),
    )
    written.set(data, json)
  }
  return json
}

/**
 * A schema.org object as JSON-LD. The script is data, never run (and so not
 * subject to the page's script policy). Written JSON-LD is used as it is: it
 * was escaped by writeJsonLd when written, a kept story's when it was kept.
 */
export function JsonLd({ data }: { data: object }) {
  const { json } = data instanceof WrittenJsonLd ? data : writeJsonLd(data)
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />
}
