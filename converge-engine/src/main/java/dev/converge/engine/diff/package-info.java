/**
 * What an apply would change (DESIGN.md §6, drift): each object of a set is applied as a server-side
 * dry run and compared with the live object, leaving out what the server and controllers write on
 * their own (managedFields, resourceVersion, generation, uid, creationTimestamp, status). Secret
 * values never appear: only their keys, and whether each changed.
 *
 * <pre>{@code
 * DiffReport report = engine.diff(set, DeployOptions.DEFAULTS);
 * report.changed().forEach(d -> System.out.println(d.header() + "\n" + String.join("\n", d.lines())));
 * }</pre>
 */
@NullMarked
package dev.converge.engine.diff;

import org.jspecify.annotations.NullMarked;
