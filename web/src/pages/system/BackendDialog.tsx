import * as React from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Plus, Trash2 } from 'lucide-react'
import { errorMessage, ProblemError } from '@/lib/api'
import type { Backend, BackendInput, BackendOption } from '@/lib/model'
import { useBackendTypes } from '@/lib/descriptors'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Select } from '@/components/ui/select'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { useToast } from '@/components/ui/toast'
import { FormAlert } from '../AuthShell'
import { Checkbox } from '../character/common'
import { typeInfo } from './backends'
import { client, data } from '@/lib/api'

interface Row {
  key: string
  value: string
}

/** Add (backend = null) or edit a backend. Owners only. */
export function BackendDialog({ open, backend, onOpenChange }: { open: boolean; backend: Backend | null; onOpenChange: (o: boolean) => void }) {
  const qc = useQueryClient()
  const toast = useToast()
  const editing = !!backend
  const [id, setId] = React.useState('')
  const types = useBackendTypes(open)
  const [type, setType] = React.useState('')
  const [baseUrl, setBaseUrl] = React.useState('')
  const [apiKey, setApiKey] = React.useState('')
  const [removeKey, setRemoveKey] = React.useState(false)
  const [maxConcurrent, setMaxConcurrent] = React.useState('1')
  const [enabled, setEnabled] = React.useState(true)
  const [rows, setRows] = React.useState<Row[]>([])
  const [values, setValues] = React.useState<Record<string, string>>({})
  const [local, setLocal] = React.useState<Record<string, string>>({})

  const m = useMutation({
    mutationFn: (body: BackendInput) =>
      editing ? data(client.PATCH('/api/v1/backends/{id}', { params: { path: { id: backend!.id } }, body })) : data(client.POST('/api/v1/backends', { body })),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['backends'] })
      toast.success(editing ? 'Backend saved' : 'Backend added', editing ? backend!.id : id.trim())
      onOpenChange(false)
    },
  })

  React.useEffect(() => {
    if (!open) return
    setId(backend?.id ?? '')
    setType(backend?.type ?? '')
    setBaseUrl(backend?.baseUrl ?? '')
    setApiKey('')
    setRemoveKey(false)
    setMaxConcurrent(String(backend?.maxConcurrent ?? 1))
    setEnabled(backend?.enabled ?? true)
    setValues(Object.fromEntries(Object.entries(backend?.options ?? {}).map(([key, value]) => [key, String(value ?? '')])))
    setRows([])
    setLocal({})
    m.reset()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, backend])

  // the first type the server offers, once the list is in
  React.useEffect(() => {
    if (open && !type && types.data?.length) setType(types.data[0]!.type)
  }, [open, type, types.data])

  const descriptor = types.data?.find((t) => t.type === type)
  const info = typeInfo(descriptor, type)
  const typeOptions = (types.data ?? []).map((t) => {
    const i = typeInfo(t, t.type)
    return { value: t.type, label: i.label, description: i.description }
  })
  const known = new Set(info.options.map((o) => o.name))
  // options the descriptor does not list (set in application.yaml, or from an older version) stay editable as rows
  const extra = Object.entries(values).filter(([k]) => !known.has(k))
  const server = m.error instanceof ProblemError ? m.error.fieldMap() : {}
  const errors: Record<string, string> = { ...server, ...local }
  const optionError = Object.entries(errors).find(([k]) => k === 'options' || (k.startsWith('options.') && !known.has(k.slice(8))))?.[1]

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
    for (const o of info.options) {
      const value = (values[o.name] ?? '').trim()
      if (value) options[o.name] = value
      else if (o.required) v[`options.${o.name}`] = `Enter the ${o.label.toLowerCase()}`
      if (value && o.type === 'integer' && !/^-?\d+$/.test(value)) v[`options.${o.name}`] = 'A whole number'
    }
    for (const [k, value] of extra) if (value.trim()) options[k] = value.trim()
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
              <Select id="backend-type" data-testid="backend-type" value={type} onValueChange={setType} options={typeOptions} invalid={!!errors.type} />
            </Field>
          </div>
          {info.description && <p className="-mt-2 text-xs text-zinc-500">{info.description}</p>}
          <Field id="backend-url" label="Base URL" hint={info.needsUrl ? undefined : 'Optional for this type.'} error={errors.baseUrl}>
            <Input
              id="backend-url"
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
              placeholder={info.placeholder}
              aria-invalid={!!errors.baseUrl}
              className="font-mono"
            />
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
              <Input
                id="backend-max"
                type="number"
                min={1}
                max={64}
                value={maxConcurrent}
                onChange={(e) => setMaxConcurrent(e.target.value)}
                aria-invalid={!!errors.maxConcurrent}
              />
            </Field>
          </div>
          {editing && backend!.hasApiKey && <Checkbox id="backend-remove-key" label="Remove the stored API key" checked={removeKey} onChange={setRemoveKey} />}
          <Checkbox id="backend-enabled" label="Enabled: send jobs to this backend" checked={enabled} onChange={setEnabled} />

          {info.options.length > 0 && (
            <div className="grid gap-4 sm:grid-cols-2" data-testid="backend-options">
              {info.options.map((o) => (
                <OptionInput
                  key={o.name}
                  option={o}
                  value={values[o.name] ?? ''}
                  error={errors[`options.${o.name}`]}
                  onChange={(value) => setValues((x) => ({ ...x, [o.name]: value }))}
                />
              ))}
            </div>
          )}
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium text-zinc-800">Other options</legend>
            {extra.map(([k, value]) => (
              <div key={k} className="grid grid-cols-[10rem_1fr_auto] items-start gap-2" data-testid="backend-option-row">
                <span className="truncate py-2 font-mono text-sm">{k}</span>
                <Input aria-label={`Option ${k} value`} value={value} onChange={(e) => setValues((x) => ({ ...x, [k]: e.target.value }))} />
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={`Remove option ${k}`}
                  onClick={() => setValues((x) => Object.fromEntries(Object.entries(x).filter(([key]) => key !== k)))}
                >
                  <Trash2 />
                </Button>
              </div>
            ))}
            {rows.map((r, i) => (
              <div key={i} className="grid grid-cols-[10rem_1fr_auto] items-start gap-2" data-testid="backend-option-row">
                <Input
                  aria-label={`Option ${i + 1} name`}
                  placeholder="name"
                  value={r.key}
                  className="font-mono"
                  onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))}
                />
                <Input
                  aria-label={`Option ${r.key || i + 1} value`}
                  placeholder="value"
                  value={r.value}
                  onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
                />
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
            <div>
              <Button variant="outline" size="sm" onClick={() => setRows([...rows, { key: '', value: '' }])}>
                <Plus /> Add option
              </Button>
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

/** One option of a backend type, as its descriptor types it. */
function OptionInput({ option: o, value, error, onChange }: { option: BackendOption; value: string; error?: string; onChange: (v: string) => void }) {
  const id = `backend-option-${o.name}`
  const placeholder = o.default ?? ''
  return (
    <Field id={id} label={o.label} hint={o.help} error={error}>
      {o.type === 'enum' || o.type === 'boolean' ? (
        <Select
          id={id}
          data-testid={id}
          value={value || undefined}
          placeholder={placeholder ? `Default: ${placeholder}` : 'Default'}
          options={(o.type === 'boolean' ? ['true', 'false'] : o.options).map((x) => ({ value: x, label: x }))}
          onValueChange={onChange}
        />
      ) : (
        <Input
          id={id}
          data-testid={id}
          type={o.type === 'password' || o.secret ? 'password' : o.type === 'integer' ? 'number' : 'text'}
          autoComplete="off"
          value={value}
          placeholder={placeholder}
          aria-invalid={!!error}
          className={o.type === 'url' || o.type === 'path' ? 'font-mono' : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  )
}
