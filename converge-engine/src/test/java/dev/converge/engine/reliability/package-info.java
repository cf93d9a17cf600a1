/**
 * The fault matrix of issue 10: apply and destroy of a mixed set under injected faults, checked by
 * listing the cluster. {@code FaultMatrixTest} runs a few cells in CI; {@code FaultMatrixCampaign}
 * runs them all and rewrites docs/RELIABILITY.md:
 *
 * <pre>{@code
 * try (FaultMatrix matrix = new FaultMatrix(sandbox.clientConfig(), sandbox.faults(), "x")) {
 *   Run run = matrix.runOnce(new Cell(Operation.APPLY, FaultKind.SERVER_ERROR_503, 0.3, 1, 42), 0);
 * }
 * }</pre>
 */
@NullMarked
package dev.converge.engine.reliability;

import org.jspecify.annotations.NullMarked;
