// The comment limits under concurrency: `fromOneNetwork` comments sent at once
// from one /24 (the limit lets 5 in), and `identical` copies of one text sent
// at once from as many networks (the duplicate check lets 1 in).
import { randomBytes } from 'node:crypto'
import { COMMENT_LIMITS } from '../../src/domain/comments/comment.js'
import { send } from '../http.js'
import type { Seeded } from '../seed.js'
import { freshNetwork, type Site } from '../site.js'

export interface CommentLimitsFigure {
  fromOneNetwork: { sent: number; accepted: number; limit: number }
  identical: { sent: number; accepted: number; limit: 1 }
}

export async function commentLimits(
  site: Site,
  seeded: Seeded,
  { fromOneNetwork, identical }: { fromOneNetwork: number; identical: number },
): Promise<CommentLimitsFigure> {
  const token = await site.formToken(seeded.article.id)
  const post = (body: string, ip: string) =>
    send(site.url, {
      method: 'POST',
      path: `${seeded.path}/comments`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        origin: site.url,
        'x-forwarded-for': ip,
      },
      body: new URLSearchParams({
        _csrf: token,
        name: 'Ingrid',
        email: '',
        body,
        website: '',
      }).toString(),
    })
  // Every connection of the server's database pool open first, so that the posts truly overlap.
  await Promise.all(
    Array.from({ length: 20 }, () => send(site.url, { method: 'GET', path: seeded.path })),
  )
  const network = freshNetwork()
  const burst = await Promise.all(
    Array.from({ length: fromOneNetwork }, () =>
      post(`Words ${randomBytes(6).toString('hex')}.`, network),
    ),
  )
  const text = `Said at once by many ${randomBytes(6).toString('hex')}.`
  const copies = await Promise.all(
    Array.from({ length: identical }, () => post(text, freshNetwork())),
  )
  const accepted = (answers: { status: number }[]) => answers.filter((a) => a.status === 201).length
  return {
    fromOneNetwork: {
      sent: fromOneNetwork,
      accepted: accepted(burst),
      limit: COMMENT_LIMITS.perNetwork,
    },
    identical: { sent: identical, accepted: accepted(copies), limit: 1 },
  }
}
