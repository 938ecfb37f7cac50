// The growth benchmark's table: one line per measure, one column per archive size, and the
// issue's growth targets judged on the sizes this run reached.
import type { GrowthStep } from './growth.js'
import { printColumns } from './targets.js'

const ms = (value: number): string => value.toFixed(1)
const pair = (latency: { p50: number; p99: number }): string =>
  `${ms(latency.p50)} / ${ms(latency.p99)}`

const MEASURES: [string, (step: GrowthStep) => string][] = [
  ['import, articles/s', (step) => step.importArticlesPerSecond.toFixed(0)],
  ['database on disk, MB', (step) => step.databaseMb.toFixed(0)],
  ['article render p50 / p99 ms', (step) => pair(step.article)],
  ['home render p50 / p99 ms', (step) => pair(step.home)],
  ['search, common word p50 / p99 ms', (step) => pair(step.search.common)],
  ['search, rare word p50 / p99 ms', (step) => pair(step.search.rare)],
  ['search, phrase p50 / p99 ms', (step) => pair(step.search.phrase)],
  ['whole sitemap ms (files)', (step) => `${ms(step.sitemap.ms)} (${step.sitemap.files})`],
  ['sitemap index ms', (step) => ms(step.sitemap.indexMs)],
  ['slowest article sitemap file ms', (step) => ms(step.sitemap.articleFileMs)],
  ['slowest section/author/tag file ms', (step) => ms(step.sitemap.placeFileMs)],
  ['site feed (RSS) ms', (step) => ms(step.feedMs)],
  ['cold start ms', (step) => step.coldStartMs.toFixed(0)],
  ['server peak RSS MB', (step) => step.serverPeakRssMb.toFixed(0)],
  ['import peak RSS MB', (step) => step.loaderPeakRssMb.toFixed(0)],
]

export function printGrowth(steps: readonly GrowthStep[]): void {
  console.log('')
  printColumns([
    ['', ...steps.map((step) => `${step.articles.toLocaleString('en')} articles`)],
    ...MEASURES.map(([name, value]) => [name, ...steps.map(value)]),
  ])
  const first = steps[0]
  const last = steps.at(-1)
  if (!first || !last || first === last) return
  const growth = last.article.p50 / first.article.p50 - 1
  const searchP99 = Math.max(...Object.values(last.search).map((latency) => latency.p99))
  const span = `${first.articles.toLocaleString('en')} → ${last.articles.toLocaleString('en')}`
  const reached = last.articles >= 1_000_000 ? '' : ' (the target is at 1,000,000: --huge)'
  console.log('')
  console.log(
    `Article render p50, ${span}: ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(0)}% (target < +20%${reached}): ${growth < 0.2 ? 'met' : 'MISSED'}`,
  )
  console.log(
    `Search p99 at ${last.articles.toLocaleString('en')}: ${ms(searchP99)} ms, the slowest of the three (target < 50 ms${reached}): ${searchP99 < 50 ? 'met' : 'MISSED'}`,
  )
}
