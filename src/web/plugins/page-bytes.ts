import type { FastifyReply } from 'fastify'
import { Readable } from 'node:stream'

/**
 * A page as the pieces of UTF-8 it is made of: kept HTML and what fills its
 * holes (a form's token). Sent as they are, never copied into one Buffer per
 * request: a fresh 60 KB Buffer per answer is memory outside V8's heap that
 * counts towards V8's next full collection. With the server's small heap
 * growth (heap-growth.ts) that copy set off one every few dozen answers, and
 * an uncached article with 50 comments cost more than twice the CPU it does
 * without it.
 */
export class PageBytes {
  readonly byteLength: number

  constructor(readonly pieces: readonly Buffer[]) {
    this.byteLength = pieces.reduce((total, piece) => total + piece.length, 0)
  }

  /** The whole page in one Buffer, for what keeps it (the page cache). */
  whole(): Buffer {
    return Buffer.concat(this.pieces, this.byteLength)
  }
}

/** A page's bytes on their way out: a stream of the pieces, which the page cache may take whole. */
export class PageStream extends Readable {
  constructor(readonly page: PageBytes) {
    super()
  }

  override _read(): void {
    for (const piece of this.page.pieces) this.push(piece)
    this.push(null)
  }
}

/** Sends a page as HTML: a string or Buffer as it is, kept pieces as a stream of known length. */
export function sendHtml(reply: FastifyReply, html: string | Buffer | PageBytes): FastifyReply {
  reply.type('text/html; charset=utf-8')
  if (!(html instanceof PageBytes)) return reply.send(html)
  return reply.header('content-length', html.byteLength).send(new PageStream(html))
}
