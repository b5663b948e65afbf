import * as React from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Plus, Trash2 } from 'lucide-react'
import { api, post, errorMessage, ProblemError } from '@/lib/api'
import { BACKEND_TYPES, type Backend, type BackendType } from '@/lib/model'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Select } from '@/components/ui/select'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { useToast } from '@/components/ui/toast'
import { FormAlert } from '../AuthShell'
import { Checkbox } from '../character/common'
import { BACKEND_TYPE_INFO, typeInfo } from './backends'

interface Row {
  key: string
  value: string
}

const typeOptions = BACKEND_TYPES.map((t) => ({ value: t, label: BACKEND_TYPE_INFO[t].label, description: BACKEND_TYPE_INFO[t].description }))

/** Add (backend = null) or edit a backend. Owners only. */
export function BackendDialog({ open, backend, onOpenChange }: { open: boolean; backend: Backend | null; onOpenChange: (o: boolean) => void }) {
  const qc = useQueryClient()
  const toast = useToast()
  const editing = !!backend
  const [id, setId] = React.useState('')
  const [type, setType] = React.useState<BackendType | string>('comfyui')
  const [baseUrl, setBaseUrl] = React.useState('')
  const [apiKey, setApiKey] = React.useState('')
  const [removeKey, setRemoveKey] = React.useState(false)
  const [maxConcurrent, setMaxConcurrent] = React.useState('1')
  const [enabled, setEnabled] = React.useState(true)
  const [rows, setRows] = React.useState<Row[]>([])
  const [local, setLocal] = React.useState<Record<string, string>>({})

  const m = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      editing ? api<Backend>('PATCH', `/api/v1/backends/${encodeURIComponent(backend!.id)}`, { json: body }) : post<Backend>('/api/v1/backends', body),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['backends'] })
      toast.success(editing ? 'Backend saved' : 'Backend added', editing ? backend!.id : id.trim())
      onOpenChange(false)
    },
  })

  React.useEffect(() => {
    if (!open) return
    setId(backend?.id ?? '')
    setType(backend?.type ?? 'comfyui')
    setBaseUrl(backend?.baseUrl ?? '')
    setApiKey('')
    setRemoveKey(false)
    setMaxConcurrent(String(backend?.maxConcurrent ?? 1))
    setEnabled(backend?.enabled ?? true)
    setRows(Object.entries(backend?.options ?? {}).map(([key, value]) => ({ key, value: String(value ?? '') })))
    setLocal({})
    m.reset()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, backend])

  const info = typeInfo(type)
  const hints = Object.fromEntries(info.options.map((o) => [o.key, o.hint]))
  const missingSuggestions = info.options.filter((o) => !rows.some((r) => r.key.trim() === o.key))
  const server = m.error instanceof ProblemError ? m.error.fieldMap() : {}
  const errors: Record<string, string> = { ...server, ...local }
  const optionError = Object.entries(errors).find(([k]) => k === 'options' || k.startsWith('options.'))?.[1]

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const v: Record<string, string> = {}
    if (!editing && !/^[a-z0-9][a-z0-9_.-]{0,62}$/i.test(id.trim())) v.id = 'Letters, digits, dot, dash or underscore (e.g. gpu-1)'
    const url = baseUrl.trim()
    if (info.needsUrl && !url) v.baseUrl = 'Enter the server address'
    else if (url && !/^https?:\/\/\S+$/i.test(url)) v.baseUrl = 'Start with http:// or https://'
    const mc = Number(maxConcurrent)
    if (!Number.isInteger(mc) || mc < 1 || mc > 64) v.maxConcurrent = 'A whole number from 1 to 64'
    const options: Record<string, string> = {}
    for (const r of rows) {
      const k = r.key.trim()
      if (!k && !r.value.trim()) continue
      if (!k) v.options = 'Every option needs a name'
      else if (k in options) v.options = `Option “${k}” appears twice`
      else options[k] = r.value.trim()
    }
    setLocal(v)
    if (Object.keys(v).length) return
    const body: Record<string, unknown> = { type, baseUrl: url || null, maxConcurrent: mc, enabled, options }
    if (!editing) body.id = id.trim()
    if (apiKey) body.apiKey = apiKey
    else if (editing && removeKey) body.apiKey = null
    m.mutate(body)
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[calc(100vh-2rem)] max-w-xl overflow-y-auto" data-testid="backend-dialog">
        <form className="grid gap-4" noValidate onSubmit={submit}>
          <DialogHeader>
            <DialogTitle>{editing ? `Edit ${backend!.id}` : 'Add a backend'}</DialogTitle>
            <DialogDescription>
              {editing && backend!.source === 'config'
                ? 'This backend comes from application.yaml; changes made here may be overridden by the file.'
                : 'A server Troupe sends generation work to. Test it after saving.'}
            </DialogDescription>
          </DialogHeader>
          {m.isError && !Object.keys(server).length && <FormAlert>{errorMessage(m.error)}</FormAlert>}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="backend-id" label="ID" hint={editing ? 'The id cannot change.' : 'A short name, e.g. gpu-1'} error={errors.id}>
              <Input id="backend-id" value={id} disabled={editing} onChange={(e) => setId(e.target.value)} aria-invalid={!!errors.id} placeholder="gpu-1" autoFocus={!editing} />
            </Field>
            <Field id="backend-type" label="Type" error={errors.type}>
              <Select id="backend-type" value={type} onValueChange={setType} options={typeOptions} invalid={!!errors.type} />
            </Field>
          </div>
          {info.description && <p className="-mt-2 text-xs text-zinc-500">{info.description}</p>}
          <Field id="backend-url" label="Base URL" hint={info.needsUrl ? undefined : 'Optional for this type.'} error={errors.baseUrl}>
            <Input id="backend-url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder={info.placeholder} aria-invalid={!!errors.baseUrl} className="font-mono" />
          </Field>
          <div className="grid gap-4 sm:grid-cols-[1fr_9rem]">
            <Field
              id="backend-key"
              label="API key"
              hint={editing && backend!.hasApiKey ? 'A key is stored. Leave empty to keep it.' : 'Optional. Stored encrypted, never shown again.'}
              error={errors.apiKey}
            >
              <Input
                id="backend-key"
                type="password"
                autoComplete="new-password"
                value={apiKey}
                disabled={removeKey}
                onChange={(e) => setApiKey(e.target.value)}
                placeholder={editing && backend!.hasApiKey ? '••••••••' : ''}
              />
            </Field>
            <Field id="backend-max" label="Max concurrent" error={errors.maxConcurrent}>
              <Input id="backend-max" type="number" min={1} max={64} value={maxConcurrent} onChange={(e) => setMaxConcurrent(e.target.value)} aria-invalid={!!errors.maxConcurrent} />
            </Field>
          </div>
          {editing && backend!.hasApiKey && <Checkbox id="backend-remove-key" label="Remove the stored API key" checked={removeKey} onChange={setRemoveKey} />}
          <Checkbox id="backend-enabled" label="Enabled: send jobs to this backend" checked={enabled} onChange={setEnabled} />

          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium text-zinc-800">Options</legend>
            {rows.length === 0 && <p className="text-xs text-zinc-500">No options{info.options.length ? '' : ' needed for this type'}.</p>}
            {rows.map((r, i) => (
              <div key={i} className="grid grid-cols-[10rem_1fr_auto] items-start gap-2" data-testid="backend-option-row">
                <Input aria-label={`Option ${i + 1} name`} placeholder="name" value={r.key} className="font-mono" onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))} />
                <div className="grid gap-1">
                  <Input
                    aria-label={`Option ${r.key || i + 1} value`}
                    placeholder={r.key === 'flavour' ? 'api-server' : 'value'}
                    value={r.value}
                    onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
                  />
                  {hints[r.key.trim()] && <p className="text-xs text-zinc-500">{hints[r.key.trim()]}</p>}
                </div>
                <Button variant="ghost" size="icon" aria-label={`Remove option ${r.key || i + 1}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  <Trash2 />
                </Button>
              </div>
            ))}
            {optionError && (
              <p role="alert" className="text-xs font-medium text-red-600">
                {optionError}
              </p>
            )}
            <div className="flex flex-wrap items-center gap-2">
              <Button variant="outline" size="sm" onClick={() => setRows([...rows, { key: '', value: '' }])}>
                <Plus /> Add option
              </Button>
              {missingSuggestions.map((o) => (
                <Button key={o.key} variant="secondary" size="sm" title={o.hint} onClick={() => setRows([...rows, { key: o.key, value: '' }])}>
                  <Plus /> <span className="font-mono">{o.key}</span>
                </Button>
              ))}
            </div>
          </fieldset>

          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={m.isPending} data-testid="backend-save">
              {m.isPending ? 'Saving…' : editing ? 'Save' : 'Add backend'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
