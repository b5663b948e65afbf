import { useQuery } from '@tanstack/react-query'
import { client, data, ProblemError } from './api'

export const meKey = ['me'] as const
export const setupKey = ['setup'] as const

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return await data(client.GET('/api/v1/auth/me'))
      } catch (e) {
        if (e instanceof ProblemError && e.status === 401) return null
        throw e
      }
    },
    staleTime: 60_000,
  })
}

export function useSetup() {
  return useQuery({
    queryKey: setupKey,
    queryFn: () => data(client.GET('/api/v1/setup')),
    staleTime: Infinity,
  })
}
