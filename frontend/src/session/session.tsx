import { createContext, createResource, type JSX, type Resource, useContext } from 'solid-js'
import { api, isProblem } from '../api/client.ts'
import type { Locale, Me } from '../api/types.ts'
import { locale, setLocale } from '../i18n/index.ts'

export interface Session {
  /** The signed-in user; null when signed out; undefined while loading. */
  user: Resource<Me | null>
  /** Re-reads GET /me (after sign-in). */
  refresh: () => Promise<Me | null | undefined>
  signIn: (email: string, password: string) => Promise<Me | null | undefined>
  signInWithToken: (token: string) => Promise<Me | null | undefined>
  signOut: () => Promise<void>
  /** Changes language; when signed in also remembers it on the account (emails follow it). */
  changeLocale: (next: Locale) => void
}

const SessionContext = createContext<Session>()

async function fetchMe(): Promise<Me | null> {
  try {
    // 200 {user: null} when signed out: no 401 in the console of every anonymous visitor.
    const { user } = await api.get<{ user: Me | null }>('/auth/session')
    return user
  } catch (err) {
    // Any failure leaves the visitor signed out.
    if (!isProblem(err, 401)) console.warn('GET /auth/session failed', err)
    return null
  }
}

export function SessionProvider(props: { children: JSX.Element }) {
  const [user, { refetch, mutate }] = createResource(fetchMe)

  const afterSignIn = async () => {
    const me = await refetch()
    // The account's language wins at sign-in, so emails and screens agree.
    if (me && me.locale !== locale()) setLocale(me.locale)
    return me
  }

  const session: Session = {
    user,
    refresh: () => Promise.resolve(refetch()),
    signIn: async (email, password) => {
      await api.post('/auth/login', { email, password })
      return afterSignIn()
    },
    signInWithToken: async (token) => {
      await api.post('/auth/magic-link/verify', { token })
      return afterSignIn()
    },
    signOut: async () => {
      await api.post('/auth/logout')
      mutate(null)
    },
    changeLocale: (next) => {
      setLocale(next)
      if (user()) {
        api.patch('/me', { locale: next }).catch(() => {
          // The choice still holds in this browser; the account keeps its old language.
        })
      }
    },
  }
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>
}

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside SessionProvider')
  return session
}

export const isStaff = (me: Me | null | undefined) => me?.role === 'admin' || me?.role === 'operator'
