/**
 * The operator's reliability campaign (issue 10): a NodeDeployment rollout under faults on the
 * operator's own client ({@link dev.converge.rollout.reliability.RolloutFaultMatrix}), leader
 * failover ({@link dev.converge.rollout.reliability.LeaderFailover}) and an API-server restart
 * mid-rollout ({@link dev.converge.rollout.reliability.SandboxRestart}), each audited through a
 * client no fault touches. The tests run a few fixed-seed cases; {@link
 * dev.converge.rollout.reliability.RolloutCampaign} runs them all and writes docs/RELIABILITY.md:
 *
 * <pre>{@code
 * reliability/rollout.sh 5
 * }</pre>
 */
@NullMarked
package dev.converge.rollout.reliability;

import org.jspecify.annotations.NullMarked;
