package dev.healthbot.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A resolver for tests that never asks a DNS server: literal addresses and {@code localhost} resolve,
 * every other name is unknown. Keeps test traffic on loopback.
 */
public final class LoopbackResolver implements AddressPolicy.Resolver {

    public static final LoopbackResolver INSTANCE = new LoopbackResolver();

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.equalsIgnoreCase("localhost")) {
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return new InetAddress[] {InetAddress.getByName(host)}; // a literal: no lookup is sent
        }
        throw new UnknownHostException(host);
    }
}
