import { COMMAND_LINE } from '../../domain/access/policy.js'
import { isRole, ROLES } from '../../domain/accounts/user.js'
import { DomainError } from '../../domain/errors.js'
import type { AppContext } from '../../context.js'
import type { CliOutput } from '../io.js'

/** `dateline user add EMAIL --role ROLE [--name NAME]`: prints the new password once. */
export async function runUserAdd(
  ctx: AppContext,
  email: string,
  options: { role: string; name?: string },
  out: CliOutput,
): Promise<number> {
  if (!isRole(options.role)) {
    out.error(`--role must be one of ${ROLES.join(', ')} (got "${options.role}").`)
    return 2
  }
  const displayName = options.name?.trim() || email.split('@')[0] || email
  return reportDomainErrors(out, async () => {
    const { user, password } = await ctx.services.accounts.createUser(COMMAND_LINE, {
      email,
      displayName,
      role: options.role as (typeof ROLES)[number],
    })
    out.log(`Created ${user.role} ${user.displayName} <${user.email}>.`)
    out.log(`Password: ${password}`)
    out.log(
      'Hand it over safely; it is not shown again. They can change it under their name in the newsroom.',
    )
  })
}

/** `dateline user password EMAIL`: sets a new password, ends the user's sessions, prints it once. */
export async function runUserPassword(
  ctx: AppContext,
  email: string,
  out: CliOutput,
): Promise<number> {
  return reportDomainErrors(out, async () => {
    const password = await ctx.services.accounts.resetPassword(COMMAND_LINE, email)
    out.log(`New password for ${email}: ${password}`)
    out.log('Their sessions have been signed out.')
  })
}

async function reportDomainErrors(out: CliOutput, run: () => Promise<void>): Promise<number> {
  try {
    await run()
    return 0
  } catch (error) {
    if (error instanceof DomainError) {
      out.error(error.message)
      return 1
    }
    throw error
  }
}
