import {
  brotliCompressSync,
  brotliDecompressSync,
  constants,
  gunzipSync,
  gzipSync,
} from 'node:zlib'
import type { Encoding } from '../plugins/content-encoding.js'

type Compressed = 'gzip' | 'br'

/**
 * How hard a page is compressed the first time (fast: most pages of an
 * archive are read once between changes) and once it is read often (a few
 * percent smaller, made after an answer rather than during one). Measured on
 * a 20 KB article page: brotli 2 takes 0.15 ms and sends 7.3 KB, 4 takes
 * 0.35 ms for 6.9 KB, 5 (hot) 0.52 ms for 6.6 KB; gzip 2 takes 0.30 ms for
 * 7.4 KB, 6 (hot) 0.50 ms for 7.1 KB (on a 63 KB page, 0.44 and 0.88 ms).
 */
const QUALITY: Record<Compressed, { first: number; hot: number }> = {
  br: { first: 2, hot: 5 },
  gzip: { first: 2, hot: 6 },
}
/** Answers in one encoding after which a page counts as read often. */
const HOT_AFTER = 8

/**
 * The bytes alone. zlib answers with a view of its 16 KB output chunk, so a
 * kept 7 KB page held 16 KB while the cache counted 7.
 */
function ownBytes(buffer: Buffer): Buffer {
  if (buffer.byteOffset === 0 && buffer.buffer.byteLength === buffer.length) return buffer
  const own = Buffer.allocUnsafeSlow(buffer.length)
  buffer.copy(own)
  return own
}

/** One encoding of a page, with the complete headers that go with it. */
export interface EncodedBody {
  body: Buffer
  headers: Record<string, string>
}

/** A page's body in an encoding, made the first time a client asks for it. */
export type PageBodies = (encoding: Encoding) => EncodedBody

/**
 * A cached page's bodies: gzip and brotli, each made when a client first asks
 * for it, and the page as rendered only until then. Most pages of a large
 * archive are read once between changes, so compressing every page both ways
 * when it is rendered (about 1.1 ms for an article) was mostly wasted; and
 * nearly every client asks for a compressed page, so keeping the rendered
 * page beside it held three times the bytes (a 20 KB article is 7 KB in
 * gzip). A client that asks for neither, and a second encoding, get the page
 * back by decompressing the first (about 0.05 ms). A page read often is
 * compressed again, more tightly, after an answer rather than during one.
 * `grew` is told of each byte the page's bodies add or drop.
 */
export function pageBodies(
  identity: Buffer,
  headers: Readonly<Record<string, string>>,
  grew: (bytes: number) => void,
): PageBodies {
  const make = (encoding: Compressed, quality: number, page: Buffer): EncodedBody => {
    const body = ownBytes(
      encoding === 'gzip'
        ? gzipSync(page, { level: quality })
        : brotliCompressSync(page, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: quality,
              [constants.BROTLI_PARAM_SIZE_HINT]: page.length,
            },
          }),
    )
    return {
      body,
      headers: { ...headers, 'content-encoding': encoding, 'content-length': String(body.length) },
    }
  }
  const plainHeaders = { ...headers, 'content-length': String(identity.length) }
  /** The page as rendered, until a compressed form is kept. */
  let kept: Buffer | undefined = identity
  const made: Partial<Record<Compressed, EncodedBody>> = {}
  const answers: Record<Compressed, number> = { br: 0, gzip: 0 }

  const rendered = (): Buffer => {
    if (kept) return kept
    const gzip = made.gzip
    if (gzip) return gunzipSync(gzip.body)
    const br = made.br
    if (!br) throw new Error('a page kept without any body')
    return brotliDecompressSync(br.body)
  }

  return (encoding) => {
    if (encoding === 'identity') return { body: rendered(), headers: plainHeaders }
    let found = made[encoding]
    if (!found) {
      found = make(encoding, QUALITY[encoding].first, rendered())
      made[encoding] = found
      grew(found.body.length - (kept?.length ?? 0))
      kept = undefined
    }
    if (++answers[encoding] === HOT_AFTER) {
      setImmediate(() => {
        const before = made[encoding]?.body.length ?? 0
        const tighter = make(encoding, QUALITY[encoding].hot, rendered())
        made[encoding] = tighter
        grew(tighter.body.length - before)
      })
    }
    return found
  }
}
