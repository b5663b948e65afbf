import * as React from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ChevronDown, ChevronRight, Lock, Pencil, Plus, Server, Stethoscope, Trash2 } from 'lucide-react'
import { errorMessage } from '@/lib/api'
import { healthState, type Backend, type BackendHealth, type HealthState, type User } from '@/lib/model'
import { cn, formatDate, plural, timeAgo } from '@/lib/utils'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { EmptyState } from '@/components/ui/empty-state'
import { Skeleton } from '@/components/ui/skeleton'
import { Switch } from '@/components/ui/switch'
import { useToast } from '@/components/ui/toast'
import { FormAlert } from '../AuthShell'
import { useTypeInfo } from './backends'
import { BackendDialog } from './BackendDialog'
import { backendsKey, useBackends } from '@/lib/queries'
import { client, data } from '@/lib/api'
import { useBackendTypes } from '@/lib/descriptors'

const HEALTH: Record<HealthState, { label: string; dot: string; text: string }> = {
  usable: { label: 'Usable', dot: 'bg-emerald-500', text: 'text-emerald-700' },
  degraded: { label: 'Degraded', dot: 'bg-amber-500', text: 'text-amber-700' },
  down: { label: 'Unreachable', dot: 'bg-red-500', text: 'text-red-700' },
  unknown: { label: 'Not checked yet', dot: 'bg-zinc-300', text: 'text-zinc-500' },
}

function healthLabel(h: BackendHealth | null): string {
  const s = healthState(h)
  if (s === 'degraded' && (h?.missingNodes?.length ?? 0) > 0) return 'Missing nodes'
  return HEALTH[s].label
}

export function HealthDot({ health }: { health: BackendHealth | null }) {
  const s = healthState(health)
  return (
    <span className={cn('inline-flex items-center gap-1.5 text-sm font-medium', HEALTH[s].text)} data-testid="backend-health">
      <span className={cn('size-2.5 rounded-full', HEALTH[s].dot, s === 'usable' && 'shadow-[0_0_0_3px] shadow-emerald-100')} aria-hidden="true" />
      {healthLabel(health)}
    </span>
  )
}

export function BackendsSection({ user }: { user: User }) {
  const owner = user.role === 'OWNER'
  const backends = useBackends()
  const [editing, setEditing] = React.useState<Backend | null | 'new'>(null)

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 className="text-lg font-semibold text-zinc-900">Backends</h2>
          <p className="mt-1 text-sm text-zinc-500">The AI servers Troupe sends work to: image and video, language models, and voice.</p>
        </div>
        {owner && (
          <Button onClick={() => setEditing('new')} data-testid="add-backend">
            <Plus /> Add backend
          </Button>
        )}
      </div>
      {backends.isPending ? (
        <div className="grid gap-4">
          {Array.from({ length: 3 }).map((_, i) => (
            <Skeleton key={i} className="h-36 rounded-xl" />
          ))}
        </div>
      ) : backends.isError ? (
        <FormAlert>{errorMessage(backends.error)}</FormAlert>
      ) : backends.data.length === 0 ? (
        <EmptyState
          icon={<Server />}
          title="No backends yet"
          action={
            owner && (
              <Button onClick={() => setEditing('new')}>
                <Plus /> Add backend
              </Button>
            )
          }
        >
          <BackendKinds />
        </EmptyState>
      ) : (
        <ul className="grid gap-4" data-testid="backends-list">
          {backends.data.map((b) => (
            <li key={b.id}>
              <BackendRow backend={b} owner={owner} onEdit={() => setEditing(b)} />
            </li>
          ))}
        </ul>
      )}
      <BackendDialog open={editing !== null} backend={editing === 'new' ? null : editing} onOpenChange={(o) => !o && setEditing(null)} />
    </div>
  )
}

/** The kinds of backend this server supports, by what they make (from the backend-type descriptors). */
function BackendKinds() {
  const types = useBackendTypes().data ?? []
  if (!types.length) return <>Add a server Troupe sends generation work to.</>
  const byModality = new Map<string, string[]>()
  for (const t of types) for (const m of t.modalities) byModality.set(m, [...(byModality.get(m) ?? []), t.displayName])
  return <>Add a server Troupe sends generation work to: {[...byModality.entries()].map(([m, names]) => `${names.join(', ')} for ${m}`).join('; ')}.</>
}

function Stat({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="mt-0.5 truncate text-sm text-zinc-900">{children}</dd>
    </div>
  )
}

function BackendRow({ backend: b, owner, onEdit }: { backend: Backend; owner: boolean; onEdit: () => void }) {
  const qc = useQueryClient()
  const toast = useToast()
  const info = useTypeInfo(b.type)
  const Icon = info.icon
  const h = b.health
  const state = healthState(h)
  const [showModels, setShowModels] = React.useState(false)
  const [deleting, setDeleting] = React.useState(false)
  const [tested, setTested] = React.useState<{ at: number; health: BackendHealth } | { at: number; error: string } | null>(null)
  const fromConfig = b.source === 'config'

  const setHealth = (health: BackendHealth) => qc.setQueryData<Backend[]>(backendsKey, (list) => list?.map((x) => (x.id === b.id ? { ...x, health } : x)))

  const check = useMutation({
    mutationFn: () => data(client.POST('/api/v1/backends/{id}/check', { params: { path: { id: b.id } } })),
    onSuccess: (health) => {
      const hh = { ...health, checkedAt: health.checkedAt ?? new Date().toISOString() }
      setHealth(hh)
      setTested({ at: Date.now(), health: hh })
    },
    onError: (e) => setTested({ at: Date.now(), error: errorMessage(e) }),
  })
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => data(client.PATCH('/api/v1/backends/{id}', { params: { path: { id: b.id } }, body: { enabled } })),
    onMutate: (enabled) => qc.setQueryData<Backend[]>(backendsKey, (list) => list?.map((x) => (x.id === b.id ? { ...x, enabled } : x))),
    onSuccess: (_r, enabled) => toast.success(enabled ? `${b.id} enabled` : `${b.id} disabled`),
    onError: (e) => toast.error('Could not change the backend', errorMessage(e)),
    onSettled: () => qc.invalidateQueries({ queryKey: backendsKey }),
  })
  const remove = useMutation({
    mutationFn: () => data(client.DELETE('/api/v1/backends/{id}', { params: { path: { id: b.id } } })),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: backendsKey })
      toast.success('Backend deleted', b.id)
      setDeleting(false)
    },
    onError: (e) => {
      toast.error('Could not delete the backend', errorMessage(e))
      setDeleting(false)
    },
  })

  const models = h?.models ?? []
  const missing = h?.missingNodes ?? []
  return (
    <Card data-testid="backend-row" data-backend-id={b.id} data-health={state} className={cn('p-5', !b.enabled && 'bg-zinc-50/80')}>
      <div className="flex flex-wrap items-start gap-4">
        <div className={cn('flex size-10 shrink-0 items-center justify-center rounded-lg', info.tint)} title={info.label}>
          <Icon className="size-5" />
        </div>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className={cn('font-semibold', b.enabled ? 'text-zinc-900' : 'text-zinc-500')}>{b.id}</h3>
            <Badge variant="secondary">{info.label}</Badge>
            {fromConfig && (
              <Badge variant="outline" className="gap-1" title="Defined in application.yaml: edit the file to change or remove it" data-testid="backend-config-lock">
                <Lock className="size-3" /> config
              </Badge>
            )}
            {b.hasApiKey && <Badge variant="outline">API key</Badge>}
            {!b.enabled && <Badge variant="warning">Disabled</Badge>}
          </div>
          <p className="mt-0.5 truncate font-mono text-xs text-zinc-500">{b.baseUrl || <span className="font-sans italic">local</span>}</p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <HealthDot health={h} />
          <div className="flex items-center gap-2">
            <Switch
              checked={b.enabled}
              onCheckedChange={(v) => toggle.mutate(v)}
              disabled={!owner || toggle.isPending}
              aria-label={`${b.enabled ? 'Disable' : 'Enable'} ${b.id}`}
              data-testid="backend-enabled"
            />
          </div>
          <Button variant="outline" size="sm" data-testid="backend-test" disabled={check.isPending} onClick={() => check.mutate()}>
            <Stethoscope /> {check.isPending ? 'Testing…' : 'Test'}
          </Button>
          {owner && (
            <>
              <Button variant="ghost" size="sm" onClick={onEdit} aria-label={`Edit ${b.id}`}>
                <Pencil /> Edit
              </Button>
              {!fromConfig && (
                <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50 hover:text-red-700" onClick={() => setDeleting(true)} aria-label={`Delete ${b.id}`}>
                  <Trash2 /> Delete
                </Button>
              )}
            </>
          )}
        </div>
      </div>

      {h?.error && (
        <div
          role="status"
          data-testid="backend-error"
          className={cn('mt-4 rounded-md border px-3 py-2 text-sm', state === 'down' ? 'border-red-200 bg-red-50 text-red-800' : 'border-amber-200 bg-amber-50 text-amber-900')}
        >
          {h.error}
        </div>
      )}
      {missing.length > 0 && (
        <div className="mt-3 text-sm" data-testid="backend-missing-nodes">
          <span className="font-medium text-amber-800">Missing nodes:</span>{' '}
          <span className="inline-flex flex-wrap gap-1 align-middle">
            {missing.map((n) => (
              <Badge key={n} variant="warning" className="font-mono">
                {n}
              </Badge>
            ))}
          </span>
        </div>
      )}

      <dl className="mt-4 grid grid-cols-2 gap-4 border-t border-zinc-100 pt-4 sm:grid-cols-3 lg:grid-cols-6">
        <Stat label="Version">{h?.version || '—'}</Stat>
        <Stat label="Models">
          {models.length ? (
            <button
              type="button"
              className="inline-flex items-center gap-1 font-medium text-violet-700 hover:underline"
              onClick={() => setShowModels((s) => !s)}
              aria-expanded={showModels}
            >
              {showModels ? <ChevronDown className="size-3.5" /> : <ChevronRight className="size-3.5" />}
              {plural(models.length, 'model')}
            </button>
          ) : (
            '0'
          )}
        </Stat>
        <Stat label="Queue on server">{h?.queueDepth ?? '—'}</Stat>
        <Stat label="Running">
          <span className="tabular-nums">
            {b.running ?? 0} / {b.maxConcurrent}
          </span>
        </Stat>
        <Stat label="Waiting in Troupe">
          <span className="tabular-nums">{b.queued ?? 0}</span>
        </Stat>
        <Stat label="Last checked">
          {h?.checkedAt ? (
            <time dateTime={h.checkedAt} title={formatDate(h.checkedAt)}>
              {timeAgo(h.checkedAt)}
            </time>
          ) : (
            'Never'
          )}
        </Stat>
      </dl>
      {showModels && models.length > 0 && (
        <ul className="mt-3 flex max-h-48 flex-wrap gap-1.5 overflow-y-auto rounded-md bg-zinc-50 p-3" data-testid="backend-models">
          {models.map((m) => (
            <li key={m}>
              <Badge variant="outline" className="font-mono">
                {m}
              </Badge>
            </li>
          ))}
        </ul>
      )}

      {tested && (
        <div className="mt-3 text-sm" data-testid="backend-test-result" aria-live="polite">
          {'error' in tested ? (
            <span className="text-red-700">Test failed: {tested.error}</span>
          ) : (
            <span className={HEALTH[healthState(tested.health)].text}>
              Tested just now: {healthLabel(tested.health).toLowerCase()}
              {tested.health.version ? ` · version ${tested.health.version}` : ''}
              {tested.health.reachable ? ` · ${plural(tested.health.models?.length ?? 0, 'model')}` : ''}
              {tested.health.error ? ` · ${tested.health.error}` : ''}
            </span>
          )}
        </div>
      )}

      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete ${b.id}?`}
        description="Troupe stops sending work to this backend. Jobs already running on it may fail."
        confirmLabel="Delete backend"
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
    </Card>
  )
}
