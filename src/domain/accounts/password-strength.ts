import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary as common } from '@zxcvbn-ts/language-common'
import { dictionary as english, translations } from '@zxcvbn-ts/language-en'

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

let estimator: ZxcvbnFactory | undefined

// Built on first use: loading the dictionaries takes about 100 ms, which only
// processes that set passwords should pay.
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common, ...english },
    graphs: adjacencyGraphs,
    translations,
  })
  return estimator
}

/**
 * Why a password would be guessed too soon, in words for the person choosing
 * it; undefined when it is strong enough. `known` are words an attacker would
 * know about the account (its email, its name, the site).
 */
export function passwordWeakness(password: string, known: readonly string[]): string | undefined {
  const words = known.flatMap((item) => [item, ...item.split(/[^\p{L}\p{N}]+/u)])
  const result = zxcvbn().check(
    password.slice(0, JUDGED_LENGTH),
    words.filter((word) => word.length >= 3),
  )
  if (result.score >= MIN_SCORE) return undefined
  const reason = result.feedback.warning ?? 'It would be guessed too quickly.'
  const advice = result.feedback.suggestions[0] ?? 'Add another word or two.'
  return `This password is too easy to guess. ${reason} ${advice}`
}
