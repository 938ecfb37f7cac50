import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { User } from '../../domain/accounts/user.js'

/** What every newsroom view may know: who is signed in, and the token its forms must carry. */
export interface AdminContextValue {
  user: User | null
  csrf: string
}

export const AdminContext = createContext<AdminContextValue | undefined>(undefined)

export function useAdmin(): AdminContextValue {
  const value = useContext(AdminContext)
  if (!value) throw new Error('a newsroom view was rendered outside AdminContext')
  return value
}
