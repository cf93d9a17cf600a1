/**
 * Durable storage for a sandbox started with a data directory: a write-ahead log of committed
 * events, synced before a write is acknowledged, and snapshots that bound its length.
 *
 * <p>Layout of the data directory: {@code lock} (held while a sandbox uses it),
 * {@code admin-token}, {@code pki/} (the CA), {@code snapshot-REV.snap} (every object at
 * revision REV) and {@code wal-REV.log} (events from revision REV on). Both files are sequences of
 * length-prefixed, CRC32C-checked records holding JSON. Recovery loads the newest snapshot and
 * replays the log after it; a record torn by a crash at the end of a segment is dropped, any
 * other damage stops the start with an error rather than losing data silently.
 *
 * <p>Hand-written rather than an embedded database: the store already serialises commits and
 * keeps every object in memory, so all it needs from disk is an append-only log and a
 * snapshot, a few hundred lines with no dependency.
 */
package dev.converge.sandbox.store.durable;
