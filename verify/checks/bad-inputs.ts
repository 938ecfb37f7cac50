// Bad inputs per route: at least `perRoute` generated values into every part of
// every route a reader or a member of staff can send (path segments, query
// parameters, form fields, bodies, headers). The figure: how many answers were
// 5xx. Anything but a clear 4xx (or the page itself) is a fault.
import { inBatches } from '../http.js'
import { junk, samples } from '../junk.js'
import type { Seeded } from '../seed.js'
import type { Site } from '../site.js'
import { newsroomProbes } from './newsroom-probes.js'
import { commentProbes, readerProbes } from './public-probes.js'

export interface RouteResult {
  route: string
  sent: number
  byClass: Record<'2xx' | '3xx' | '4xx' | '5xx', number>
  /** A few of the inputs that got a 5xx, to reproduce them. */
  faults: string[]
}

/** Sends `perRoute` bad inputs to every route; returns one line of figures per route. */
export async function badInputs(
  site: Site,
  seeded: Seeded,
  { perRoute, seed = 20261202 }: { perRoute: number; seed?: number },
): Promise<RouteResult[]> {
  const probes = {
    ...readerProbes(site, seeded),
    ...commentProbes(site, seeded),
    ...newsroomProbes(site, seeded),
  }
  const results: RouteResult[] = []
  for (const [index, [route, probe]] of Object.entries(probes).entries()) {
    const values = samples(junk, perRoute, seed + index)
    const byClass = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }
    const faults: string[] = []
    await inBatches(
      values.map((value, at) => [value, at] as const),
      8,
      async ([value, at]) => {
        const status = await probe(value, at).catch(() => 599)
        const kind = `${Math.floor(status / 100)}xx` as keyof typeof byClass
        if (kind in byClass) byClass[kind]++
        if (status >= 500 && faults.length < 3) {
          faults.push(`${status} ← ${JSON.stringify(value).slice(0, 80)}`)
        }
      },
    )
    results.push({ route, sent: values.length, byClass, faults })
  }
  return results
}
