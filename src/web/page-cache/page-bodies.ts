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
/** What each encoding kept costs beyond its bytes: its Buffer's objects and its header list. */
export const ENCODING_OVERHEAD_BYTES = 512

/** Answers in one encoding after which a page counts as read often. */
const HOT_AFTER = 8

/**
 * Response headers as `writeHead` takes them flat: name, value, name, value.
 * A page's are the headers its kind shares (held once for all its pages) and
 * its own few; as an object per page and encoding they cost a cached page
 * more than a kilobyte.
 */
export type FlatHeaders = string[]

/** The value of `name` in flat headers, if set. */
export function headerValue(headers: FlatHeaders, name: string): string | undefined {
  for (let i = 0; i < headers.length; i += 2) if (headers[i] === name) return headers[i + 1]
  return undefined
}

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
  readonly body: Buffer
  readonly headers: FlatHeaders
}

function compress(encoding: Compressed, quality: number, page: Buffer): Buffer {
  return ownBytes(
    encoding === 'gzip'
      ? gzipSync(page, { level: quality })
      : brotliCompressSync(page, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: quality,
            [constants.BROTLI_PARAM_SIZE_HINT]: page.length,
          },
        }),
  )
}

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
 * One object with its fields, not closures: a cache holds thousands.
 */
export class PageBodies {
  /** The page as rendered, until a compressed form is kept. */
  #rendered: Buffer | undefined
  #gzip: EncodedBody | undefined
  #br: EncodedBody | undefined
  #gzipAnswers = 0
  #brAnswers = 0

  /**
   * `shared` are the headers of every page of its kind and `own` this page's,
   * without its length or encoding. `grew` is told of each byte the page's
   * bodies add or drop, with the page's `key`: one function for the whole
   * cache, not a closure per page.
   */
  constructor(
    rendered: Buffer,
    private readonly shared: FlatHeaders,
    private readonly own: FlatHeaders,
    private readonly grew: (key: string, bodies: PageBodies, bytes: number) => void,
    private readonly key = '',
  ) {
    this.#rendered = rendered
  }

  /** The page in `encoding`, made the first time it is asked for. */
  in(encoding: Encoding): EncodedBody {
    if (encoding === 'identity') return this.#encoded(this.#page(), undefined)
    let found = encoding === 'gzip' ? this.#gzip : this.#br
    if (!found) {
      found = this.#encoded(compress(encoding, QUALITY[encoding].first, this.#page()), encoding)
      this.#keep(encoding, found)
      this.grew(
        this.key,
        this,
        ENCODING_OVERHEAD_BYTES + found.body.length - (this.#rendered?.length ?? 0),
      )
      this.#rendered = undefined
    }
    const answers = encoding === 'gzip' ? ++this.#gzipAnswers : ++this.#brAnswers
    if (answers === HOT_AFTER) {
      setImmediate(() => {
        const before = found.body.length
        const tighter = compress(encoding, QUALITY[encoding].hot, this.#page())
        this.#keep(encoding, this.#encoded(tighter, encoding))
        this.grew(this.key, this, tighter.length - before)
      })
    }
    return found
  }

  #keep(encoding: Compressed, body: EncodedBody): void {
    if (encoding === 'gzip') this.#gzip = body
    else this.#br = body
  }

  #page(): Buffer {
    if (this.#rendered) return this.#rendered
    if (this.#gzip) return gunzipSync(this.#gzip.body)
    if (this.#br) return brotliDecompressSync(this.#br.body)
    throw new Error('a page kept without any body')
  }

  #encoded(body: Buffer, encoding: Compressed | undefined): EncodedBody {
    const length = String(body.length)
    // concat() makes an array of the exact length; a spread grows one and keeps the slack.
    const tail = encoding
      ? ['content-encoding', encoding, 'content-length', length]
      : ['content-length', length]
    return { body, headers: this.shared.concat(this.own, tail) }
  }
}
