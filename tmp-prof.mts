import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { burstText, commentRequest, startBurstSite } from './bench/burst-site.js'
const site = await startBurstSite(mkdtempSync(join(tmpdir(), 'burst-prof-')))
const t = commentRequest(site, burstText())
const r = await autocannon({ url: site.url + site.commentsPath, method: 'POST', connections: 50, duration: 8, headers: t.headers, body: t.body,
  requests: [{ setupRequest(req) { const n = commentRequest(site, burstText()); return { ...req, headers: n.headers, body: n.body } } }] })
console.log(r.requests.average, r.non2xx, r.latency.p50)
await site.stop()
await site.close()
