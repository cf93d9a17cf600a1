package dev.converge.sandbox.auth;

/**
 * Decision is the authorizer's answer.
 *
 * @param allowed whether the request may proceed
 * @param reason why not, appended to the Forbidden message (e.g. a binding naming a role that
 *     does not exist); "" when there is nothing to add
 */
public record Decision(boolean allowed, String reason) {
  static final Decision ALLOW = new Decision(true, "");

  static Decision deny(String reason) {
    return new Decision(false, reason);
  }
}
