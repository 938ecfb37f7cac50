import { checkLinkUrl } from '../../text/rich-text/link-url.js'
import { ValidationError } from '../errors.js'
import { checkedLine, checkedText } from '../typed-field.js'
import {
  MAX_AUTHOR_BIO_LENGTH,
  MAX_AUTHOR_LINK_LABEL,
  MAX_AUTHOR_LINKS,
  MAX_AUTHOR_NAME_LENGTH,
  type AuthorLink,
} from './author.js'

/** What a profile form changes: the name bylines show, the biography and links. */
export interface AuthorProfile {
  name: string
  bio: string
  links: AuthorLink[]
}

const invalid = (code: string, field: string, message: string) =>
  new ValidationError(code, message, { field })

/** The profile as typed, checked and cleaned; throws a ValidationError naming the field. */
export function checkProfile(typed: AuthorProfile): AuthorProfile {
  const name = checkedLine(typed.name, {
    field: 'name',
    code: 'invalid_author_name',
    max: MAX_AUTHOR_NAME_LENGTH,
    required: true,
    message: `A name is 1–${MAX_AUTHOR_NAME_LENGTH} characters.`,
  })
  const bio = checkedText(typed.bio, {
    field: 'bio',
    code: 'bio_too_long',
    max: MAX_AUTHOR_BIO_LENGTH,
    message: `A biography has at most ${MAX_AUTHOR_BIO_LENGTH} characters.`,
  })
  const links = typed.links.filter((link) => link.label.trim() !== '' || link.url.trim() !== '')
  if (links.length > MAX_AUTHOR_LINKS) {
    throw invalid('too_many_links', 'links', `A profile has at most ${MAX_AUTHOR_LINKS} links.`)
  }
  return { name, bio, links: links.map(checkLink) }
}

function checkLink(link: AuthorLink): AuthorLink {
  const label = checkedLine(link.label, {
    field: 'links',
    code: 'invalid_link_label',
    max: MAX_AUTHOR_LINK_LABEL,
    required: true,
    message: `Each link needs words of 1–${MAX_AUTHOR_LINK_LABEL} characters.`,
  })
  const check = checkLinkUrl(link.url)
  if (!check.ok) throw invalid('invalid_link', 'links', `${label}: ${check.message}`)
  if (check.href.length > 500) {
    throw invalid('invalid_link', 'links', `${label}: an address has at most 500 characters.`)
  }
  return { label, url: check.href }
}
