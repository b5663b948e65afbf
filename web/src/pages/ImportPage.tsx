import * as React from 'react'
import { Link, Navigate, useNavigate } from 'react-router'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ArrowLeft, BookOpen, FileJson, FileUp, MessageSquare, Puzzle, UploadCloud } from 'lucide-react'
import { upload, errorMessage, ProblemError } from '@/lib/api'
import { canEdit, normalizeCharacter, type Character, type User } from '@/lib/model'
import { cn, excerpt } from '@/lib/utils'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Field } from '@/components/ui/field'
import { Badge } from '@/components/ui/badge'
import { Card } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { CharacterAvatar } from '@/components/ui/avatar'
import { useToast } from '@/components/ui/toast'
import { PageHeader } from '@/components/layout/PageHeader'
import { FormAlert } from './AuthShell'

const ACCEPT = '.png,.json,.charx,image/png,application/json'

function acceptable(f: File) {
  const n = f.name.toLowerCase()
  return n.endsWith('.png') || n.endsWith('.json') || n.endsWith('.charx') || f.type === 'image/png' || f.type === 'application/json'
}

export function ImportPage({ user }: { user: User }) {
  const navigate = useNavigate()
  const qc = useQueryClient()
  const toast = useToast()
  const [file, setFile] = React.useState<File | null>(null)
  const [previewUrl, setPreviewUrl] = React.useState<string | null>(null)
  const [handle, setHandle] = React.useState('')
  const [dragOver, setDragOver] = React.useState(false)
  const [localError, setLocalError] = React.useState<string | null>(null)
  const inputRef = React.useRef<HTMLInputElement>(null)

  React.useEffect(() => () => void (previewUrl && URL.revokeObjectURL(previewUrl)), [previewUrl])

  const preview = useMutation({
    mutationFn: (f: File) => upload<Character>('/api/v1/characters/import', f, undefined, { dryRun: true }),
    onSuccess: (c) => setHandle(c?.handle ?? ''),
  })

  const save = useMutation({
    mutationFn: () => upload<Character>('/api/v1/characters/import', file!, handle.trim() ? { handle: handle.trim() } : undefined),
    onSuccess: (c) => {
      qc.invalidateQueries({ queryKey: ['characters'] })
      qc.setQueryData(['character', c.id], c)
      toast.success('Character imported', `${c.name} is ready to edit.`)
      navigate(`/characters/${c.id}`)
    },
  })

  if (!canEdit(user.role)) return <Navigate to="/characters" replace />

  const pick = (f: File | undefined | null) => {
    if (!f) return
    setLocalError(null)
    save.reset()
    if (!acceptable(f)) {
      setLocalError('Choose a character card as a .png or .json file.')
      return
    }
    setFile(f)
    setPreviewUrl(f.name.toLowerCase().endsWith('.png') || f.type === 'image/png' ? URL.createObjectURL(f) : null)
    preview.mutate(f)
  }

  const c = preview.data ? normalizeCharacter(preview.data) : null
  const p = c?.persona
  const greetings = p ? (p.first_mes ? 1 : 0) + (p.alternate_greetings?.length ?? 0) : 0
  const groupGreetings = p?.group_only_greetings?.length ?? 0
  const loreEntries = p?.character_book?.entries?.length ?? 0
  const extKeys = p ? Object.keys(p.extensions ?? {}) : []
  const saveErrors = save.error instanceof ProblemError ? save.error.fieldMap() : {}

  return (
    <div>
      <Link to="/characters" className="mb-4 inline-flex items-center gap-1.5 text-sm text-zinc-500 hover:text-zinc-900">
        <ArrowLeft className="size-4" /> Characters
      </Link>
      <PageHeader title="Import a character card" description="Character Card V2 or V3, as a PNG with an embedded card or as JSON." />

      <div
        data-testid="import-dropzone"
        // the file input inside is the control (keyboard and screen readers reach it); the zone adds drag and drop
        onClick={() => inputRef.current?.click()}
        onDragOver={(e) => {
          e.preventDefault()
          setDragOver(true)
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={(e) => {
          e.preventDefault()
          setDragOver(false)
          pick(e.dataTransfer.files?.[0])
        }}
        className={cn(
          'flex cursor-pointer flex-col items-center justify-center rounded-xl border-2 border-dashed px-6 py-12 text-center transition-colors focus-within:ring-2 focus-within:ring-violet-500',
          dragOver ? 'border-violet-500 bg-violet-50' : 'border-zinc-300 bg-white hover:border-violet-400 hover:bg-zinc-50',
        )}
      >
        <div className="mb-3 flex size-12 items-center justify-center rounded-full bg-violet-50 text-violet-600">
          <UploadCloud className="size-6" />
        </div>
        <p className="text-sm font-medium text-zinc-900">{file ? file.name : 'Drop a card here, or click to choose'}</p>
        <p className="mt-1 text-xs text-zinc-500">.png or .json · the file is checked before anything is saved</p>
        <input
          ref={inputRef}
          id="import-file"
          type="file"
          accept={ACCEPT}
          className="sr-only"
          aria-label="Choose a character card file (.png or .json)"
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => {
            pick(e.target.files?.[0])
            e.target.value = ''
          }}
        />
      </div>

      <div className="mt-6 grid gap-4">
        {localError && <FormAlert>{localError}</FormAlert>}
        {preview.isError && <FormAlert title={preview.error instanceof ProblemError ? preview.error.title : 'Import failed'}>{errorMessage(preview.error)}</FormAlert>}

        {preview.isPending && (
          <Card className="flex gap-6 p-6">
            <Skeleton className="size-32 rounded-lg" />
            <div className="flex-1 space-y-3">
              <Skeleton className="h-5 w-1/3" />
              <Skeleton className="h-3 w-full" />
              <Skeleton className="h-3 w-5/6" />
              <Skeleton className="h-3 w-2/3" />
            </div>
          </Card>
        )}

        {c && p && !preview.isPending && (
          <Card data-testid="import-preview" className="overflow-hidden">
            <div className="flex flex-col gap-6 p-6 sm:flex-row">
              <CharacterAvatar name={c.name} src={previewUrl} className="size-32 shrink-0 rounded-lg ring-1 ring-zinc-200" textClassName="text-4xl" />
              <div className="min-w-0 flex-1">
                <div className="flex items-center gap-2">
                  {previewUrl ? <FileUp className="size-4 text-zinc-400" /> : <FileJson className="size-4 text-zinc-400" />}
                  <span className="text-xs uppercase tracking-wide text-zinc-500">Preview · not saved yet</span>
                </div>
                <h2 data-testid="import-preview-name" className="mt-1 text-xl font-semibold text-zinc-900">
                  {c.name}
                </h2>
                <p className="mt-2 text-sm leading-relaxed text-zinc-600">{excerpt(p.description, 400) || <span className="italic text-zinc-400">No description</span>}</p>
                {p.tags.length > 0 && (
                  <div className="mt-3 flex flex-wrap gap-1.5">
                    {p.tags.map((t) => (
                      <Badge key={t} variant="secondary">
                        {t}
                      </Badge>
                    ))}
                  </div>
                )}
                <dl className="mt-4 grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
                  <Stat icon={<MessageSquare />} label="Greetings" value={`${greetings}${groupGreetings ? ` (+${groupGreetings} group)` : ''}`} testId="import-greetings" />
                  <Stat icon={<BookOpen />} label="Lorebook entries" value={String(loreEntries)} testId="import-lore" />
                  <Stat icon={<Puzzle />} label="Extensions" value={extKeys.length ? extKeys.join(', ') : 'none'} testId="import-extensions" />
                </dl>
              </div>
            </div>
            <div className="flex flex-col gap-4 border-t border-zinc-100 bg-zinc-50/60 p-6 sm:flex-row sm:items-end">
              <Field id="import-handle" label="Handle" hint="Lowercase letters, digits, dot, dash or underscore." error={saveErrors.handle} className="flex-1">
                <div className="relative">
                  <span className="pointer-events-none absolute left-3 top-1/2 -translate-y-1/2 text-sm text-zinc-400">@</span>
                  <Input id="import-handle" className="pl-7" value={handle} onChange={(e) => setHandle(e.target.value)} aria-invalid={!!saveErrors.handle} />
                </div>
              </Field>
              <Button data-testid="save-import" size="lg" disabled={save.isPending} onClick={() => save.mutate()} className="sm:mb-5">
                {save.isPending ? 'Saving…' : 'Save character'}
              </Button>
            </div>
            {save.isError && !saveErrors.handle && (
              <div className="px-6 pb-6">
                <FormAlert>{errorMessage(save.error)}</FormAlert>
              </div>
            )}
          </Card>
        )}
      </div>
    </div>
  )
}

function Stat({ icon, label, value, testId }: { icon: React.ReactNode; label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white px-3 py-2">
      <dt className="flex items-center gap-1.5 text-xs text-zinc-500 [&_svg]:size-3.5">
        {icon}
        {label}
      </dt>
      <dd data-testid={testId} className="mt-0.5 truncate font-medium text-zinc-900" title={value}>
        {value}
      </dd>
    </div>
  )
}
