package dev.converge.core.status.kinds;

import dev.converge.core.status.ReadinessOptions;
import dev.converge.core.status.Related;
import java.time.Instant;

/**
 * ReadContext is everything besides the object that a reader may consult: related objects, the
 * injected current time (readers never read a clock) and the policy.
 */
public record ReadContext(Related related, Instant now, ReadinessOptions options) {}
