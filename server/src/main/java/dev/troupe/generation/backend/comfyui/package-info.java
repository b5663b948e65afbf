/**
 * Adapter to ComfyUI: API-format workflow templates with bindings (shipped SDXL txt2img/img2img, IP-Adapter
 * FaceID, InstantID, PuLID, SVD and AnimateDiff templates, plus imported ones), queued over HTTP and followed over
 * the websocket, with /history as the source of truth so jobs survive a Troupe restart.
 */
package dev.troupe.generation.backend.comfyui;
