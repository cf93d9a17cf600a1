package dev.converge.sandbox.auth;

import java.time.Instant;

/**
 * A bearer token minted for a ServiceAccount.
 *
 * @param token the bearer token
 * @param expirationTimestamp when the token stops authenticating
 */
public record ServiceAccountToken(String token, Instant expirationTimestamp) {}
