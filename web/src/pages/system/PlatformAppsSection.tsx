import * as React from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Copy, Globe, KeyRound } from 'lucide-react'
import { api, errorMessage, get, post, ProblemError } from '@/lib/api'
import type { User } from '@/lib/model'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Skeleton } from '@/components/ui/skeleton'
import { PlatformIcon } from '@/components/ui/platform-icon'
import { useToast } from '@/components/ui/toast'
import { FormAlert } from '../AuthShell'

/** GET /api/v1/platform-apps: one registered OAuth app per platform (the secret is never returned). */
export interface PlatformApp {
  platform: string
  configured: boolean
  clientId: string | null
  clientSecretSet: boolean
  scopes: string[]
  defaultScopes: string[]
  redirectUri: string
  authorizeUrl: string
  tokenUrl: string
  apiBaseUrl: string
  pkce: boolean
  setupGuide: string[]
  updatedAt: string | null
  /** Federated platforms: Troupe registers itself on each instance; there is nothing to enter here. */
  perInstance: boolean
}

interface PublicUrlTest {
  publicUrl: string
  reachable: boolean
  status: number | null
  detail: string
  millis: number
}

export const platformAppsKey = ['platform-apps'] as const

export function usePlatformApps(enabled = true) {
  return useQuery({ queryKey: platformAppsKey, queryFn: () => get<PlatformApp[]>('/api/v1/platform-apps'), enabled })
}

/** System → Platform apps: what to paste into each developer console, and the app Troupe signs in with. */
export function PlatformAppsSection({ user }: { user: User }) {
  const apps = usePlatformApps(user.role === 'OWNER')
  if (user.role !== 'OWNER') return <FormAlert>Only owners register platform apps.</FormAlert>
  return (
    <div className="grid gap-4">
      <div>
        <h2 className="text-lg font-semibold text-zinc-900">Platform apps</h2>
        <p className="mt-1 text-sm text-zinc-500">
          Accounts on these platforms connect by logging in on the platform, through an app you create once in the platform's developer console. Some platforms fetch images and
          videos from Troupe, so it must be reachable at its public URL.
        </p>
      </div>
      <PublicUrlCheck />
      {apps.isPending ? (
        <Skeleton className="h-40 rounded-xl" />
      ) : apps.isError ? (
        <FormAlert>{errorMessage(apps.error)}</FormAlert>
      ) : (
        apps.data.map((app) => (app.perInstance ? <PerInstanceAppCard key={app.platform} app={app} /> : <PlatformAppCard key={app.platform} app={app} />))
      )}
    </div>
  )
}

function PublicUrlCheck() {
  const check = useMutation({ mutationFn: () => post<PublicUrlTest>('/api/v1/public-url/test', {}) })
  return (
    <Card className="flex flex-wrap items-center justify-between gap-3 p-4" data-testid="public-url-check">
      <div className="flex items-center gap-2 text-sm text-zinc-700">
        <Globe className="size-4" />
        {check.data ? (
          <span className={check.data.reachable ? 'text-emerald-700' : 'text-red-700'} data-testid="public-url-result">
            {check.data.detail}
          </span>
        ) : (
          'Check that Troupe can fetch its own media through its public URL, as the platforms will.'
        )}
      </div>
      <Button variant="outline" onClick={() => check.mutate()} disabled={check.isPending} data-testid="test-public-url">
        Test public URL
      </Button>
    </Card>
  )
}

function PerInstanceAppCard({ app }: { app: PlatformApp }) {
  return (
    <Card className="grid gap-2 p-5" data-testid={`platform-app-${app.platform}`}>
      <div className="flex items-center gap-2">
        <PlatformIcon platform={app.platform} className="size-5" />
        <h3 className="font-semibold capitalize text-zinc-900">{app.platform}</h3>
        <Badge>Automatic</Badge>
      </div>
      <ol className="list-decimal space-y-1 pl-5 text-sm text-zinc-600">
        {app.setupGuide.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </Card>
  )
}

function PlatformAppCard({ app }: { app: PlatformApp }) {
  const qc = useQueryClient()
  const toast = useToast()
  const [clientId, setClientId] = React.useState(app.clientId ?? '')
  const [clientSecret, setClientSecret] = React.useState('')
  const [scopes, setScopes] = React.useState(app.scopes.join(' '))
  const save = useMutation({
    mutationFn: () =>
      api<PlatformApp>('PUT', `/api/v1/platform-apps/${app.platform}`, {
        json: { clientId, clientSecret: clientSecret || undefined, scopes: scopes.split(/[\s,]+/).filter(Boolean) },
      }),
    onSuccess: () => {
      setClientSecret('')
      qc.invalidateQueries({ queryKey: platformAppsKey })
      toast.success('App saved', `${app.platform} accounts can now be connected.`)
    },
  })
  const errors = save.error instanceof ProblemError ? save.error.fieldMap() : {}
  const id = (name: string) => `${app.platform}-${name}`
  return (
    <Card className="grid gap-4 p-5" data-testid={`platform-app-${app.platform}`}>
      <div className="flex items-center gap-2">
        <PlatformIcon platform={app.platform} className="size-5" />
        <h3 className="font-semibold capitalize text-zinc-900">{app.platform}</h3>
        {app.configured ? <Badge>Registered</Badge> : <Badge variant="outline">Not registered</Badge>}
      </div>
      <div className="grid gap-1 text-sm">
        <span className="font-medium text-zinc-700">Redirect URI to paste into the developer console</span>
        <div className="flex items-center gap-2">
          <code className="rounded bg-zinc-100 px-2 py-1 text-xs" data-testid={`redirect-uri-${app.platform}`}>
            {app.redirectUri}
          </code>
          <Button size="sm" variant="ghost" aria-label="Copy redirect URI" onClick={() => navigator.clipboard?.writeText(app.redirectUri)}>
            <Copy className="size-4" />
          </Button>
        </div>
      </div>
      {app.setupGuide.length > 0 && (
        <ol className="list-decimal space-y-1 pl-5 text-sm text-zinc-600">
          {app.setupGuide.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      )}
      <form
        className="grid gap-3 sm:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault()
          save.mutate()
        }}
      >
        <Field id={id('client-id')} label="App (client) ID" error={errors.clientId}>
          <Input id={id('client-id')} value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" />
        </Field>
        <Field id={id('client-secret')} label="App secret" hint={app.clientSecretSet ? 'Stored; leave empty to keep it.' : undefined} error={errors.clientSecret}>
          <Input id={id('client-secret')} type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} autoComplete="new-password" />
        </Field>
        <Field id={id('scopes')} label="Scopes" hint={`Default: ${app.defaultScopes.join(' ')}`} error={errors.scopes}>
          <Input id={id('scopes')} value={scopes} onChange={(e) => setScopes(e.target.value)} />
        </Field>
        {save.isError && !Object.keys(errors).length && <FormAlert>{errorMessage(save.error)}</FormAlert>}
        <div className="sm:col-span-3">
          <Button type="submit" disabled={save.isPending || !clientId} data-testid={`save-app-${app.platform}`}>
            <KeyRound /> Save app
          </Button>
        </div>
      </form>
    </Card>
  )
}
