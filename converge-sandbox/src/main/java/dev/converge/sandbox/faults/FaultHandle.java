package dev.converge.sandbox.faults;

/**
 * FaultHandle names one added rule, to remove it later.
 *
 * @param id sequence number within its sandbox, as the admin endpoint lists it
 */
public record FaultHandle(long id) {}
