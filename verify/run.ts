// `npm run verify`: the attack and fault scripts, against the production build
// serving on 127.0.0.1, on SQLite and on PostgreSQL (a private cluster unless
// TEST_POSTGRES_URL names one). Each prints its figure and the bar it must
// meet; the run fails if any misses. `--quick` runs every check small.
// `--only=a,b` runs some: bad-inputs, sign-in, comment-limits, kill, races, xss.
import { spawnSync } from 'node:child_process'
import { startPostgresCluster } from '../scripts/postgres-cluster.mjs'
import { XSS_PAYLOADS } from '../test/fixtures/xss-payloads.js'
import type { DialectName } from '../test/helpers/dialects.js'
import { badInputs } from './checks/bad-inputs.js'
import { commentLimits } from './checks/comment-limits.js'
import { editorRaces } from './checks/editor-races.js'
import { killRounds } from './checks/kill-rounds.js'
import { signInGuesses } from './checks/sign-in-guesses.js'
import { xssCorpus } from './checks/xss-corpus.js'
import { seed, type Seeded } from './seed.js'
import { ROOT, startProductionSite, type Site } from './site.js'

const quick = process.argv.includes('--quick')
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
const runs = (name: string) => !only || only.includes(name)

const SIZES = quick
  ? {
      perRoute: 100,
      wrong: 30,
      burst: 40,
      identical: 20,
      commentRounds: 3,
      publishRounds: 2,
      races: 10,
      xss: 10,
    }
  : {
      perRoute: 1000,
      wrong: 100,
      burst: 40,
      identical: 20,
      commentRounds: 20,
      publishRounds: 10,
      races: 100,
      xss: XSS_PAYLOADS.length,
    }

let failures = 0

/** Prints one figure and whether it meets its bar. */
function figure(dialect: DialectName, name: string, text: string, ok: boolean): void {
  if (!ok) failures++
  console.log(`[${dialect}] ${name}: ${text}  ${ok ? 'OK' : 'FAIL'}`)
}

type Check = (site: Site, seeded: Seeded) => Promise<void>

const checkBadInputs: Check = async (site, seeded) => {
  const routes = await badInputs(site, seeded, { perRoute: SIZES.perRoute })
  const total = routes.reduce((sum, route) => sum + route.sent, 0)
  const faults = routes.reduce((sum, route) => sum + route.byClass['5xx'], 0)
  const text = `${routes.length} routes, ${total} requests, ${faults} × 5xx`
  figure(site.dialect, 'bad inputs', text, faults === 0)
  for (const route of routes) {
    const { '2xx': ok, '3xx': redirect, '4xx': refused, '5xx': fault } = route.byClass
    const examples = route.faults.length ? `  e.g. ${route.faults.join(' | ')}` : ''
    console.log(
      `    ${route.route}: ${route.sent} sent; 2xx ${ok}, 3xx ${redirect}, 4xx ${refused}, 5xx ${fault}${examples}`,
    )
  }
}

const checkSignIn: Check = async (site) => {
  const guesses = await signInGuesses(site, { wrong: SIZES.wrong })
  figure(
    site.dialect,
    'concurrent sign-in guesses',
    `${guesses.sent} at once (${guesses.sent - 1} wrong, then the right one): ${guesses.checked} checked (limit ${guesses.limit}); the right one got in: ${guesses.rightOneGotIn ? 'yes' : 'no'}`,
    guesses.checked <= guesses.limit,
  )
}

const checkCommentLimits: Check = async (site, seeded) => {
  const limits = await commentLimits(site, seeded, {
    fromOneNetwork: SIZES.burst,
    identical: SIZES.identical,
  })
  const { fromOneNetwork: burst, identical } = limits
  figure(
    site.dialect,
    'comment limits at once',
    `${burst.sent} from one network: ${burst.accepted} accepted (limit ${burst.limit}); ${identical.sent} identical: ${identical.accepted} accepted (limit 1)`,
    burst.accepted <= burst.limit && identical.accepted <= 1,
  )
}

const checkRaces: Check = async (site, seeded) => {
  const races = await editorRaces(site, seeded, { rounds: SIZES.races })
  const others = races.others.length ? ` (others: ${races.others.join(' ')})` : ''
  figure(
    site.dialect,
    'two-editor races',
    `exactly one 409 in ${races.exactlyOneConflict}/${races.rounds} rounds${others}`,
    races.exactlyOneConflict === races.rounds,
  )
}

const checkKills: Check = async (site, seeded) => {
  const { comments, publishes } = await killRounds(site, seeded, {
    commentRounds: SIZES.commentRounds,
    publishRounds: SIZES.publishRounds,
  })
  for (const [name, rounds] of [
    ['kill -9 during comment floods', comments],
    ['kill -9 during saves and publishes', publishes],
  ] as const) {
    const text = `${rounds.rounds} rounds, ${rounds.acknowledged} acknowledged, ${rounds.lost} lost`
    figure(site.dialect, name, text, rounds.lost === 0)
  }
}

/** In one browser, on one database: what it shows does not depend on the database. */
const checkXss: Check = async (site) => {
  if (site.dialect !== 'sqlite') return
  const xss = await xssCorpus(site, XSS_PAYLOADS.slice(0, SIZES.xss))
  figure(
    site.dialect,
    'XSS corpus in Chromium',
    `${xss.payloads} payloads × ${xss.fields} fields, ${xss.pageLoads} pages loaded, ${xss.refused} refused at input, ${xss.live.length} live`,
    xss.live.length === 0,
  )
  for (const sign of xss.live.slice(0, 10)) console.log(`    ${sign}`)
}

const CHECKS: [string, Check][] = [
  ['bad-inputs', checkBadInputs],
  ['sign-in', checkSignIn],
  ['comment-limits', checkCommentLimits],
  ['races', checkRaces],
  ['kill', checkKills],
  ['xss', checkXss],
]

async function verify(site: Site): Promise<void> {
  const seeded = await seed(site)
  for (const [name, check] of CHECKS) {
    if (runs(name)) await check(site, seeded)
  }
}

const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const cluster = process.env.TEST_POSTGRES_URL ? undefined : await startPostgresCluster()
if (cluster) process.env.TEST_POSTGRES_URL = cluster.url
const dialects: DialectName[] = process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite']
if (dialects.length === 1) console.log('PostgreSQL is not installed: verifying on SQLite only.')
console.log(`Verifying (${quick ? 'quick' : 'full'} run) against the production build on 127.0.0.1`)
try {
  for (const dialect of dialects) {
    const site = await startProductionSite(dialect)
    try {
      await verify(site)
    } finally {
      await site.close()
    }
  }
} finally {
  cluster?.stop()
}
console.log(
  failures === 0 ? 'Every figure meets its bar.' : `${failures} figure(s) missed their bar.`,
)
process.exit(failures === 0 ? 0 : 1)
