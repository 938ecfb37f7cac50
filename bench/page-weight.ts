// What a page weighs as a browser gets it, and what the home page links to.
import { get } from 'node:http'
import { brotliDecompressSync } from 'node:zlib'

/** Bytes on the wire of one response, as a browser asking for brotli gets it. */
export function wireBytes(url: string): Promise<{ bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'br' } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const raw = Buffer.concat(chunks)
        const encoded = response.headers['content-encoding'] === 'br'
        resolve({ bytes: raw.length, body: (encoded ? brotliDecompressSync(raw) : raw).toString() })
      })
      response.on('error', reject)
    }).on('error', reject)
  })
}

/** A page's own bytes: its HTML, stylesheet and scripts (pictures are the media's, counted apart). */
export async function pageWeight(
  base: string,
  path: string,
): Promise<{ html: number; css: number; js: number }> {
  const page = await wireBytes(base + path)
  const css = [...page.body.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)]
  const js = [...page.body.matchAll(/<script src="([^"]+)"/g)]
  const sum = async (matches: RegExpMatchArray[]) =>
    (await Promise.all(matches.map((match) => wireBytes(base + (match[1] ?? ''))))).reduce(
      (total, file) => total + file.bytes,
      0,
    )
  return { html: page.bytes, css: await sum(css), js: await sum(js) }
}

/** Distinct stories a page links to. */
export async function storiesLinked(url: string): Promise<number> {
  const body = (await wireBytes(url)).body
  return new Set(
    [...body.matchAll(/href="(\/\d{4}\/\d{2}\/\d{2}\/[^"#]+)"/g)].map((match) => match[1]),
  ).size
}
