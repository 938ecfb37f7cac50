import { authorize, type Actor } from '../access/policy.js'
import type { Paged } from '../articles/article-service.js'
import { NotFoundError } from '../errors.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { AuditEvent } from './audit.js'

export type AuditService = ReturnType<typeof createAuditService>

export function createAuditService({ stores }: { stores: UnitOfWork }) {
  return {
    /** One page of the audit log, newest first; admins only. */
    async list(actor: Actor, page: number, perPage = 50): Promise<Paged<AuditEvent>> {
      authorize(actor, 'audit:view')
      const total = await stores.audit.count()
      const pageCount = Math.max(1, Math.ceil(total / perPage))
      if (page < 1 || page > pageCount) {
        throw new NotFoundError('page_not_found', `There is no page ${page}.`)
      }
      const items = await stores.audit.list({ limit: perPage, offset: (page - 1) * perPage })
      return { items, page, perPage, total, pageCount }
    },
  }
}
