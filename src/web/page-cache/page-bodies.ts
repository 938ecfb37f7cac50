import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Encoding } from '../plugins/content-encoding.js'

/**
 * Brotli's quality for a page's first compressed answer: fast, for pages read
 * once. On a 20 KB article page (measured): quality 2 takes 0.15 ms and sends
 * 7.3 KB; 4 takes 0.35 ms for 6.9 KB; 5, once hot, 0.52 ms for 6.6 KB.
 */
const FIRST_BROTLI_QUALITY = 2
/** Its quality once a page is read often: slower to make, a few percent smaller. */
const HOT_BROTLI_QUALITY = 5
/** Brotli answers after which a page counts as read often. */
const HOT_AFTER = 8

/** One encoding of a page, with the complete headers that go with it. */
export interface EncodedBody {
  body: Buffer
  headers: Record<string, string>
}

/** A page's body in an encoding, made the first time a client asks for it. */
export type PageBodies = (encoding: Encoding) => EncodedBody

/**
 * A cached page's bodies: identity as rendered; gzip and brotli made when a
 * client first asks for each. Most pages of a large archive are read once
 * between changes, so compressing every page both ways when it is rendered
 * (about 1.1 ms for an article) was mostly wasted. A page read often is
 * compressed again, more tightly, after an answer rather than during one.
 * `grew` is told of each byte the page's bodies add.
 */
export function pageBodies(
  identity: Buffer,
  headers: Readonly<Record<string, string>>,
  grew: (bytes: number) => void,
): PageBodies {
  const make = (encoding: 'gzip' | 'br', quality = FIRST_BROTLI_QUALITY): EncodedBody => {
    const body =
      encoding === 'gzip'
        ? gzipSync(identity, { level: 6 })
        : brotliCompressSync(identity, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: quality,
              [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
            },
          })
    return {
      body,
      headers: { ...headers, 'content-encoding': encoding, 'content-length': String(body.length) },
    }
  }
  const made: Partial<Record<Encoding, EncodedBody>> = {
    identity: {
      body: identity,
      headers: { ...headers, 'content-length': String(identity.length) },
    },
  }
  let brotliAnswers = 0

  return (encoding) => {
    let found = made[encoding]
    if (!found) {
      found = make(encoding as 'gzip' | 'br')
      made[encoding] = found
      grew(found.body.length)
    }
    if (encoding === 'br' && ++brotliAnswers === HOT_AFTER) {
      setImmediate(() => {
        const before = made.br?.body.length ?? 0
        made.br = make('br', HOT_BROTLI_QUALITY)
        grew(made.br.body.length - before)
      })
    }
    return found
  }
}
