import type { ZxcvbnFactory } from '@zxcvbn-ts/core'

/**
 * zxcvbn's score 3: about 10⁸ guesses or more. Below that a password falls to
 * an offline attack on a stolen hash table within days, and it is the kind of
 * password (a common one, a keyboard walk, a name and a year) that guessing
 * lists try first.
 */
const MIN_SCORE = 3

/**
 * The estimator's work grows quickly with length on repetitive input (a 200-character
 * pattern takes seconds), so only the start of a password is judged. A password whose
 * first 64 characters are hard to guess is hard to guess.
 */
const JUDGED_LENGTH = 64

let estimator: Promise<ZxcvbnFactory> | undefined

// Loaded and built on first use: the dictionaries take about 100 ms and some
// 11 MB of heap (30 MB of resident memory), which only processes that set
// passwords should carry. An import or an export never does, and V8 lets a
// busy heap grow to a few times what stays live, so it would cost them far more.
async function buildEstimator(): Promise<ZxcvbnFactory> {
  // The packages are CommonJS: `default` is their exports object under Node and in
  // esbuild's split bundle alike, where named exports of a lazily imported CommonJS
  // chunk are lost (dist/bundle/server.mjs once failed here with "not a constructor").
  const [core, common, english] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ])
  const { ZxcvbnFactory } = core.default
  const { dictionary, adjacencyGraphs } = common.default
  return new ZxcvbnFactory({
    dictionary: { ...dictionary, ...english.default.dictionary },
    graphs: adjacencyGraphs,
    translations: english.default.translations,
  })
}

function zxcvbn(): Promise<ZxcvbnFactory> {
  estimator ??= buildEstimator()
  return estimator
}

/**
 * Why a password would be guessed too soon, in words for the person choosing
 * it; undefined when it is strong enough. `known` are words an attacker would
 * know about the account (its email, its name, the site).
 */
export async function passwordWeakness(
  password: string,
  known: readonly string[],
): Promise<string | undefined> {
  const words = known.flatMap((item) => [item, ...item.split(/[^\p{L}\p{N}]+/u)])
  const result = (await zxcvbn()).check(
    password.slice(0, JUDGED_LENGTH),
    words.filter((word) => word.length >= 3),
  )
  if (result.score >= MIN_SCORE) return undefined
  const reason = result.feedback.warning ?? 'It would be guessed too quickly.'
  const advice = result.feedback.suggestions[0] ?? 'Add another word or two.'
  return `This password is too easy to guess. ${reason} ${advice}`
}
