import * as React from 'react'
import { Link, useSearchParams } from 'react-router'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { AudioLines, CalendarRange, Clapperboard, Film, ImageIcon, Images, MessageSquareText, Plus, UsersRound, Wand2 } from 'lucide-react'
import { errorMessage, ProblemError } from '@/lib/api'
import { canEdit, type Character, type Job, type JobKind, type User } from '@/lib/model'
import { plural } from '@/lib/utils'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { EmptyState } from '@/components/ui/empty-state'
import { CharacterAvatar } from '@/components/ui/avatar'
import { Label } from '@/components/ui/label'
import { Select } from '@/components/ui/select'
import { Tabs, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { useToast } from '@/components/ui/toast'
import { PageHeader } from '@/components/layout/PageHeader'
import { FormAlert } from './AuthShell'
import { KIND_LABEL, upsertJob, useJobs } from './studio/jobs'
import { JobsPanel } from './studio/JobsPanel'
import { galleryItems, OutputDialog, OutputThumb, type GalleryItem } from './studio/outputs'
import { useCharacters, useComfyTemplates } from '@/lib/queries'
import { CaptionForm, ImageForm, initialDrafts, PlanForm, toInput, VideoForm, VoiceForm, type Drafts, type PickableAsset } from './studio/forms'
import { client, data } from '@/lib/api'
import { TalkingClipForm } from './studio/TalkingClipForm'

const KINDS: { kind: JobKind; icon: typeof ImageIcon }[] = [
  { kind: 'IMAGE', icon: ImageIcon },
  { kind: 'VIDEO', icon: Film },
  { kind: 'CAPTION', icon: MessageSquareText },
  { kind: 'VOICE', icon: AudioLines },
  { kind: 'CONTENT_PLAN', icon: CalendarRange },
  { kind: 'TALKING_CLIP', icon: Clapperboard },
]
const KIND_DESCRIPTION: Record<JobKind, string> = {
  IMAGE: "Pictures in the character's look: base prompt, checkpoint, LoRAs and face method are applied for you.",
  VIDEO: 'A short clip, animated from an image or made from a prompt.',
  CAPTION: "Post captions per platform, in the character's voice, tone and hashtags.",
  VOICE: 'A spoken line in the character’s voice.',
  CONTENT_PLAN: "A list of post ideas over a date range, spread over the character's pillars.",
  TALKING_CLIP: 'An image speaking a voice line: a vertical clip with a slow zoom and optional captions.',
}

/** A ComfyUI workflow template the server knows (shipped or imported by an owner). */
type TemplateInfo = { name: string; modality: string }

/** The server's templates for a kind, plus any named in earlier jobs' recipes, to offer them again. */
function knownTemplates(jobs: Job[], kind: JobKind, server: TemplateInfo[] = []): string[] {
  const seen = new Set<string>(server.filter((t) => t.modality === kind).map((t) => t.name))
  for (const j of jobs) {
    if (j.kind !== kind) continue
    const fromInput = j.input?.template
    if (typeof fromInput === 'string' && fromInput) seen.add(fromInput)
    for (const o of j.outputs ?? []) {
      const t = o.recipe?.template
      if (typeof t === 'string' && t) seen.add(t)
    }
  }
  return [...seen].sort()
}

export function StudioPage({ user }: { user: User }) {
  const editor = canEdit(user.role)
  const [params, setParams] = useSearchParams()
  const characters = useCharacters()
  // Selection lives in state (instant) and is mirrored into the URL (shareable, survives reload).
  const [picked, setPicked] = React.useState(() => params.get('character') ?? '')
  const [kind, setKind] = React.useState<JobKind>(() => {
    const k = (params.get('kind') ?? '').toUpperCase() as JobKind
    return KINDS.some((x) => x.kind === k) ? k : 'IMAGE'
  })
  const list = characters.data ?? []
  const characterId = picked && list.some((c) => c.id === picked) ? picked : list[0]?.id
  const character = list.find((c) => c.id === characterId)

  const setParam = (k: string, v: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        next.set(k, v)
        return next
      },
      { replace: true },
    )

  const jobs = useJobs(characterId)
  const [open, setOpen] = React.useState<GalleryItem | null>(null)
  const items = React.useMemo(() => galleryItems(jobs.data ?? []), [jobs.data])

  if (characters.isPending) {
    return (
      <div>
        <PageHeader title="Studio" />
        <Skeleton className="mb-6 h-10 w-80" />
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
          <Skeleton className="h-96" />
          <Skeleton className="h-96" />
        </div>
      </div>
    )
  }
  if (characters.isError) {
    return (
      <div>
        <PageHeader title="Studio" />
        <EmptyState title="Could not load characters">{errorMessage(characters.error)}</EmptyState>
      </div>
    )
  }
  if (!character) {
    return (
      <div>
        <PageHeader title="Studio" />
        <EmptyState
          icon={<UsersRound />}
          title="No characters yet"
          action={
            editor && (
              <Button asChild>
                <Link to="/characters/new">
                  <Plus /> New character
                </Link>
              </Button>
            )
          }
        >
          The Studio generates images, video, captions, voice lines and content plans for a character. Create one first.
        </EmptyState>
      </div>
    )
  }

  const characterOptions = list.map((c) => ({
    value: c.id,
    label: c.name,
    icon: <CharacterAvatar name={c.name} assetId={c.avatarAssetId} className="size-6 shrink-0 rounded-md" textClassName="text-xs" />,
  }))

  return (
    <div>
      <PageHeader
        title="Studio"
        description={
          editor ? 'Generate images, video, captions, voice lines and content plans, with the character’s look and voice applied.' : 'What has been generated for each character.'
        }
      />

      <div className="mb-6 flex flex-wrap items-end gap-4">
        <div className="grid w-72 gap-1.5">
          <Label htmlFor="studio-character">Character</Label>
          <Select
            id="studio-character"
            data-testid="studio-character-select"
            value={character.id}
            onValueChange={(v) => {
              setPicked(v)
              setParam('character', v)
            }}
            options={characterOptions}
            className="h-10"
          />
        </div>
        {editor && (
          <Tabs
            value={kind}
            onValueChange={(v) => {
              setKind(v as JobKind)
              setParam('kind', v)
            }}
          >
            <TabsList aria-label="What to generate" className="flex-wrap">
              {KINDS.map(({ kind: k, icon: Icon }) => (
                <TabsTrigger key={k} value={k} data-testid={`studio-kind-${k.toLowerCase()}`} aria-controls="studio-generate">
                  <Icon className="size-4" /> {KIND_LABEL[k]}
                </TabsTrigger>
              ))}
            </TabsList>
          </Tabs>
        )}
      </div>

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        {editor ? (
          <div id="studio-generate" className="min-w-0">
            <GenerateCard key={character.id} character={character} kind={kind} jobs={jobs.data ?? []} />
          </div>
        ) : (
          <Card>
            <CardHeader>
              <CardTitle>Read-only</CardTitle>
              <CardDescription>Your role can look at results. Editors and owners can generate.</CardDescription>
            </CardHeader>
          </Card>
        )}
        <Card className="lg:sticky lg:top-0">
          <CardHeader className="pb-4">
            <CardTitle>Jobs</CardTitle>
            <CardDescription>{character.name}’s generations, newest first.</CardDescription>
          </CardHeader>
          <CardContent>
            {jobs.isPending ? (
              <div className="grid gap-2">
                <Skeleton className="h-20" />
                <Skeleton className="h-20" />
              </div>
            ) : jobs.isError ? (
              <FormAlert>{errorMessage(jobs.error)}</FormAlert>
            ) : (
              <JobsPanel jobs={jobs.data} editable={editor} />
            )}
          </CardContent>
        </Card>
      </div>

      <section className="mt-10" aria-labelledby="results-heading">
        <div className="mb-4 flex items-baseline justify-between gap-4">
          <h2 id="results-heading" className="text-lg font-semibold text-zinc-900">
            Results
          </h2>
          {items.length > 0 && <span className="text-sm text-zinc-500">{plural(items.length, 'item')}</span>}
        </div>
        {jobs.isPending ? (
          <div className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
            {Array.from({ length: 5 }).map((_, i) => (
              <Skeleton key={i} className="aspect-square rounded-xl" />
            ))}
          </div>
        ) : items.length === 0 ? (
          <EmptyState icon={<Images />} title="Nothing generated yet">
            {editor ? 'Finished images, clips, voice lines, captions and plans appear here.' : `Nothing has been generated for ${character.name} yet.`}
          </EmptyState>
        ) : (
          <div className="grid grid-flow-dense grid-cols-2 items-start gap-4 sm:grid-cols-3 lg:grid-cols-5" data-testid="results-gallery">
            {items.map((item) => (
              <OutputThumb key={item.key} item={item} onOpen={() => setOpen(item)} />
            ))}
          </div>
        )}
      </section>

      <OutputDialog item={open} onOpenChange={(o) => !o && setOpen(null)} editable={editor} />
    </div>
  )
}

function GenerateCard({ character, kind, jobs }: { character: Character; kind: JobKind; jobs: Job[] }) {
  const templates = useComfyTemplates()
  const qc = useQueryClient()
  const toast = useToast()
  const [drafts, setDrafts] = React.useState<Drafts>(initialDrafts)
  const [local, setLocal] = React.useState<Record<string, string>>({})

  const generate = useMutation({
    mutationFn: async (input: Record<string, unknown>) => (await data(client.POST('/api/v1/generations', { body: { characterId: character.id, kind, input } }))) as Job,
    onSuccess: (job) => {
      if (job?.id) upsertJob(qc, { ...job, characterId: job.characterId ?? character.id })
      qc.invalidateQueries({ queryKey: ['generations', character.id] })
      toast.success(`${KIND_LABEL[kind]} job queued`)
    },
  })
  // Errors belong to the kind they were made for.
  React.useEffect(() => {
    setLocal({})
    generate.reset()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind])

  const server = generate.error instanceof ProblemError ? generate.error.fieldMap() : {}
  const err = (f: string) => local[f] ?? server[`input.${f}`] ?? server[f]

  const set =
    <K extends JobKind>(k: K) =>
    (patch: Partial<Drafts[K]>) => {
      setDrafts((d) => ({ ...d, [k]: { ...d[k], ...patch } }))
      setLocal((l) => {
        const next = { ...l }
        for (const f of Object.keys(patch)) delete next[f]
        return next
      })
    }

  // Pickable images: recent image outputs of this character, then its reference photos.
  const recentImages: PickableAsset[] = React.useMemo(() => {
    const out: PickableAsset[] = []
    for (const j of jobs) {
      if (j.status !== 'SUCCEEDED' || j.kind !== 'IMAGE') continue
      for (const o of j.outputs ?? []) if (o.contentType?.startsWith('image/')) out.push({ assetId: o.assetId, label: 'Generated image' })
      if (out.length >= 17) break
    }
    return out
  }, [jobs])
  const references: PickableAsset[] = (character.visual?.referenceAssetIds ?? []).map((id) => ({ assetId: id, label: 'Reference image' }))

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const { input, errors } = toInput(kind, drafts)
    setLocal(errors)
    if (Object.keys(errors).length) return
    generate.mutate(input)
  }

  const common = { character, err }
  return (
    <Card>
      <form onSubmit={submit} noValidate>
        <CardHeader>
          <CardTitle>{KIND_LABEL[kind]}</CardTitle>
          <CardDescription>{KIND_DESCRIPTION[kind]}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          {generate.isError && <FormAlert title="Could not start the job">{errorMessage(generate.error)}</FormAlert>}
          {kind === 'IMAGE' && <ImageForm {...common} draft={drafts.IMAGE} set={set('IMAGE')} templates={knownTemplates(jobs, 'IMAGE', templates.data)} />}
          {kind === 'VIDEO' && (
            <VideoForm {...common} draft={drafts.VIDEO} set={set('VIDEO')} sources={[...recentImages, ...references]} templates={knownTemplates(jobs, 'VIDEO', templates.data)} />
          )}
          {kind === 'CAPTION' && <CaptionForm {...common} draft={drafts.CAPTION} set={set('CAPTION')} images={recentImages} />}
          {kind === 'VOICE' && <VoiceForm {...common} draft={drafts.VOICE} set={set('VOICE')} />}
          {kind === 'CONTENT_PLAN' && <PlanForm {...common} draft={drafts.CONTENT_PLAN} set={set('CONTENT_PLAN')} />}
          {kind === 'TALKING_CLIP' && <TalkingClipForm {...common} draft={drafts.TALKING_CLIP} set={set('TALKING_CLIP')} images={[...recentImages, ...references]} jobs={jobs} />}
          <div className="flex justify-end border-t border-zinc-100 pt-5">
            <Button type="submit" size="lg" data-testid="studio-generate" disabled={generate.isPending}>
              <Wand2 /> {generate.isPending ? 'Queuing…' : 'Generate'}
            </Button>
          </div>
        </CardContent>
      </form>
    </Card>
  )
}
