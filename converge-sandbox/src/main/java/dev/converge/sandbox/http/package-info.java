/**
 * The sandbox's HTTP front on Vert.x: authentication, URL resolution, discovery documents, verb
 * dispatch and chunked watch streams. Vert.x is already on fabric8's classpath and streams
 * without a thread per watch.
 */
package dev.converge.sandbox.http;
