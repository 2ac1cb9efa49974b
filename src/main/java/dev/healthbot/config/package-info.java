/** Configuration read from the environment into records; fails fast naming every problem, never printing a token. */
package dev.healthbot.config;
