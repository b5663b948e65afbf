import * as React from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Plus, Save, Trash2 } from 'lucide-react'
import { api, errorMessage, get, ProblemError } from '@/lib/api'
import type { User } from '@/lib/model'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select } from '@/components/ui/select'
import { Skeleton } from '@/components/ui/skeleton'
import { Switch } from '@/components/ui/switch'
import { Textarea } from '@/components/ui/textarea'
import { useToast } from '@/components/ui/toast'
import { PageHeader } from '@/components/layout/PageHeader'
import { FormAlert } from './AuthShell'
import { WEEKDAYS, weekdayLabel } from './channels/platforms'

export interface QueueSlot {
  day: string
  time: string
}

/** What every member reads: the defaults new characters and channels start with. */
export interface StudioDefaults {
  timeZone: string
  disclosurePolicy: string
  defaultQueueSlots: QueueSlot[]
}

/** The owner's view: the defaults and the review rules. */
interface StudioSettings extends StudioDefaults {
  ownerSelfApproval: boolean
  ownerSelfApprovalChosen: boolean
  continuityBlocksSubmit: boolean
  members: number
}

export const studioSettingsKey = ['settings', 'studio'] as const
export const studioDefaultsKey = ['settings', 'studio', 'defaults'] as const

/** The studio's rules, for owners (the composer asks whether an owner may approve their own posts). */
export function useStudioSettings(enabled: boolean) {
  return useQuery({ queryKey: studioSettingsKey, queryFn: () => get<StudioSettings>('/api/v1/settings/studio'), enabled, staleTime: 30_000 })
}

export function useStudioDefaults() {
  return useQuery({ queryKey: studioDefaultsKey, queryFn: () => get<StudioDefaults>('/api/v1/settings/studio/defaults'), staleTime: 60_000 })
}

/** Settings: studio-wide defaults and review rules. Owners change them; everyone else sees the defaults. */
export function SettingsPage({ user }: { user: User }) {
  const owner = user.role === 'OWNER'
  const settings = useStudioSettings(owner)
  const defaults = useStudioDefaults()
  if (owner ? settings.isPending : defaults.isPending) return <Skeleton className="h-96" />
  if (owner ? settings.isError : defaults.isError) return <FormAlert>{errorMessage(settings.error ?? defaults.error)}</FormAlert>
  return owner ? <SettingsForm initial={settings.data!} /> : <DefaultsView defaults={defaults.data!} />
}

function DefaultsView({ defaults }: { defaults: StudioDefaults }) {
  return (
    <div>
      <PageHeader title="Settings" description="Studio-wide defaults. Owners change these." />
      <Card>
        <CardContent className="grid gap-3 pt-6 text-sm">
          <p>
            <span className="font-medium">Time zone of new characters:</span> {defaults.timeZone}
          </p>
          <p>
            <span className="font-medium">Disclosure line:</span> {defaults.disclosurePolicy || 'none'}
          </p>
          <p>
            <span className="font-medium">Queue slots of new channels:</span>{' '}
            {defaults.defaultQueueSlots.length ? defaults.defaultQueueSlots.map((s) => `${weekdayLabel(s.day)} ${s.time}`).join(', ') : 'none'}
          </p>
        </CardContent>
      </Card>
    </div>
  )
}

function zones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? []
  } catch {
    return []
  }
}

function SettingsForm({ initial }: { initial: StudioSettings }) {
  const qc = useQueryClient()
  const toast = useToast()
  const [form, setForm] = React.useState(initial)
  const [saved, setSaved] = React.useState(initial)
  const allZones = React.useMemo(zones, [])
  const save = useMutation({
    // only what changed: sending the self-approval switch untouched would turn its default into a choice
    mutationFn: () => {
      const body: Record<string, unknown> = { timeZone: form.timeZone.trim(), disclosurePolicy: form.disclosurePolicy, defaultQueueSlots: form.defaultQueueSlots }
      if (form.ownerSelfApproval !== saved.ownerSelfApproval) body.ownerSelfApproval = form.ownerSelfApproval
      if (form.continuityBlocksSubmit !== saved.continuityBlocksSubmit) body.continuityBlocksSubmit = form.continuityBlocksSubmit
      return api<StudioSettings>('PUT', '/api/v1/settings/studio', { json: body })
    },
    onSuccess: (next) => {
      qc.setQueryData(studioSettingsKey, next)
      qc.invalidateQueries({ queryKey: studioDefaultsKey })
      setForm(next)
      setSaved(next)
      toast.success('Settings saved')
    },
  })
  const fields = save.error instanceof ProblemError ? save.error.fieldMap() : {}
  const set = <K extends keyof StudioSettings>(k: K, v: StudioSettings[K]) => setForm((f) => ({ ...f, [k]: v }))
  const slots = form.defaultQueueSlots
  const setSlot = (i: number, slot: QueueSlot) =>
    set(
      'defaultQueueSlots',
      slots.map((s, j) => (j === i ? slot : s)),
    )

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        save.mutate()
      }}
    >
      <PageHeader
        title="Settings"
        description="Studio-wide defaults and review rules. Every change is recorded in the audit log."
        actions={
          <Button type="submit" disabled={save.isPending} data-testid="settings-save">
            <Save /> {save.isPending ? 'Saving…' : 'Save'}
          </Button>
        }
      />
      {save.isError && Object.keys(fields).length === 0 && (
        <div className="mb-4">
          <FormAlert>{errorMessage(save.error)}</FormAlert>
        </div>
      )}
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Defaults for new work</CardTitle>
            <CardDescription>New characters and channels start with these; each can change them.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-5">
            <Field id="settings-time-zone" label="Time zone" hint="New characters post in this zone (IANA name, e.g. Europe/Berlin)." error={fields.timeZone}>
              <Input
                id="settings-time-zone"
                list="settings-zones"
                className="sm:w-80"
                value={form.timeZone}
                onChange={(e) => set('timeZone', e.target.value)}
                aria-invalid={!!fields.timeZone}
              />
              <datalist id="settings-zones">
                {allZones.map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            </Field>
            <Field
              id="settings-disclosure"
              label="Disclosure policy"
              hint="The line new characters add to their posts, e.g. “AI-generated character.” Leave empty for none."
              error={fields.disclosurePolicy}
            >
              <Textarea id="settings-disclosure" rows={2} value={form.disclosurePolicy} onChange={(e) => set('disclosurePolicy', e.target.value)} />
            </Field>
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium text-zinc-900">Default queue slots</legend>
              <p className="text-xs text-zinc-500">New channels get these weekly times for “Add to queue”.</p>
              {slots.map((slot, i) => (
                <div key={i} className="flex flex-wrap items-center gap-2" data-testid="settings-slot">
                  <Select
                    aria-label={`Slot ${i + 1} day`}
                    value={slot.day}
                    onValueChange={(day) => setSlot(i, { ...slot, day })}
                    options={WEEKDAYS.map((d) => ({ value: d, label: d.charAt(0) + d.slice(1).toLowerCase() }))}
                    className="w-40"
                  />
                  <Input type="time" aria-label={`Slot ${i + 1} time`} className="w-32" value={slot.time} onChange={(e) => setSlot(i, { ...slot, time: e.target.value })} />
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    aria-label={`Remove slot ${i + 1}`}
                    onClick={() =>
                      set(
                        'defaultQueueSlots',
                        slots.filter((_, j) => j !== i),
                      )
                    }
                  >
                    <Trash2 />
                  </Button>
                  {(fields[`defaultQueueSlots[${i}].day`] || fields[`defaultQueueSlots[${i}].time`]) && (
                    <p role="alert" className="text-xs text-red-600">
                      {fields[`defaultQueueSlots[${i}].day`] ?? fields[`defaultQueueSlots[${i}].time`]}
                    </p>
                  )}
                </div>
              ))}
              <div>
                <Button type="button" variant="outline" size="sm" onClick={() => set('defaultQueueSlots', [...slots, { day: 'MONDAY', time: '09:00' }])}>
                  <Plus /> Add a slot
                </Button>
              </div>
            </fieldset>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Review</CardTitle>
            <CardDescription>Nothing is published without an approval; these rules say whose.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-5">
            <div className="flex items-start gap-3">
              <Switch id="settings-self-approval" data-testid="settings-self-approval" checked={form.ownerSelfApproval} onCheckedChange={(v) => set('ownerSelfApproval', v)} />
              <div className="grid gap-1">
                <Label htmlFor="settings-self-approval">Owners may approve their own posts</Label>
                <p className="text-xs text-zinc-500" data-testid="settings-self-approval-note">
                  Each such approval is recorded in the audit log as a self-approval. Unless an owner chooses, this is on while the studio has one member and off once someone else
                  could review.{' '}
                  {saved.ownerSelfApprovalChosen
                    ? 'An owner has chosen the current value.'
                    : `Not chosen yet: the default applies (the studio has ${saved.members} ${saved.members === 1 ? 'member' : 'members'}).`}
                </p>
              </div>
            </div>
            <div className="flex items-start gap-3">
              <Switch id="settings-continuity" checked={form.continuityBlocksSubmit} onCheckedChange={(v) => set('continuityBlocksSubmit', v)} />
              <div className="grid gap-1">
                <Label htmlFor="settings-continuity">Refuse captions that contradict the character</Label>
                <p className="text-xs text-zinc-500">When off, the continuity check only flags them in review.</p>
              </div>
            </div>
          </CardContent>
        </Card>
      </div>
    </form>
  )
}
