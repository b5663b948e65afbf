/**
 * Generation jobs: a character's images, videos, captions, voice and content plans, produced durably on
 * configured AI servers through the adapters in {@code backend.*}, with live progress, recipes, provenance and
 * quality checks. Uses character (what to generate), media (where outputs go) and security (secret cipher).
 */
package dev.troupe.generation;
