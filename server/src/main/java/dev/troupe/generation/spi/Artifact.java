package dev.troupe.generation.spi;

/**
 * One produced file (image, video frame sequence container, WAV…), as bytes with its content type.
 */
public record Artifact(byte[] bytes, String contentType, String filename) {
}
