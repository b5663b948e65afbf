import * as React from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { FileUp, Trash2 } from 'lucide-react'
import { api, errorMessage, ProblemError } from '@/lib/api'
import type { User } from '@/lib/model'
import { useComfyTemplates } from '@/lib/queries'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Skeleton } from '@/components/ui/skeleton'
import { Textarea } from '@/components/ui/textarea'
import { useToast } from '@/components/ui/toast'
import { FormAlert } from '../AuthShell'

/** JSON text as the server should see it, or the reason it is not JSON. */
export function parseWorkflow(text: string): { json?: unknown; error?: string } {
  if (!text.trim()) return { error: 'Paste a workflow or pick its file' }
  try {
    return { json: JSON.parse(text) }
  } catch (e) {
    return { error: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` }
  }
}

/**
 * ComfyUI workflow templates: the shipped ones and those owners import. An import is a workflow exported with
 * "Save (API format)", with Troupe bindings or SillyTavern's %placeholders%; the server says what is wrong with it.
 */
export function TemplatesSection({ user }: { user: User }) {
  const owner = user.role === 'OWNER'
  const templates = useComfyTemplates()
  const qc = useQueryClient()
  const toast = useToast()
  const [name, setName] = React.useState('')
  const [text, setText] = React.useState('')
  const [local, setLocal] = React.useState('')
  const fileRef = React.useRef<HTMLInputElement>(null)

  const importing = useMutation({
    mutationFn: (json: unknown) => api<{ name: string }>('POST', '/api/v1/comfyui/templates', { json, query: { name: name.trim() || undefined } }),
    onSuccess: (t) => {
      qc.invalidateQueries({ queryKey: ['comfyui-templates'] })
      toast.success(`Template ${t.name} imported`)
      setText('')
      setName('')
    },
  })
  const remove = useMutation({
    mutationFn: (n: string) => api('DELETE', `/api/v1/comfyui/templates/${encodeURIComponent(n)}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['comfyui-templates'] }),
  })
  const problem = importing.error instanceof ProblemError ? importing.error : null
  const fields = problem?.fieldMap() ?? {}

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const parsed = parseWorkflow(text)
    setLocal(parsed.error ?? '')
    if (!parsed.error) importing.mutate(parsed.json)
  }

  return (
    <div className="grid gap-6">
      {owner && (
        <Card>
          <form onSubmit={submit} noValidate>
            <CardHeader>
              <CardTitle>Import a ComfyUI workflow</CardTitle>
              <CardDescription>
                In ComfyUI use Workflow → Export (API). Workflows with SillyTavern placeholders (%prompt%, %seed%, %char_avatar%…) import as they are.
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              {importing.isError && (
                <FormAlert title="The workflow was not imported">
                  <span data-testid="template-import-error">{errorMessage(importing.error)}</span>
                  {Object.keys(fields).length > 0 && (
                    <ul className="mt-1 list-disc pl-5">
                      {Object.entries(fields).map(([f, reason]) => (
                        <li key={f}>
                          <code>{f}</code>: {reason}
                        </li>
                      ))}
                    </ul>
                  )}
                </FormAlert>
              )}
              <Field id="template-name" label="Name" hint="Optional: lower-case letters, digits and dashes; taken from the file otherwise." error={fields.name}>
                <Input id="template-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!fields.name} />
              </Field>
              <Field id="template-json" label="Workflow (API format JSON)" error={local || fields.template || fields.workflow || fields.bindings}>
                <div className="grid gap-2">
                  <Textarea id="template-json" data-testid="template-json" rows={8} className="font-mono text-xs" value={text} onChange={(e) => setText(e.target.value)} />
                  <input
                    ref={fileRef}
                    type="file"
                    accept="application/json,.json"
                    className="sr-only"
                    aria-label="Workflow file"
                    onChange={async (e) => {
                      const f = e.target.files?.[0]
                      if (f) {
                        setText(await f.text())
                        if (!name)
                          setName(
                            f.name
                              .replace(/\.json$/i, '')
                              .toLowerCase()
                              .replace(/[^a-z0-9-]+/g, '-'),
                          )
                      }
                      e.target.value = ''
                    }}
                  />
                  <div>
                    <Button type="button" variant="outline" size="sm" onClick={() => fileRef.current?.click()}>
                      <FileUp /> Pick a file
                    </Button>
                  </div>
                </div>
              </Field>
              <div className="flex justify-end">
                <Button type="submit" data-testid="template-import" disabled={importing.isPending}>
                  {importing.isPending ? 'Importing…' : 'Import'}
                </Button>
              </div>
            </CardContent>
          </form>
        </Card>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Templates</CardTitle>
        </CardHeader>
        <CardContent>
          {templates.isPending ? (
            <Skeleton className="h-24" />
          ) : templates.isError ? (
            <FormAlert>{errorMessage(templates.error)}</FormAlert>
          ) : (
            <ul className="grid gap-2" data-testid="template-list">
              {(templates.data ?? []).map((t) => (
                <li key={t.name} className="flex items-start gap-3 rounded-md border border-zinc-200 p-3">
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium text-zinc-900">{t.name}</span>
                      <Badge variant="secondary">{String(t.modality).toLowerCase()}</Badge>
                      <Badge variant={t.source === 'imported' ? 'success' : 'secondary'}>{t.source}</Badge>
                    </div>
                    {t.description && <p className="mt-1 text-sm text-zinc-600">{t.description}</p>}
                    <p className="mt-1 text-xs text-zinc-500">Binds: {(t.bindings ?? []).join(', ')}</p>
                  </div>
                  {owner && t.source === 'imported' && (
                    <Button variant="ghost" size="sm" aria-label={`Delete ${t.name}`} onClick={() => remove.mutate(t.name)}>
                      <Trash2 />
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  )
}
