import * as React from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Plus, Trash2 } from 'lucide-react'
import { errorMessage, ProblemError } from '@/lib/api'
import type { Channel, ChannelInput, Character } from '@/lib/model'
import { usePlatformName, usePlatforms } from '@/lib/descriptors'
import { Button } from '@/components/ui/button'
import { CharacterAvatar } from '@/components/ui/avatar'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Select } from '@/components/ui/select'
import { useToast } from '@/components/ui/toast'
import { FormAlert } from '../AuthShell'
import { fieldProblem, platformForm, type FormField } from './platforms'
import { PlatformPicker } from './PlatformPicker'
import { useStudioDefaults } from '../SettingsPage'
import { client, data } from '@/lib/api'

interface Row {
  key: string
  value: string
}

/** Connect a channel (channel = null) or reconnect one: new credentials, address and settings. Owners only. */
export function ChannelDialog({
  open,
  channel,
  characters,
  defaultCharacterId,
  onOpenChange,
}: {
  open: boolean
  channel: Channel | null
  characters: Character[]
  defaultCharacterId: string
  onOpenChange: (o: boolean) => void
}) {
  const qc = useQueryClient()
  const toast = useToast()
  const editing = !!channel
  const platforms = usePlatforms(open)
  const studioDefaults = useStudioDefaults()
  const platformName = usePlatformName()
  const [characterId, setCharacterId] = React.useState('')
  const [platform, setPlatform] = React.useState('')
  const [name, setName] = React.useState('')
  const [baseUrl, setBaseUrl] = React.useState('')
  const [creds, setCreds] = React.useState<Record<string, string>>({})
  const [settings, setSettings] = React.useState<Record<string, string>>({})
  const [credRows, setCredRows] = React.useState<Row[]>([])
  const [settingRows, setSettingRows] = React.useState<Row[]>([])
  const [local, setLocal] = React.useState<Record<string, string>>({})

  const form = platformForm(platforms.data?.find((p) => p.type === platform))

  const m = useMutation({
    mutationFn: (body: ChannelInput) =>
      editing ? data(client.PATCH('/api/v1/channels/{id}', { params: { path: { id: channel!.id } }, body })) : data(client.POST('/api/v1/channels', { body })),
    onSuccess: (c) => {
      qc.invalidateQueries({ queryKey: ['channels'] })
      toast.success(editing ? 'Channel updated' : 'Channel connected', editing ? 'Verify it to check the new credentials.' : (c?.name ?? name))
      onOpenChange(false)
    },
  })

  const pickPlatform = React.useCallback(
    (p: string, keepName = false) => {
      setPlatform(p)
      const f = platformForm(platforms.data?.find((x) => x.type === p))
      setBaseUrl(f.baseUrl?.default ?? '')
      setCreds({})
      setSettings({})
      setCredRows(f.generic ? [{ key: '', value: '' }] : [])
      setSettingRows([])
      setLocal({})
      if (!keepName) {
        const c = characters.find((x) => x.id === characterId)
        setName(c ? `${c.name} on ${platformName(p)}` : platformName(p))
      }
    },
    [characters, characterId, platforms.data, platformName],
  )

  React.useEffect(() => {
    if (!open) return
    m.reset()
    setLocal({})
    if (channel) {
      const f = platformForm(platforms.data?.find((x) => x.type === channel.platform))
      setCharacterId(channel.characterId)
      setPlatform(channel.platform)
      setName(channel.name)
      setBaseUrl(channel.baseUrl ?? '')
      setCreds({})
      const known = new Set(f.settings.map((s) => s.key))
      const s: Record<string, string> = {}
      const rows: Row[] = []
      for (const [k, v] of Object.entries(channel.settings ?? {})) {
        if (known.has(k) && !f.generic) s[k] = String(v ?? '')
        else rows.push({ key: k, value: typeof v === 'string' ? v : JSON.stringify(v) })
      }
      setSettings(s)
      setSettingRows(rows)
      setCredRows(f.generic ? [{ key: '', value: '' }] : [])
    } else {
      setCharacterId(defaultCharacterId || characters[0]?.id || '')
      setPlatform('')
      setName('')
      setBaseUrl('')
      setCreds({})
      setSettings({})
      setCredRows([])
      setSettingRows([])
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, channel, platforms.data])

  const server = m.error instanceof ProblemError ? m.error.fieldMap() : {}
  const errors: Record<string, string> = { ...server, ...local }

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const v: Record<string, string> = {}
    if (!editing && !characterId) v.characterId = 'Pick a character'
    if (!platform) v.platform = 'Pick a platform'
    if (!name.trim()) v.name = 'Give the channel a name'
    const url = baseUrl.trim()
    const urlProblem = fieldProblem({ label: form.baseUrl?.label ?? 'Base URL', required: form.baseUrl?.required, pattern: form.baseUrl?.pattern, type: 'url' }, url)
    if (urlProblem) v.baseUrl = urlProblem

    const credentials: Record<string, string> = {}
    for (const f of form.credentials) if (creds[f.key]?.trim()) credentials[f.key] = creds[f.key]!.trim()
    for (const r of credRows) if (r.key.trim() && r.value) credentials[r.key.trim()] = r.value
    // Reconnecting may leave credentials empty to keep the stored ones; all of them or none.
    const anyCred = Object.keys(credentials).length > 0
    if (!editing || anyCred) {
      for (const f of form.credentials) {
        const problem = fieldProblem(f, credentials[f.key] ?? '')
        if (problem) v[`credentials.${f.key}`] = problem
      }
    }
    const s: Record<string, unknown> = {}
    for (const f of form.settings) if (settings[f.key]?.trim()) s[f.key] = settings[f.key]!.trim()
    for (const f of form.settings) {
      const problem = fieldProblem(f, settings[f.key] ?? '')
      if (problem) v[`settings.${f.key}`] = problem
    }
    for (const r of settingRows) if (r.key.trim()) s[r.key.trim()] = r.value
    setLocal(v)
    if (Object.keys(v).length) return
    const body: Record<string, unknown> = { name: name.trim(), baseUrl: url || null, settings: s }
    if (!editing) Object.assign(body, { characterId, platform, credentials, autoApprove: false, queueSlots: studioDefaults.data?.defaultQueueSlots ?? [] })
    else if (anyCred) body.credentials = credentials
    m.mutate(body)
  }

  const fieldInput = (f: FormField, kind: 'credentials' | 'settings') => {
    const id = `channel-${kind}-${f.key}`
    const err = errors[`${kind}.${f.key}`]
    const values = kind === 'credentials' ? creds : settings
    const setValues = kind === 'credentials' ? setCreds : setSettings
    const keep = kind === 'credentials' && editing
    return (
      <Field key={id} id={id} label={f.label} hint={keep ? 'Stored. Leave every credential empty to keep them.' : f.hint} error={err}>
        {f.options ? (
          <Select
            id={id}
            data-testid={id}
            value={values[f.key] || undefined}
            placeholder={f.default ? `Default: ${f.default}` : 'Server default'}
            options={f.options.map((o) => ({ value: o, label: o }))}
            onValueChange={(v) => setValues((x) => ({ ...x, [f.key]: v }))}
          />
        ) : (
          <Input
            id={id}
            data-testid={id}
            type={f.secret ? 'password' : f.type === 'integer' ? 'number' : 'text'}
            autoComplete={kind === 'credentials' ? 'off' : undefined}
            placeholder={keep ? '••••••••' : (f.placeholder ?? f.default)}
            value={values[f.key] ?? ''}
            aria-invalid={!!err}
            className={f.secret ? 'font-mono' : undefined}
            onChange={(e) => setValues((x) => ({ ...x, [f.key]: e.target.value }))}
          />
        )}
      </Field>
    )
  }

  const rowsEditor = (label: string, rows: Row[], setRows: (r: Row[]) => void, secret: boolean) => (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium text-zinc-800">{label}</legend>
      {rows.map((r, i) => (
        <div key={i} className="grid grid-cols-[10rem_1fr_auto] gap-2">
          <Input
            aria-label={`${label} ${i + 1} name`}
            placeholder="name"
            className="font-mono"
            value={r.key}
            onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))}
          />
          <Input
            aria-label={`${label} ${r.key || i + 1} value`}
            type={secret ? 'password' : 'text'}
            autoComplete="off"
            placeholder="value"
            value={r.value}
            onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
          />
          <Button variant="ghost" size="icon" aria-label={`Remove ${r.key || 'row'}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
            <Trash2 />
          </Button>
        </div>
      ))}
      <div>
        <Button variant="outline" size="sm" onClick={() => setRows([...rows, { key: '', value: '' }])}>
          <Plus /> Add
        </Button>
      </div>
    </fieldset>
  )

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[calc(100vh-2rem)] max-w-xl overflow-y-auto" data-testid="channel-dialog">
        <form className="grid gap-4" noValidate onSubmit={submit}>
          <DialogHeader>
            <DialogTitle>{editing ? `Reconnect ${channel!.name}` : 'Connect a channel'}</DialogTitle>
            <DialogDescription>{platform ? form.description : 'Where a character publishes.'} Credentials are stored encrypted and never shown again.</DialogDescription>
          </DialogHeader>
          {m.isError && <FormAlert>{errorMessage(m.error)}</FormAlert>}
          {platforms.isError && <FormAlert>{errorMessage(platforms.error)}</FormAlert>}
          {!editing && (
            <>
              <Field id="channel-character" label="Character" error={errors.characterId}>
                <Select
                  id="channel-character"
                  value={characterId}
                  invalid={!!errors.characterId}
                  className="min-w-0"
                  options={characters.map((c) => ({
                    value: c.id,
                    label: c.name,
                    icon: <CharacterAvatar name={c.name} assetId={c.avatarAssetId} className="size-5 rounded" textClassName="text-[10px]" />,
                  }))}
                  onValueChange={setCharacterId}
                />
              </Field>
              <fieldset className="grid gap-1.5">
                <legend className="mb-1.5 text-sm font-medium text-zinc-900">Platform</legend>
                {platforms.isPending ? (
                  <p className="text-sm text-zinc-500">Loading…</p>
                ) : (
                  <PlatformPicker platforms={platforms.data ?? []} value={platform} onPick={(p) => pickPlatform(p)} invalid={!!errors.platform} />
                )}
                {errors.platform && (
                  <p role="alert" className="text-xs font-medium text-red-600">
                    {errors.platform}
                  </p>
                )}
              </fieldset>
            </>
          )}
          {platform && (
            <>
              <Field id="channel-name" label="Name" hint="How the dashboard names this channel." error={errors.name}>
                <Input id="channel-name" data-testid="channel-name" value={name} aria-invalid={!!errors.name} onChange={(e) => setName(e.target.value)} />
              </Field>
              {form.baseUrl && (
                <Field id="channel-url" label={form.baseUrl.label} hint={form.baseUrl.hint ?? (form.baseUrl.required ? undefined : 'Optional.')} error={errors.baseUrl}>
                  <Input
                    id="channel-url"
                    className="font-mono"
                    value={baseUrl}
                    aria-invalid={!!errors.baseUrl}
                    placeholder={form.baseUrl.placeholder ?? form.baseUrl.default ?? 'https://…'}
                    onChange={(e) => setBaseUrl(e.target.value)}
                  />
                </Field>
              )}
              {form.credentials.length > 0 && <div className="grid gap-4 sm:grid-cols-2">{form.credentials.map((f) => fieldInput(f, 'credentials'))}</div>}
              {form.settings.length > 0 && <div className="grid gap-4 sm:grid-cols-2">{form.settings.map((f) => fieldInput(f, 'settings'))}</div>}
              {form.generic && rowsEditor('Credentials', credRows, setCredRows, true)}
              {(form.generic || settingRows.length > 0) && rowsEditor('Settings', settingRows, setSettingRows, false)}
              {Object.entries(server)
                .filter(([k]) => k.startsWith('credentials') || k.startsWith('settings'))
                .filter(([k]) => !form.credentials.some((f) => `credentials.${f.key}` === k) && !form.settings.some((f) => `settings.${f.key}` === k))
                .map(([k, v]) => (
                  <p key={k} role="alert" className="text-xs font-medium text-red-600">
                    {k}: {v}
                  </p>
                ))}
            </>
          )}
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={m.isPending || !platform} data-testid="channel-save">
              {m.isPending ? 'Saving…' : editing ? 'Save' : 'Connect'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
