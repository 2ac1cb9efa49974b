package dev.healthbot.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthbot.config.TargetRanges;
import dev.healthbot.monitor.Target;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** CIDR ranges, the deny and allow lists, and bounded, coalesced lookups; no traffic leaves the JVM. */
class AddressPolicyTest {

    private static InetAddress ip(String literal) {
        InetAddress a = AddressRange.literal(literal);
        assertThat(a).as(literal).isNotNull();
        return a;
    }

    private static boolean in(String range, String address) {
        return AddressRange.parse(range).contains(ip(address));
    }

    /** A resolver that knows a few names and refuses the rest, never asking DNS. */
    private static AddressPolicy.Resolver names(Map<String, List<String>> known) {
        return host -> {
            List<String> addresses = known.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses.stream().map(AddressPolicyTest::ip).toArray(InetAddress[]::new);
        };
    }

    @Test
    void ipv4RangesMatchTheirEdgesAndNothingBeyond() {
        assertThat(in("169.254.0.0/16", "169.254.0.0")).isTrue();
        assertThat(in("169.254.0.0/16", "169.254.169.254")).isTrue();
        assertThat(in("169.254.0.0/16", "169.254.255.255")).isTrue();
        assertThat(in("169.254.0.0/16", "169.253.255.255")).isFalse();
        assertThat(in("169.254.0.0/16", "169.255.0.0")).isFalse();
        assertThat(in("10.0.0.0/8", "10.255.255.255")).isTrue();
        assertThat(in("10.0.0.0/8", "11.0.0.0")).isFalse();
        assertThat(in("192.168.1.128/25", "192.168.1.128")).isTrue();
        assertThat(in("192.168.1.128/25", "192.168.1.127")).isFalse();
        assertThat(in("172.16.0.0/12", "172.31.255.255")).isTrue();
        assertThat(in("172.16.0.0/12", "172.32.0.0")).isFalse();
        assertThat(in("0.0.0.0/0", "255.255.255.255")).isTrue();
        assertThat(in("127.0.0.3/32", "127.0.0.3")).isTrue();
        assertThat(in("127.0.0.3/32", "127.0.0.2")).isFalse();
        assertThat(in("127.0.0.3", "127.0.0.3"))
                .as("a bare address is one host")
                .isTrue();
        assertThat(in("127.0.0.3", "127.0.0.4")).isFalse();
    }

    @Test
    void ipv6RangesMatchTheirEdgesAndNothingBeyond() {
        assertThat(in("fe80::/10", "fe80::1")).isTrue();
        assertThat(in("fe80::/10", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(in("fe80::/10", "fec0::")).isFalse();
        assertThat(in("fe80::/10", "fe7f:ffff::")).isFalse();
        assertThat(in("fd00:ec2::254/128", "fd00:ec2::254")).isTrue();
        assertThat(in("fd00:ec2::254/128", "fd00:ec2:0:0:0:0:0:254")).isTrue();
        assertThat(in("fd00:ec2::254/128", "fd00:ec2::255")).isFalse();
        assertThat(in("fd00:ec2::254/128", "fd00:ec2::253")).isFalse();
        assertThat(in("::/0", "2001:db8::1")).isTrue();
        assertThat(in("2001:db8::/32", "2001:db8:ffff::1")).isTrue();
        assertThat(in("2001:db8::/32", "2001:db9::")).isFalse();
        assertThat(in("2001:db8::/33", "2001:db8:8000::")).isFalse();
    }

    @Test
    void familiesNeverMatchEachOtherButMappedIpv4IsIpv4() {
        assertThat(in("::/0", "127.0.0.1")).isFalse();
        assertThat(in("0.0.0.0/0", "::1")).isFalse();
        // ::ffff:a.b.c.d is the IPv4 address itself, so the IPv4 deny range catches it.
        assertThat(in("169.254.0.0/16", "::ffff:169.254.169.254")).isTrue();
    }

    @Test
    void hostBitsBelowThePrefixAreIgnoredAndTheCanonicalFormShown() {
        assertThat(AddressRange.parse("169.254.169.254/16")).isEqualTo(AddressRange.parse("169.254.0.0/16"));
        assertThat(AddressRange.parse(" 169.254.9.9/16 ").toString()).isEqualTo("169.254.0.0/16");
        assertThat(AddressRange.parse("FE80::1/10").toString()).isEqualTo("fe80:0:0:0:0:0:0:0/10");
        assertThat(AddressRange.parse("10.1.2.3").toString()).isEqualTo("10.1.2.3/32");
    }

    private static final List<String> MALFORMED = List.of(
            "",
            "/8",
            "10.0.0.0/",
            "10.0.0.0/33",
            "10.0.0.0/-1",
            "10.0.0.256/8",
            "10.0.0/8",
            "10.0.0.0.0/8",
            "10.0.0.0/8/8",
            "10.0.0.0/x",
            "fe80::/129",
            "fe80:::1/10",
            "gggg::/10",
            "fe80::1%eth0/64",
            "example.com/24",
            "localhost",
            "0x0a000000/8",
            "10.0.0.0 /8",
            "1.2.3.4/0008");

    private static final List<String> WELL_FORMED = List.of(
            "10.0.0.0/8",
            "0.0.0.0/0",
            "255.255.255.255/32",
            "169.254.169.254",
            "::/0",
            "::1",
            "fe80::/10",
            "fd00:ec2::254/128",
            "::ffff:10.0.0.0/8",
            "2001:DB8::/32",
            "1.2.3.4/008");

    @Test
    void malformedRangesAreRefusedWithAReason() {
        for (String bad : MALFORMED) {
            assertThatThrownBy(() -> AddressRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> AddressPolicy.of(List.of("10.0.0.0/8", "10.0.0.0/33"), List.of()))
                .hasMessage("bad address range '10.0.0.0/33': prefix length must be 0 to 32");
        assertThatThrownBy(() -> AddressPolicy.of(List.of(), List.of("example.com/24")))
                .hasMessage("bad address range 'example.com/24': not an IP address: example.com");
        for (String good : WELL_FORMED) {
            assertThat(AddressRange.parse(good)).as(good).isNotNull();
        }
    }

    @Test
    void theConfigurationAcceptsExactlyWhatTheProbesCanParse() {
        List<String> all = new ArrayList<>(MALFORMED);
        all.addAll(WELL_FORMED);
        all.addAll(TargetRanges.DEFAULT_DENY);
        for (String entry : all) {
            boolean parses;
            try {
                AddressRange.parse(entry);
                parses = true;
            } catch (IllegalArgumentException e) {
                parses = false;
            }
            // The config strips entries before checking them; compare on the stripped text.
            if (!entry.strip().equals(entry)) {
                continue;
            }
            assertThat(TargetRanges.wellFormed(entry)).as(entry).isEqualTo(parses);
        }
    }

    @Test
    void literalsAreRecognisedWithoutDns() {
        assertThat(AddressRange.literal("169.254.169.254")).isNotNull();
        assertThat(AddressRange.literal("[::1]")).isNotNull();
        assertThat(AddressRange.literal("fd00:ec2::254")).isNotNull();
        // Names, and number forms a resolver might read as addresses, are not literals: they resolve.
        assertThat(AddressRange.literal("metadata.google.internal")).isNull();
        assertThat(AddressRange.literal("2852039166")).isNull();
        assertThat(AddressRange.literal("cafe")).isNull();
        assertThat(AddressRange.literal("g::1")).isNull();
    }

    @Test
    void theDefaultDenyListRefusesMetadataAddressesAndAllowsPrivateOnes() {
        try (AddressPolicy p = AddressPolicy.of(TargetRanges.DEFAULT_DENY, List.of(), names(Map.of()))) {
            assertThat(p.refusal(ip("169.254.169.254")))
                    .contains("169.254.169.254 is in a denied range (169.254.0.0/16); see HEALTHBOT_DENY_TARGETS");
            assertThat(p.refusal(ip("169.254.0.1"))).isPresent();
            assertThat(p.refusal(ip("fd00:ec2::254"))).get().asString().contains("fd00:ec2:0:0:0:0:0:254/128");
            assertThat(p.refusal(ip("fe80::1"))).isPresent();
            assertThat(p.refusal(ip("::ffff:169.254.169.254"))).isPresent();
            for (String allowed : List.of("127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "fd00::1")) {
                assertThat(p.refusal(ip(allowed))).as(allowed).isEmpty();
            }
        }
    }

    @Test
    void anAllowListIsTheOnlyRangesAllowedAndTheDenyListStillApplies() {
        try (AddressPolicy p =
                AddressPolicy.of(List.of("10.0.0.9/32"), List.of("10.0.0.0/8", "127.0.0.2/32"), names(Map.of()))) {
            assertThat(p.refusal(ip("10.0.0.1"))).isEmpty();
            assertThat(p.refusal(ip("127.0.0.2"))).isEmpty();
            assertThat(p.refusal(ip("127.0.0.1")))
                    .contains("127.0.0.1 is not in an allowed range (10.0.0.0/8, 127.0.0.2/32);"
                            + " see HEALTHBOT_ALLOW_TARGETS");
            assertThat(p.refusal(ip("10.0.0.9"))).get().asString().contains("denied range (10.0.0.9/32)");
        }
    }

    @Test
    void registrationChecksLiteralsAndResolvedNamesAndAllowsNamesThatDoNotResolve() {
        AddressPolicy.Resolver resolver = names(Map.of(
                "meta.test", List.of("169.254.169.254"),
                "mixed.test", List.of("169.254.169.254", "10.0.0.1"),
                "ok.test", List.of("10.0.0.1")));
        try (AddressPolicy p = AddressPolicy.of(TargetRanges.DEFAULT_DENY, List.of(), resolver)) {
            assertThat(p.refusal(Target.parse("http://169.254.169.254/latest/meta-data/")))
                    .contains("169.254.169.254 is in a denied range (169.254.0.0/16); see HEALTHBOT_DENY_TARGETS");
            assertThat(p.refusal(Target.parse("ws://[fd00:ec2::254]:80/"))).isPresent();
            assertThat(p.refusal(Target.parse("tcp://meta.test:80")))
                    .contains("meta.test resolves to 169.254.169.254, which is in a denied range (169.254.0.0/16);"
                            + " see HEALTHBOT_DENY_TARGETS");
            assertThat(p.refusal(Target.parse("http://ok.test/"))).isEmpty();
            assertThat(p.refusal(Target.parse("http://mixed.test/")))
                    .as("denied addresses are dropped; the allowed one is probed")
                    .isEmpty();
            assertThat(p.refusal(Target.parse("http://nowhere.test/"))).isEmpty();
        }
    }

    @Test
    void probesGetOnlyTheAllowedAddressesOfAName() throws Exception {
        AddressPolicy.Resolver resolver = names(
                Map.of("meta.test", List.of("169.254.169.254"), "mixed.test", List.of("169.254.169.254", "10.0.0.1")));
        try (AddressPolicy p = AddressPolicy.of(TargetRanges.DEFAULT_DENY, List.of(), resolver)) {
            long second = TimeUnit.SECONDS.toNanos(1);
            assertThat(p.resolve("mixed.test", second)).containsExactly(ip("10.0.0.1"));
            assertThatThrownBy(() -> p.resolve("meta.test", second))
                    .isInstanceOf(DeniedAddressException.class)
                    .hasMessageStartingWith("meta.test resolves to 169.254.169.254, which is in a denied range");
            assertThatThrownBy(() -> p.resolve("169.254.169.254", second)).isInstanceOf(DeniedAddressException.class);
            assertThatThrownBy(() -> p.resolve("nowhere.test", second)).isExactlyInstanceOf(UnknownHostException.class);
        }
    }

    @Test
    void aHangingResolverHoldsOneThreadPerNameAndEveryWaiterGivesUpAtItsDeadline() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AddressPolicy.Resolver hanging = host -> {
            calls.incrementAndGet();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        };
        try (AddressPolicy p = AddressPolicy.allowAll(hanging)) {
            long start = System.nanoTime();
            List<CompletableFuture<Throwable>> waiters = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                waiters.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        p.resolve("slow.test", TimeUnit.MILLISECONDS.toNanos(300));
                        return null;
                    } catch (UnknownHostException e) {
                        return e;
                    }
                }));
            }
            for (CompletableFuture<Throwable> w : waiters) {
                assertThat(w.get(5, TimeUnit.SECONDS)).isInstanceOf(LookupTimeoutException.class);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(calls.get()).as("one lookup for twenty waiters").isEqualTo(1);
            // Registration gives up within its bound and allows the name.
            long reg = System.nanoTime();
            assertThat(p.refusal(Target.parse("http://slow.test/"))).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - reg)).isLessThan(Duration.ofMillis(1900));
            assertThat(calls.get()).isEqualTo(1);
        } finally {
            release.countDown();
        }
    }
}
