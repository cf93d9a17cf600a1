/**
 * Stand-ins for a cloud and a storage provisioner: LoadBalancer Services get an ingress address
 * from the documentation range 192.0.2.0/24 (data only), and PersistentVolumeClaims bind to
 * provisioned PersistentVolumes, honouring WaitForFirstConsumer.
 *
 * <pre>{@code
 * new ClaimBinder(client).reconcile("default", "data");
 * }</pre>
 */
package dev.converge.sandbox.controllers.infra;
