/**
 * The sandbox's scheduler and kubelet: fake nodes {@code node-1..node-N}, pods bound to them and
 * reported running and ready after a delay, run-to-completion pods that succeed or fail, and
 * image-pull and crash-loop failures with kubelet-style events, chosen by image pattern.
 *
 * <pre>{@code
 * KubeletSettings settings = new KubeletSettings(ControllerOptions.defaults());
 * settings.failImages(Pattern.compile("crasher"), Failure.CRASH_LOOP);
 * }</pre>
 */
package dev.converge.sandbox.controllers.kubelet;
