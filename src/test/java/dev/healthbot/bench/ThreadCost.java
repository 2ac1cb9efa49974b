package dev.healthbot.bench;

import java.lang.management.ManagementFactory;

/**
 * What starting and ending one thread costs this JVM on this machine, in CPU microseconds: the
 * figure behind the WebSocket probe's worker pool (Java-WebSocket's client starts two threads per
 * connection). Run with {@code java src/test/java/dev/healthbot/bench/ThreadCost.java}; three rounds
 * of 20,000 threads, each started and joined, about 10 s.
 */
public final class ThreadCost {

    private ThreadCost() {}

    public static void main(String[] args) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int n = 20_000;
        for (int round = 1; round <= 3; round++) {
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(() -> {});
                t.setDaemon(true);
                t.start();
                t.join();
            }
            System.out.printf(
                    "round %d: %.1f us CPU and %.1f us wall per thread started and joined%n",
                    round, (os.getProcessCpuTime() - cpu) / 1000.0 / n, (System.nanoTime() - wall) / 1000.0 / n);
        }
    }
}
