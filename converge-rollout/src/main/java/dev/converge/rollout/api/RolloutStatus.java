package dev.converge.rollout.api;

/**
 * The rollout in progress.
 *
 * @param targetHash template hash being rolled out
 * @param fromHash the baseline before the rollout (kept across supersessions)
 * @param startedAt RFC 3339; set when a rollout starts or supersedes another, never re-stamped
 */
public record RolloutStatus(String targetHash, String fromHash, String startedAt) {}
