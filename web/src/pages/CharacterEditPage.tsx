import * as React from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { AlertTriangle, ArrowLeft, Download, FileJson, Loader2, Save, Trash2 } from 'lucide-react'
import { upload, errorMessage, ProblemError } from '@/lib/api'
import { canEdit, emptyCharacter, normalizeCharacter, type Character, type CharacterInput, type User } from '@/lib/model'
import { formatDate } from '@/lib/utils'
import { Button } from '@/components/ui/button'
import { Badge } from '@/components/ui/badge'
import { Skeleton } from '@/components/ui/skeleton'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { EmptyState } from '@/components/ui/empty-state'
import { CharacterAvatar } from '@/components/ui/avatar'
import { useToast } from '@/components/ui/toast'
import { IdentityTab } from './character/IdentityTab'
import { PersonaTab } from './character/PersonaTab'
import { VisualTab } from './character/VisualTab'
import { VoiceTab, hasConsent } from './character/VoiceTab'
import { PreferencesTab } from './character/PreferencesTab'
import { useCharacter } from '@/lib/queries'
import { useStudioDefaults } from './SettingsPage'
import { client, data } from '@/lib/api'

export function CharacterEditPage({ user }: { user: User }) {
  const { id } = useParams()
  const q = useCharacter(id)
  const defaults = useStudioDefaults()
  if (!id) {
    if (defaults.isPending) return <EditorSkeleton />
    // a new character starts with the studio's time zone and disclosure line (Settings)
    const fresh = emptyCharacter()
    const d = defaults.data
    const initial = d ? { ...fresh, timeZone: d.timeZone || fresh.timeZone, preferences: { ...fresh.preferences, disclosure: d.disclosurePolicy } } : fresh
    return <Editor key="new" initial={initial} isNew user={user} />
  }
  if (q.isPending) return <EditorSkeleton />
  if (q.isError)
    return (
      <EmptyState
        icon={<AlertTriangle />}
        title={q.error instanceof ProblemError && q.error.status === 404 ? 'Character not found' : 'Could not load the character'}
        action={
          <Button variant="outline" asChild>
            <Link to="/characters">Back to characters</Link>
          </Button>
        }
      >
        {errorMessage(q.error)}
      </EmptyState>
    )
  return <Editor key={id} initial={normalizeCharacter(q.data)} isNew={false} user={user} />
}

function EditorSkeleton() {
  return (
    <div aria-busy="true">
      <Skeleton className="mb-6 h-4 w-24" />
      <div className="mb-8 flex items-center gap-4">
        <Skeleton className="size-16 rounded-xl" />
        <div className="space-y-2">
          <Skeleton className="h-6 w-48" />
          <Skeleton className="h-4 w-24" />
        </div>
      </div>
      <Skeleton className="mb-6 h-10 w-[28rem] max-w-full" />
      <div className="space-y-4">
        <Skeleton className="h-40 w-full rounded-xl" />
        <Skeleton className="h-56 w-full rounded-xl" />
      </div>
    </div>
  )
}

const TAB_PREFIX: Record<string, string> = { persona: 'persona', visual: 'visual', voice: 'voice', preferences: 'preferences' }
function tabOf(field: string): string {
  const head = field.split(/[.[]/)[0] ?? ''
  return TAB_PREFIX[head] ?? 'identity'
}

/** The request body for POST/PATCH: the character without server bookkeeping. */
function toBody(c: Character) {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...rest } = c
  const consent = c.voice.consent
  const hasAny = consent && (consent.speaker?.trim() || consent.statement?.trim())
  return {
    ...rest,
    voice: {
      ...rest.voice,
      consent: hasAny ? { speaker: consent!.speaker ?? '', statement: consent!.statement ?? '' } : null,
    },
  }
}

function comparable(c: Character) {
  return JSON.stringify(toBody(c))
}

function Editor({ initial, isNew, user }: { initial: Character; isNew: boolean; user: User }) {
  const navigate = useNavigate()
  const qc = useQueryClient()
  const toast = useToast()
  const editable = canEdit(user.role)
  const [saved, setSaved] = React.useState<Character>(initial)
  const [draft, setDraft] = React.useState<Character>(initial)
  const [errors, setErrors] = React.useState<Record<string, string>>({})
  const [formError, setFormError] = React.useState<string | null>(null)
  const [tab, setTab] = React.useState('identity')
  const [confirmDelete, setConfirmDelete] = React.useState(false)

  const dirty = React.useMemo(() => comparable(draft) !== comparable(saved), [draft, saved])

  React.useEffect(() => {
    if (!dirty) return
    const h = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', h)
    return () => window.removeEventListener('beforeunload', h)
  }, [dirty])

  const update = React.useCallback((fn: (d: Character) => Character) => setDraft((d) => fn(d)), [])
  const err = (path: string) => errors[path]

  /** Takes server-managed parts of a fresh character (after a media call) without touching unsaved edits. */
  const absorbServer = (c: Character) => {
    const n = normalizeCharacter(c)
    const merge = (d: Character): Character => ({
      ...d,
      version: n.version,
      updatedAt: n.updatedAt,
      avatarAssetId: n.avatarAssetId,
      visual: { ...d.visual, referenceAssetIds: n.visual.referenceAssetIds },
      voice: { ...d.voice, referenceClipAssetId: n.voice.referenceClipAssetId },
    })
    setSaved((s) => ({ ...merge(s), voice: { ...merge(s).voice, consent: n.voice.consent } }))
    setDraft(merge)
    qc.setQueryData(['character', n.id], n)
    qc.invalidateQueries({ queryKey: ['characters'] })
  }

  const save = useMutation({
    mutationFn: async () => {
      // cast: the persona is a free-form card object and a new consent has no recordedAt/By yet
      const body = toBody(draft) as unknown as CharacterInput
      if (isNew) return (await data(client.POST('/api/v1/characters', { body }))) as Character
      return (await data(client.PATCH('/api/v1/characters/{id}', { body, params: { path: { id: draft.id }, header: { 'If-Match': String(saved.version) } } }))) as Character
    },
    onMutate: () => {
      setErrors({})
      setFormError(null)
    },
    onSuccess: (c) => {
      const n = normalizeCharacter(c)
      qc.setQueryData(['character', n.id], n)
      qc.invalidateQueries({ queryKey: ['characters'] })
      toast.success(isNew ? 'Character created' : 'Changes saved', n.name)
      if (isNew) {
        navigate(`/characters/${n.id}`, { replace: true })
      } else {
        setSaved(n)
        setDraft(n)
      }
    },
    onError: (e) => {
      if (e instanceof ProblemError) {
        const map = e.fieldMap()
        setErrors(map)
        const fields = Object.keys(map)
        if (fields.length) {
          setTab(tabOf(fields[0]!))
          setFormError(`${e.title}: ${fields.length === 1 ? 'one field needs' : `${fields.length} fields need`} attention.`)
        } else if (e.status === 409 || e.status === 412) {
          setFormError('Someone else changed this character since you opened it. Reload the page to see their version (your unsaved edits will be lost).')
        } else {
          setFormError(errorMessage(e))
        }
        toast.error('Could not save', e.detail || e.title)
      } else {
        setFormError(errorMessage(e))
        toast.error('Could not save', errorMessage(e))
      }
    },
  })

  const mediaHandlers = (label: string) => ({
    onSuccess: (c: Character) => {
      absorbServer(c)
      toast.success(label)
    },
    onError: (e: unknown) => toast.error('Upload failed', errorMessage(e)),
  })
  const avatar = useMutation({
    mutationFn: (f: File) => upload<Character>(`/api/v1/characters/${draft.id}/avatar`, f),
    ...mediaHandlers('Avatar updated'),
  })
  const addRef = useMutation({
    mutationFn: (f: File) => upload<Character>(`/api/v1/characters/${draft.id}/references`, f),
    ...mediaHandlers('Reference image added'),
  })
  const delRef = useMutation({
    mutationFn: async (assetId: string) =>
      (await data(client.DELETE('/api/v1/characters/{id}/references/{assetId}', { params: { path: { id: draft.id, assetId } } }))) as Character,
    onSuccess: (c: Character) => {
      if (c && typeof c === 'object') absorbServer(c)
      else {
        qc.invalidateQueries({ queryKey: ['character', draft.id] })
      }
      toast.success('Reference image removed')
    },
    onError: (e: unknown) => toast.error('Could not remove the image', errorMessage(e)),
  })
  const clip = useMutation({
    mutationFn: (f: File) => upload<Character>(`/api/v1/characters/${draft.id}/voice/reference`, f),
    ...mediaHandlers('Reference clip uploaded'),
  })

  const remove = useMutation({
    mutationFn: () => data(client.DELETE('/api/v1/characters/{id}', { params: { path: { id: draft.id }, header: { 'If-Match': String(saved.version) } } })),
    onSuccess: () => {
      qc.removeQueries({ queryKey: ['character', draft.id] })
      qc.invalidateQueries({ queryKey: ['characters'] })
      toast.success('Character deleted', saved.name)
      navigate('/characters', { replace: true })
    },
    onError: (e) => {
      setConfirmDelete(false)
      toast.error('Could not delete', errorMessage(e))
    },
  })

  const errorCount = (t: string) => Object.keys(errors).filter((f) => tabOf(f) === t).length
  const tabs: [string, string][] = [
    ['identity', 'Identity'],
    ['persona', 'Persona'],
    ['visual', 'Visual'],
    ['voice', 'Voice'],
    ['preferences', 'Preferences'],
  ]
  const cardUrl = (format: string, spec: string) => `/api/v1/characters/${encodeURIComponent(draft.id)}/card?format=${format}&spec=${spec}`

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        if (editable) save.mutate()
      }}
      noValidate
    >
      <Link to="/characters" className="mb-4 inline-flex items-center gap-1.5 text-sm text-zinc-500 hover:text-zinc-900">
        <ArrowLeft className="size-4" /> Characters
      </Link>

      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 items-center gap-4">
          <CharacterAvatar name={draft.name || 'New character'} assetId={draft.avatarAssetId} className="size-16 shrink-0 rounded-xl ring-1 ring-zinc-200" />
          <div className="min-w-0">
            <h1 className="truncate text-2xl font-semibold tracking-tight text-zinc-900" data-testid="character-title">
              {isNew ? draft.name || 'New character' : saved.name}
            </h1>
            <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-500">
              {!isNew && saved.handle && <span>@{saved.handle}</span>}
              {!isNew && (
                <span>
                  · v{saved.version} · updated {formatDate(saved.updatedAt)}
                </span>
              )}
              {dirty && editable && (
                <Badge variant="warning" data-testid="unsaved">
                  Unsaved changes
                </Badge>
              )}
              {!editable && <Badge variant="secondary">Read-only</Badge>}
            </div>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {!isNew && (
            <>
              <Button variant="outline" size="sm" asChild>
                <a href={cardUrl('png', 'v3')} download data-testid="export-png">
                  <Download /> Export PNG (V2+V3)
                </a>
              </Button>
              <Button variant="outline" size="sm" asChild>
                <a href={cardUrl('json', 'v2')} download data-testid="export-json-v2">
                  <FileJson /> Export JSON V2
                </a>
              </Button>
              <Button variant="outline" size="sm" asChild>
                <a href={cardUrl('json', 'v3')} download data-testid="export-json-v3">
                  <FileJson /> Export JSON V3
                </a>
              </Button>
              <Button variant="outline" size="sm" asChild>
                <a href={cardUrl('charx', 'v3')} download data-testid="export-charx">
                  <Download /> Export CHARX
                </a>
              </Button>
            </>
          )}
          {editable && !isNew && (
            <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50 hover:text-red-700" onClick={() => setConfirmDelete(true)}>
              <Trash2 /> Delete
            </Button>
          )}
          {editable && (
            <Button type="submit" data-testid="save-character" disabled={save.isPending || (!dirty && !isNew)}>
              {save.isPending ? <Loader2 className="animate-spin" /> : <Save />}
              {isNew ? 'Create character' : 'Save'}
            </Button>
          )}
        </div>
      </div>

      {formError && (
        <div role="alert" data-testid="form-error" className="mb-6 flex gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <AlertTriangle className="mt-0.5 size-4 shrink-0" />
          <div>
            <div>{formError}</div>
            {Object.keys(errors).length > 0 && (
              <ul className="mt-1 list-inside list-disc text-red-700">
                {Object.entries(errors).map(([f, r]) => (
                  <li key={f}>
                    <span className="font-mono text-xs">{f}</span>: {r}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}

      <Tabs value={tab} onValueChange={setTab}>
        <TabsList className="max-w-full overflow-x-auto">
          {tabs.map(([v, label]) => (
            <TabsTrigger key={v} value={v}>
              {label}
              {errorCount(v) > 0 && (
                <span className="ml-1 inline-flex size-5 items-center justify-center rounded-full bg-red-100 text-[11px] font-semibold text-red-700">{errorCount(v)}</span>
              )}
            </TabsTrigger>
          ))}
        </TabsList>
        <fieldset disabled={!editable} className="min-w-0">
          <TabsContent value="identity">
            <IdentityTab draft={draft} update={update} err={err} editable={editable} isNew={isNew} onAvatar={(f) => avatar.mutate(f)} avatarPending={avatar.isPending} />
          </TabsContent>
          <TabsContent value="persona">
            <PersonaTab draft={draft} update={update} err={err} editable={editable} />
          </TabsContent>
          <TabsContent value="visual">
            <VisualTab
              draft={draft}
              update={update}
              err={err}
              editable={editable}
              isNew={isNew}
              onUploadReference={(f) => addRef.mutate(f)}
              onDeleteReference={(a) => delRef.mutate(a)}
              refPending={addRef.isPending || delRef.isPending}
            />
          </TabsContent>
          <TabsContent value="voice">
            <VoiceTab draft={draft} saved={saved} update={update} err={err} editable={editable} isNew={isNew} onUploadClip={(f) => clip.mutate(f)} clipPending={clip.isPending} />
            {editable && !isNew && !hasConsent(saved.voice.consent) && hasConsent(draft.voice.consent) && (
              <p className="mt-3 text-sm text-violet-700">Save to record the consent; clip upload is enabled afterwards.</p>
            )}
          </TabsContent>
          <TabsContent value="preferences">
            <PreferencesTab draft={draft} update={update} err={err} editable={editable} />
          </TabsContent>
        </fieldset>
      </Tabs>

      {editable && dirty && (
        <div className="sticky bottom-4 z-10 mt-8 flex items-center justify-between gap-4 rounded-xl border border-zinc-200 bg-white/95 px-4 py-3 shadow-lg backdrop-blur">
          <span className="text-sm text-zinc-600">You have unsaved changes.</span>
          <div className="flex gap-2">
            <Button
              variant="ghost"
              onClick={() => {
                setDraft(saved)
                setErrors({})
                setFormError(null)
              }}
            >
              Discard
            </Button>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? <Loader2 className="animate-spin" /> : <Save />}
              {isNew ? 'Create character' : 'Save changes'}
            </Button>
          </div>
        </div>
      )}

      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={`Delete ${saved.name}?`}
        description="The character, its persona, visual and voice settings are removed. Exported cards you downloaded are not affected."
        confirmLabel="Delete character"
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
    </form>
  )
}
