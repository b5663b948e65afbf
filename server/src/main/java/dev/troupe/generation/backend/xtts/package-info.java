/**
 * Adapter to Coqui XTTS-v2 speech servers: daswer123/xtts-api-server and coqui-ai/xtts-streaming-server.
 */
package dev.troupe.generation.backend.xtts;
