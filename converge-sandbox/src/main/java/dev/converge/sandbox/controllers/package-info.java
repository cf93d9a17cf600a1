/**
 * Simulated controllers of the sandbox (Deployment, StatefulSet, Job, Pod...) and the controls to
 * pause, resume and slow them per kind or per object, from Java, the command line and the admin
 * endpoint.
 */
package dev.converge.sandbox.controllers;
