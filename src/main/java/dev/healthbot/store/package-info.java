/**
 * SQLite storage: opening the database, running the migrations in {@code db/}, the repositories of
 * the core ports, and the status write-behind ({@code StatusWriter}) that saves check results in batches.
 */
package dev.healthbot.store;
