package dev.converge.core.retry;

import dev.converge.core.errors.CallInfo;
import dev.converge.core.errors.ConvergeException;

/**
 * One retry decision, for observability: which call failed on which attempt, with what, and what
 * was decided. {@code attempt} is the 1-based attempt that failed, out of {@code maxAttempts}.
 */
public record RetryEvent(CallInfo call, CallKind kind, ConvergeException failure, int attempt,
    int maxAttempts, RetryDecision decision) {}
