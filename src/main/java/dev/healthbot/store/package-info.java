/** SQLite storage: opening the database, running the migrations in {@code db/}, and the repositories of the core ports. */
package dev.healthbot.store;
