/**
 * Characters: identity, persona (Character Card V2/V3 compatible), visual and voice identity, content
 * preferences, and card import/export. Uses media for avatars, reference images and voice clips.
 */
package dev.troupe.character;
