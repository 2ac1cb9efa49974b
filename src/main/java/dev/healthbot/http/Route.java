package dev.healthbot.http;

/**
 * One endpoint route's work. Called on one of the endpoint's bounded pool threads, after the body
 * limit and the rate limit passed; must answer quickly and never throw for bad input (answer 4xx).
 */
@FunctionalInterface
public interface Route {

    Reply handle(Call call);
}
