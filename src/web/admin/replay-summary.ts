import type { Actor } from '../../domain/access/policy.js'
import { isTransition, TRANSITIONS, type Transition } from '../../domain/articles/workflow.js'
import type { AdminDeps } from './deps.js'
import { text, texts, type FormValues } from '../plugins/request-parsing.js'

/** What a form kept through signing in (or through giving the password again) will do, in words. */
export interface ReplaySummary {
  /** "This will publish ‘Headline’." */
  sentence: string
  /** The button that sends it: names the action, so that no one publishes thinking they save. */
  button: string
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const ARTICLE = new RegExp(`^/admin/articles/(${UUID})(?:/(delete|restore))?$`)
const USER = new RegExp(
  `^/admin/users/(${UUID})(?:/(deactivate|activate|password|two-factor/reset|tokens))?$`,
)

const SAVE = 'Save my changes'

const TRANSITION_WORDS: Record<Transition, (headline: string) => string> = {
  submit: (h) => `This will save your changes to ‘${h}’ and submit it for review.`,
  return: (h) => `This will save your changes to ‘${h}’ and return it to draft.`,
  schedule: (h) =>
    `This will schedule ‘${h}’ to be published at the time you chose, with your changes.`,
  unschedule: (h) => `This will unschedule ‘${h}’: it goes back to draft.`,
  publish: (h) => `This will publish ‘${h}’ now, with your changes.`,
  unpublish: (h) => `This will unpublish ‘${h}’: it leaves the public site.`,
}

type Services = Pick<AdminDeps['services'], 'editing' | 'accounts'>

/** A name for a thing the form acts on; only asked for once signed in, and never fatal. */
async function lookUp(find: () => Promise<string>): Promise<string | undefined> {
  try {
    return await find()
  } catch {
    return undefined
  }
}

async function articleSummary(
  id: string,
  part: string | undefined,
  values: FormValues,
  services: Services,
  actor: Actor | undefined,
): Promise<ReplaySummary> {
  const typed = text(values, 'headline').trim()
  const stored =
    actor && (await lookUp(async () => (await services.editing.get(actor, id)).headline))
  const headline = (part ? stored : typed || stored) || 'this article'
  if (part === 'delete') {
    return { sentence: `This will delete ‘${headline}’ for good.`, button: 'Delete it' }
  }
  if (part === 'restore') {
    return {
      sentence: `This will restore an earlier version of ‘${headline}’.`,
      button: 'Restore it',
    }
  }
  const intent = text(values, 'intent') || 'save'
  if (isTransition(intent)) {
    return { sentence: TRANSITION_WORDS[intent](headline), button: TRANSITIONS[intent].label }
  }
  return { sentence: `This will save your changes to ‘${headline}’.`, button: SAVE }
}

async function userSummary(
  id: string,
  part: string | undefined,
  values: FormValues,
  services: Services,
  actor: Actor | undefined,
): Promise<ReplaySummary> {
  const found =
    actor && (await lookUp(async () => (await services.accounts.getUser(actor, id)).displayName))
  const name = found ?? 'this user'
  switch (part) {
    case 'deactivate':
      return {
        sentence: `This will deactivate ${name}’s account and end their sessions.`,
        button: 'Deactivate',
      }
    case 'activate':
      return { sentence: `This will reactivate ${name}’s account.`, button: 'Reactivate' }
    case 'password':
      return {
        sentence: `This will reset ${name}’s password and end their sessions.`,
        button: 'Reset password',
      }
    case 'tokens':
      return { sentence: `This will make a new API token for ${name}.`, button: 'Make token' }
    case 'two-factor/reset':
      return {
        sentence: `This will turn off two-factor sign-in for ${name}.`,
        button: 'Turn it off',
      }
    default:
      return {
        sentence: `This will save ${name}’s account: name ‘${text(values, 'displayName')}’, role ${text(values, 'role')}.`,
        button: 'Save',
      }
  }
}

const FIXED: Record<string, ReplaySummary> = {
  '/admin/users': { sentence: 'This will add a new user.', button: 'Add user' },
  '/admin/settings/comments': {
    sentence: 'This will change how comments work.',
    button: 'Save settings',
  },
  '/admin/account/tokens': {
    sentence: 'This will make a new API token for you.',
    button: 'Make token',
  },
  '/admin/account/two-factor/setup': {
    sentence: 'This will start setting up two-factor sign-in.',
    button: 'Set it up',
  },
  '/admin/account/two-factor/recovery-codes': {
    sentence: 'This will make new recovery codes; the old ones stop working.',
    button: 'Make new codes',
  },
}

/** Says what sending a kept form to `action` will do, naming what it acts on where it can. */
export async function summariseReplay(
  action: string,
  values: FormValues,
  services: Services,
  actor: Actor | undefined,
): Promise<ReplaySummary> {
  const article = ARTICLE.exec(action)
  if (article?.[1]) return articleSummary(article[1], article[2], values, services, actor)
  if (action === '/admin/articles') {
    const headline = text(values, 'headline').trim() || 'an untitled draft'
    return text(values, 'intent') === 'submit'
      ? {
          sentence: `This will create ‘${headline}’ and submit it for review.`,
          button: 'Create and submit',
        }
      : { sentence: `This will create the draft ‘${headline}’.`, button: SAVE }
  }
  const user = USER.exec(action)
  if (user?.[1]) return userSummary(user[1], user[2], values, services, actor)
  if (action === '/admin/users') {
    return {
      sentence: `This will add ${text(values, 'email')} as ${text(values, 'role')}.`,
      button: 'Add user',
    }
  }
  if (action === '/admin/settings/two-factor') {
    const required = text(values, 'required') === 'yes'
    return {
      sentence: `This will make two-factor sign-in ${required ? 'required' : 'optional'} for editors and admins.`,
      button: 'Save',
    }
  }
  if (action === '/admin/comments') {
    const single = text(values, 'single').split(':')[0]
    const count = single ? 1 : texts(values, 'id').length
    const verb = single || text(values, 'action') || 'moderate'
    return {
      sentence: `This will ${verb} ${count} comment${count === 1 ? '' : 's'}.`,
      button: 'Do it',
    }
  }
  return (
    FIXED[action] ?? {
      sentence: `This will send the form you filled in to ${action}.`,
      button: 'Send it',
    }
  )
}
