import { AudioLines, Bot, Cpu, Image as ImageIcon, MessageSquare, Sparkles, Workflow } from 'lucide-react'
import type { BackendType } from '@/lib/model'

export interface BackendTypeInfo {
  label: string
  description: string
  icon: typeof Cpu
  placeholder: string
  /** Whether the backend is a server Troupe talks to (and so needs a base URL). */
  needsUrl: boolean
  tint: string
  options: { key: string; hint: string }[]
}

export const BACKEND_TYPE_INFO: Record<BackendType, BackendTypeInfo> = {
  comfyui: {
    label: 'ComfyUI',
    description: 'Node workflows for images and video (SDXL, FaceID, InstantID, SVD) with live previews.',
    icon: Workflow,
    placeholder: 'http://gpu-1:8188',
    needsUrl: true,
    tint: 'bg-violet-100 text-violet-700',
    options: [],
  },
  a1111: {
    label: 'AUTOMATIC1111',
    description: 'The Stable Diffusion web UI API (A1111 or Forge) for images.',
    icon: ImageIcon,
    placeholder: 'http://gpu-1:7860',
    needsUrl: true,
    tint: 'bg-sky-100 text-sky-700',
    options: [],
  },
  ollama: {
    label: 'Ollama',
    description: 'Local language models for captions and content plans.',
    icon: Bot,
    placeholder: 'http://localhost:11434',
    needsUrl: true,
    tint: 'bg-emerald-100 text-emerald-700',
    options: [{ key: 'model', hint: 'Model to use, e.g. llama3.1:8b' }],
  },
  openai: {
    label: 'OpenAI-compatible',
    description: 'Any OpenAI-style chat API: OpenAI, vLLM, LM Studio, LocalAI, OpenRouter.',
    icon: Sparkles,
    placeholder: 'https://api.openai.com/v1',
    needsUrl: true,
    tint: 'bg-zinc-200 text-zinc-800',
    options: [{ key: 'model', hint: 'Model name, e.g. gpt-4o-mini' }],
  },
  llamacpp: {
    label: 'llama.cpp',
    description: 'A GGUF language model run by llama.cpp, fetched from a path or URL.',
    icon: Cpu,
    placeholder: 'Optional, e.g. http://localhost:8081',
    needsUrl: false,
    tint: 'bg-amber-100 text-amber-800',
    options: [
      { key: 'model', hint: 'Path or URL of the .gguf model file' },
      { key: 'sha256', hint: 'Expected SHA-256 of the model file' },
    ],
  },
  xtts: {
    label: 'XTTS',
    description: 'Coqui XTTS v2 voice server: speech cloned from a consented reference clip.',
    icon: AudioLines,
    placeholder: 'http://gpu-1:8020',
    needsUrl: true,
    tint: 'bg-rose-100 text-rose-700',
    options: [{ key: 'flavour', hint: 'api-server or streaming-server' }],
  },
  espeak: {
    label: 'eSpeak NG',
    description: 'Speech synthesis on this machine: robotic, but always available.',
    icon: MessageSquare,
    placeholder: 'Not needed: runs on this machine',
    needsUrl: false,
    tint: 'bg-teal-100 text-teal-700',
    options: [{ key: 'binary', hint: 'Path of the espeak-ng binary, e.g. /usr/bin/espeak-ng' }],
  },
}

export function typeInfo(type: string): BackendTypeInfo {
  return (
    BACKEND_TYPE_INFO[type as BackendType] ?? {
      label: type,
      description: '',
      icon: Cpu,
      placeholder: 'http://host:port',
      needsUrl: true,
      tint: 'bg-zinc-100 text-zinc-700',
      options: [],
    }
  )
}
