/**
 * Adapter that makes talking clips on Troupe's own machine with ffmpeg: a still image, a voice line, a slow pan and
 * zoom and optional burned-in captions, as a vertical H.264/AAC MP4.
 */
package dev.troupe.generation.backend.ffmpeg;
