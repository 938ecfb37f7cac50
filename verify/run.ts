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
import { seed } from './seed.js'
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

async function verify(site: Site): Promise<void> {
  const { dialect } = site
  const seeded = await seed(site)
  if (runs('bad-inputs')) {
    const routes = await badInputs(site, seeded, { perRoute: SIZES.perRoute })
    const total = routes.reduce((sum, route) => sum + route.sent, 0)
    const faults = routes.reduce((sum, route) => sum + route.byClass['5xx'], 0)
    figure(
      dialect,
      'bad inputs',
      `${routes.length} routes, ${total} requests, ${faults} × 5xx`,
      faults === 0,
    )
    for (const route of routes) {
      const { '2xx': ok, '3xx': redirect, '4xx': refused, '5xx': fault } = route.byClass
      console.log(
        `    ${route.route}: ${route.sent} sent; 2xx ${ok}, 3xx ${redirect}, 4xx ${refused}, 5xx ${fault}${route.faults.length ? `  e.g. ${route.faults.join(' | ')}` : ''}`,
      )
    }
  }
  if (runs('sign-in')) {
    const guesses = await signInGuesses(site, { wrong: SIZES.wrong })
    figure(
      dialect,
      'concurrent sign-in guesses',
      `${guesses.sent} at once (${guesses.sent - 1} wrong, then the right one): ${guesses.checked} checked (limit ${guesses.limit}); the right one got in: ${guesses.rightOneGotIn ? 'yes' : 'no'}`,
      guesses.checked <= guesses.limit,
    )
  }
  if (runs('comment-limits')) {
    const limits = await commentLimits(site, seeded, {
      fromOneNetwork: SIZES.burst,
      identical: SIZES.identical,
    })
    const { fromOneNetwork: burst, identical } = limits
    figure(
      dialect,
      'comment limits at once',
      `${burst.sent} from one network: ${burst.accepted} accepted (limit ${burst.limit}); ${identical.sent} identical: ${identical.accepted} accepted (limit 1)`,
      burst.accepted <= burst.limit && identical.accepted <= 1,
    )
  }
  if (runs('races')) {
    const races = await editorRaces(site, seeded, { rounds: SIZES.races })
    figure(
      dialect,
      'two-editor races',
      `exactly one 409 in ${races.exactlyOneConflict}/${races.rounds} rounds${races.others.length ? ` (others: ${races.others.join(' ')})` : ''}`,
      races.exactlyOneConflict === races.rounds,
    )
  }
  if (runs('kill')) {
    const { comments, publishes } = await killRounds(site, seeded, {
      commentRounds: SIZES.commentRounds,
      publishRounds: SIZES.publishRounds,
    })
    figure(
      dialect,
      'kill -9 during comment floods',
      `${comments.rounds} rounds, ${comments.acknowledged} acknowledged, ${comments.lost} lost`,
      comments.lost === 0,
    )
    figure(
      dialect,
      'kill -9 during saves and publishes',
      `${publishes.rounds} rounds, ${publishes.acknowledged} acknowledged, ${publishes.lost} lost`,
      publishes.lost === 0,
    )
  }
  if (runs('xss') && dialect === 'sqlite') {
    const xss = await xssCorpus(site, XSS_PAYLOADS.slice(0, SIZES.xss))
    figure(
      dialect,
      'XSS corpus in Chromium',
      `${xss.payloads} payloads × ${xss.fields} fields, ${xss.pageLoads} pages loaded, ${xss.refused} refused at input, ${xss.live.length} live`,
      xss.live.length === 0,
    )
    for (const sign of xss.live.slice(0, 10)) console.log(`    ${sign}`)
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
