import { isValidTimeZone } from '../../text/dates.js'
import { ValidationError } from '../errors.js'
import { checkedLine } from '../typed-field.js'

/**
 * Who the site is to its readers: editable by admins in the newsroom. The
 * environment's SITE_NAME, SITE_LANGUAGE and SITE_TIME_ZONE are the values a
 * site starts with, until an admin saves these.
 */
export interface SiteIdentity {
  name: string
  tagline: string
  /** A library image shown in the masthead; null: the name alone. */
  logoId: string | null
  /** #rrggbb, lower case; '' for the stylesheet's own colour. */
  accent: string
  /** BCP 47, for <html lang> and date formats. */
  language: string
  /** IANA zone: dates on pages and in article addresses. */
  timeZone: string
}

export const IDENTITY_LIMITS = { name: 100, tagline: 200 }

/** WCAG 2.x AA for normal text: the accent carries white text, and is text on white. */
export const MIN_ACCENT_CONTRAST = 4.5

const HEX = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i
const LANGUAGE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/

/** #abc or abc → #aabbcc; undefined when it is not a colour written in hex. */
export function normaliseHex(typed: string): string | undefined {
  const match = HEX.exec(typed.trim())
  if (!match?.[1]) return undefined
  const digits = match[1].toLowerCase()
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits
  return `#${full}`
}

function channel(value: number): number {
  const c = value / 255
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => channel(parseInt(hex.slice(at, at + 2), 16)))
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)
}

/** The WCAG contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05)
}

/**
 * What the accent must stand out against: white (the text on an accent
 * background) and the public pages' paper (assets/site.css, --paper), on
 * which it is the colour of links and labels.
 */
export const ACCENT_BACKGROUNDS = ['#ffffff', '#fdfcf8'] as const

/** The accent's contrast against the least favourable of its backgrounds. */
export function accentContrast(hex: string): number {
  return Math.min(...ACCENT_BACKGROUNDS.map((background) => contrast(hex, background)))
}

const invalid = (code: string, field: string, message: string) =>
  new ValidationError(code, message, { field })

/** The identity as typed, checked and cleaned; throws a ValidationError naming the field. */
export function checkIdentity(typed: SiteIdentity): SiteIdentity {
  const name = checkedLine(typed.name, {
    field: 'name',
    code: 'invalid_site_name',
    max: IDENTITY_LIMITS.name,
    required: true,
    message: `The site's name is 1–${IDENTITY_LIMITS.name} characters.`,
  })
  const tagline = checkedLine(typed.tagline, {
    field: 'tagline',
    code: 'invalid_tagline',
    max: IDENTITY_LIMITS.tagline,
    message: `A tagline has at most ${IDENTITY_LIMITS.tagline} characters.`,
  })
  let accent = ''
  if (typed.accent.trim() !== '') {
    const hex = normaliseHex(typed.accent)
    if (!hex) {
      throw invalid('invalid_colour', 'accent', 'Give the accent colour in hex, such as #0a5c8f.')
    }
    const ratio = accentContrast(hex)
    if (ratio < MIN_ACCENT_CONTRAST) {
      throw invalid(
        'low_contrast_colour',
        'accent',
        `${hex} against white and the page has a contrast of ${ratio.toFixed(2)}:1; readers need at least ${MIN_ACCENT_CONTRAST}:1 (WCAG AA). Choose a darker colour.`,
      )
    }
    accent = hex
  }
  const language = typed.language.trim()
  if (!LANGUAGE.test(language) || language.length > 35) {
    throw invalid(
      'invalid_language',
      'language',
      'The language is a BCP 47 tag such as en or en-GB.',
    )
  }
  const timeZone = typed.timeZone.trim()
  if (!isValidTimeZone(timeZone)) {
    throw invalid(
      'invalid_time_zone',
      'timeZone',
      'The time zone is an IANA name such as Europe/London.',
    )
  }
  return { name, tagline, logoId: typed.logoId, accent, language, timeZone }
}
