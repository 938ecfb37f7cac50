import { authorize, type Actor } from '../access/policy.js'
import { paginate, type Paged } from '../paging.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { AuditEvent } from './audit.js'

export type AuditService = ReturnType<typeof createAuditService>

export function createAuditService({ stores }: { stores: UnitOfWork }) {
  return {
    /** One page of the audit log, newest first; admins only. */
    async list(actor: Actor, page: number, perPage = 50): Promise<Paged<AuditEvent>> {
      authorize(actor, 'audit:view')
      const total = await stores.audit.count()
      return paginate({ page, perPage, total }, (window) => stores.audit.list(window))
    },
  }
}
