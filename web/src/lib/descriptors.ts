import * as React from 'react'
import { useQuery } from '@tanstack/react-query'
import { client, data } from './api'
import type { BackendTypeDescriptor, PlatformDescriptor } from './model'
import type { Counting } from './text-count'

/**
 * What the server says about its platforms and backend types (GET /api/v1/platforms, /api/v1/backend-types).
 * The dashboard knows no platform or backend by name: forms, limits, counters and icons come from here.
 */
export const platformsKey = ['platforms'] as const
export const backendTypesKey = ['backend-types'] as const

export function usePlatforms(enabled = true) {
  return useQuery({
    queryKey: platformsKey,
    queryFn: () => data(client.GET('/api/v1/platforms')),
    enabled,
    staleTime: Infinity,
  })
}

export function useBackendTypes(enabled = true) {
  return useQuery({
    queryKey: backendTypesKey,
    queryFn: () => data(client.GET('/api/v1/backend-types')),
    enabled,
    staleTime: Infinity,
  })
}

/** A type id as a name when its descriptor is unknown (a platform the server no longer has). */
export function fallbackName(type: string): string {
  return type ? type.charAt(0).toUpperCase() + type.slice(1) : 'Channel'
}

export function usePlatform(type: string): PlatformDescriptor | undefined {
  const list = usePlatforms().data
  return React.useMemo(() => list?.find((p) => p.type === type), [list, type])
}

/** `(type) => display name`, from the descriptors. */
export function usePlatformName(): (type: string) => string {
  const list = usePlatforms().data
  return React.useCallback((type: string) => list?.find((p) => p.type === type)?.displayName ?? fallbackName(type), [list])
}

export function useBackendType(type: string): BackendTypeDescriptor | undefined {
  const list = useBackendTypes().data
  return React.useMemo(() => list?.find((t) => t.type === type), [list, type])
}

export interface TextLimit {
  max: number | null
  counting: Counting
  urlLength: number | null
}

/** The text limit of a platform: its descriptor's, or none when the descriptor is not known (yet). */
export function textLimit(descriptor: PlatformDescriptor | undefined): TextLimit {
  const text = descriptor?.capabilities?.text
  if (!text) return { max: null, counting: 'characters', urlLength: null }
  return { max: text.maxLength > 0 ? text.maxLength : null, counting: text.counting as Counting, urlLength: text.urlLength ?? null }
}
