/**
 * The Job controller: pods up to parallelism until completions succeed, or until failures pass
 * backoffLimit. CronJobs are deliberately left idle so tests decide when Jobs exist.
 *
 * <pre>{@code
 * new JobController(client, times).reconcile("default", "backup");
 * }</pre>
 */
package dev.converge.sandbox.controllers.batch;
