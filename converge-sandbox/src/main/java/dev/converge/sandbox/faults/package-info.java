/**
 * Fault injection and request counting for the sandbox: rules chosen by verb, path pattern and
 * client, applied by count or seeded probability, that answer 429/5xx, add latency, reset or
 * refuse connections on the real socket, drop watch streams and hold watch events back (cache
 * lag); and exact counts of every request by verb, resource, client and outcome.
 *
 * <p>Hand-written because the failures must happen on the sandbox's own sockets, where real
 * clients (fabric8, kubectl) meet them as they would meet a real API server's. Rules are pure
 * values ({@link dev.converge.sandbox.faults.FaultRule}, parsed from compact specs by
 * {@link dev.converge.sandbox.faults.FaultSpec}); {@code FaultFilter} and {@code WatchFaults} apply
 * them on Vert.x without blocking the event loop.
 *
 * <pre>{@code
 * FaultHandle h = sandbox.faults().add(FaultSpec.parse("verb=create,path=/api/v1/**,status=503,count=3"));
 * assertThat(sandbox.requests().count("create", "configmaps")).isEqualTo(4);
 * }</pre>
 */
package dev.converge.sandbox.faults;
