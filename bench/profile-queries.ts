// Where the database time goes: imports a slice of the benchmark corpus, then
// renders pages through the services, and prints the costliest statements.
//   node --import tsx bench/profile-queries.ts [articles]   (DATA_DIR must be empty)
import { loadConfig } from '../src/config.js'
import { createContext } from '../src/context.js'
import { corpus } from './corpus.js'

const articles = Number(process.argv[2] ?? 1000)
const totals = new Map<string, { count: number; ms: number }>()
const ctx = await createContext(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), {
  onQuery: (sql, _parameters, ms) => {
    // One line per statement shape: IN lists of any length count as one.
    const key = sql.replace(/\(\?(?:, \?)*\)/g, '(…)').slice(0, 100)
    const entry = totals.get(key) ?? { count: 0, ms: 0 }
    entry.count++
    entry.ms += ms
    totals.set(key, entry)
  },
})
await ctx.services.sections.ensureDefaults()
const entries = [...corpus(articles, ctx.clock.now())].map((article) => ({
  text: article.text,
  options: { sectionSlug: article.section, draft: false, tags: article.tags },
}))
const started = performance.now()
for (let i = 0; i < entries.length; i += 200) {
  await ctx.services.importer.importBatch(entries.slice(i, i + 200))
}
const wall = performance.now() - started
await ctx.close()

const sqlMs = [...totals.values()].reduce((sum, entry) => sum + entry.ms, 0)
console.log(
  `${articles} articles imported in ${wall.toFixed(0)} ms, ${sqlMs.toFixed(0)} ms of it in SQL`,
)
for (const [sql, { count, ms }] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20)) {
  console.log(`${ms.toFixed(0).padStart(7)} ms ${String(count).padStart(6)}×  ${sql}`)
}
