package dev.converge.sandbox.validation;

import java.util.HashSet;
import java.util.Set;

/**
 * ClusterIpAllocator hands out unique Service cluster IPs from 10.96.0.0/12 (the kubeadm default
 * service CIDR) and node ports from 30000-32767, remembering those users chose themselves.
 * Addresses are never released: a sandbox lives for one test run, far below the range sizes.
 */
final class ClusterIpAllocator {
  private static final int BASE = (10 << 24) | (96 << 16);
  /** A /12 holds 2^20 addresses; the first is the network, the last broadcast. */
  private static final int RANGE_SIZE = 1 << 20;
  private static final int FIRST_NODE_PORT = 30000;
  private static final int LAST_NODE_PORT = 32767;

  private final Set<String> usedIps = new HashSet<>();
  private final Set<Integer> usedPorts = new HashSet<>();
  // Offset 1 (10.96.0.1) is the "kubernetes" Service's address in a real cluster.
  private int nextIp = 2;
  private int nextPort = FIRST_NODE_PORT;

  synchronized String allocateIp() {
    for (int tries = 0; tries < RANGE_SIZE; tries++) {
      String ip = format(BASE + nextIp);
      nextIp = nextIp + 1 >= RANGE_SIZE - 1 ? 2 : nextIp + 1;
      if (usedIps.add(ip)) {
        return ip;
      }
    }
    throw new IllegalStateException("service IP range 10.96.0.0/12 exhausted");
  }

  synchronized void reserveIp(String ip) {
    usedIps.add(ip);
  }

  synchronized int allocateNodePort() {
    for (int tries = 0; tries <= LAST_NODE_PORT - FIRST_NODE_PORT; tries++) {
      int port = nextPort;
      nextPort = nextPort == LAST_NODE_PORT ? FIRST_NODE_PORT : nextPort + 1;
      if (usedPorts.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("node port range 30000-32767 exhausted");
  }

  synchronized void reserveNodePort(int port) {
    usedPorts.add(port);
  }

  private static String format(int address) {
    return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "."
        + ((address >>> 8) & 0xff) + "." + (address & 0xff);
  }
}
