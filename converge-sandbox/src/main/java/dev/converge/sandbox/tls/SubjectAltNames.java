package dev.converge.sandbox.tls;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SubjectAltNames lists the DNS names and IP addresses a serving certificate is valid for.
 *
 * @param dnsNames host names, e.g. localhost
 * @param ipAddresses literal addresses, e.g. 127.0.0.1 and ::1
 */
public record SubjectAltNames(List<String> dnsNames, List<String> ipAddresses) {
  public SubjectAltNames {
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
  }

  /** The loopback names a local client may use: localhost, 127.0.0.1 and ::1. */
  public static SubjectAltNames loopback() {
    return new SubjectAltNames(List.of("localhost"), List.of("127.0.0.1", "::1"));
  }

  /** These names plus {@code host}, filed as an address or a DNS name by its form. */
  public SubjectAltNames plus(String host) {
    Set<String> dns = new LinkedHashSet<>(dnsNames);
    Set<String> ips = new LinkedHashSet<>(ipAddresses);
    String bare = host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1) : host;
    if (isIpLiteral(bare)) {
      ips.add(bare);
    } else {
      dns.add(bare);
    }
    return new SubjectAltNames(List.copyOf(dns), List.copyOf(ips));
  }

  /** IPv6 literals contain a colon; IPv4 literals are four dotted numbers. */
  static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }
}
