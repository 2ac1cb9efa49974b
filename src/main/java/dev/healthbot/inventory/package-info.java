/** Servers from an inventory: HEALTHBOT_SERVERS_URL polled over HTTP, in the servers-file or Prometheus HTTP SD format. */
package dev.healthbot.inventory;
