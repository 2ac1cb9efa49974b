/** Servers as code: the YAML servers file read at start, and the export that writes it. */
package dev.healthbot.serversfile;
