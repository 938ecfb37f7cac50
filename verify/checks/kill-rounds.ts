// kill -9 during comment floods and during saves and publishes: every answer
// the server gave before it died (201 for a comment, 303 for a save or a
// publish) must be found in the database afterwards. The figure: how many
// acknowledged writes were lost (0 is the only good one).
import { randomBytes } from 'node:crypto'
import { importArticle } from '../../test/helpers/factories.js'
import { editorForm } from '../../test/web/admin-session.js'
import { inBatches, send } from '../http.js'
import type { Seeded } from '../seed.js'
import { freshNetwork, type Site } from '../site.js'

export interface KillFigure {
  rounds: number
  acknowledged: number
  lost: number
}

/** Runs `work` over items, killing the server once `killAfter` of them were acknowledged. */
async function untilKilled<T>(
  site: Site,
  items: readonly T[],
  killAfter: number,
  work: (item: T) => Promise<boolean>,
): Promise<T[]> {
  const acknowledged: T[] = []
  let killing: Promise<void> | undefined
  await inBatches(items, 12, async (item) => {
    if (killing) return
    const ok = await work(item).catch(() => false)
    if (!ok) return
    acknowledged.push(item)
    if (acknowledged.length >= killAfter) killing ??= site.kill?.()
  })
  await (killing ?? site.kill?.())
  return acknowledged
}

const between = (low: number, high: number) => low + ((randomBytes(1)[0] ?? 0) % (high - low + 1))

async function commentRound(site: Site, seeded: Seeded): Promise<{ acked: number; lost: number }> {
  const token = await site.formToken(seeded.article.id)
  const bodies = Array.from({ length: 60 }, () => `Flood ${randomBytes(8).toString('hex')}.`)
  const ids = new Map<string, string>()
  await untilKilled(site, bodies, between(3, 30), async (body) => {
    const answer = await send(site.url, {
      method: 'POST',
      path: `${seeded.path}/comments`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        origin: site.url,
        'x-forwarded-for': freshNetwork(),
      },
      body: new URLSearchParams({
        _csrf: token,
        name: 'Flood',
        email: '',
        body,
        website: '',
      }).toString(),
    })
    if (answer.status !== 201) return false
    ids.set(body, (JSON.parse(answer.text) as { id: string }).id)
    return true
  })
  let lost = 0
  for (const [body, id] of ids) {
    if ((await site.ctx.stores.comments.findById(id))?.body !== body) lost++
  }
  return { acked: ids.size, lost }
}

async function publishRound(site: Site, seeded: Seeded): Promise<{ acked: number; lost: number }> {
  const drafts = []
  for (let index = 0; index < 10; index++) {
    drafts.push((await importArticle(site.ctx, {}, { draft: true })).article)
  }
  const client = seeded.editor.client
  const pages = await Promise.all(drafts.map((draft) => client.get(`/admin/articles/${draft.id}`)))
  const jobs = drafts.map((draft, index) => ({
    draft,
    page: pages[index]!,
    intent: index % 2 ? 'publish' : 'save',
    body: `Saved before the crash ${randomBytes(6).toString('hex')}.`,
  }))
  const acked = await untilKilled(site, jobs, between(1, 8), async (job) => {
    const answer = await client.submit(editorForm(job.page), { body: job.body, intent: job.intent })
    return answer.status === 303
  })
  let lost = 0
  for (const job of acked) {
    const stored = await site.ctx.stores.articles.findById(job.draft.id)
    const kept =
      stored?.body === job.body && (job.intent !== 'publish' || stored.status === 'published')
    if (!kept) lost++
  }
  return { acked: acked.length, lost }
}

export async function killRounds(
  site: Site,
  seeded: Seeded,
  { commentRounds, publishRounds }: { commentRounds: number; publishRounds: number },
): Promise<{ comments: KillFigure; publishes: KillFigure }> {
  if (!site.kill || !site.restart) throw new Error('kill rounds need a server process')
  const comments = { rounds: commentRounds, acknowledged: 0, lost: 0 }
  const publishes = { rounds: publishRounds, acknowledged: 0, lost: 0 }
  for (let round = 0; round < commentRounds + publishRounds; round++) {
    const flood = round < commentRounds
    const { acked, lost } = flood
      ? await commentRound(site, seeded)
      : await publishRound(site, seeded)
    const figure = flood ? comments : publishes
    figure.acknowledged += acked
    figure.lost += lost
    await site.restart()
  }
  return { comments, publishes }
}
