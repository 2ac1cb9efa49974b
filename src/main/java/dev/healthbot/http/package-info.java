/**
 * healthbot's own HTTP endpoint on Jetty: a bounded server, a route table (/metrics, /healthz; later
 * /ping and /errors), a per-key rate limiter, and the Prometheus metrics read from the core at scrape time.
 */
package dev.healthbot.http;
