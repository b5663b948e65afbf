/**
 * Adapter to AUTOMATIC1111 stable-diffusion-webui: txt2img/img2img, LoRAs as prompt tags, face consistency
 * through sd-webui-controlnet units (IP-Adapter FaceID, InstantID, PuLID).
 */
package dev.troupe.generation.backend.a1111;
