/** Specifications of list and watch semantics, exercised through fabric8 over a socket. */
package dev.converge.sandbox.listwatch;
