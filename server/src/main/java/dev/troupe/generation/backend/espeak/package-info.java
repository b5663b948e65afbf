/**
 * Adapter to the local espeak-ng program: robotic but always available, the fallback voice and the CI voice.
 */
package dev.troupe.generation.backend.espeak;
