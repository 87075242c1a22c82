package org.jcn.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tech.tablesaw.api.Table;

@Timeout(30)
class ComparisonTest {

    @Test
    void waysRunInterleavedInARotatingOrderAndTheRatioFollowsTheTimes() throws Exception {
        List<String> order = new ArrayList<>();
        Comparison.Result r = Comparison.of("a nap")
                .add("short", () -> { order.add("short"); Thread.sleep(10); return null; })
                .add("long", () -> { order.add("long"); Thread.sleep(40); return null; })
                .add("none", () -> { order.add("none"); return null; })
                .withWarmups(0).withRounds(4).run();
        assertTrue(order.size() >= 12, order.toString());
        for (int round = 0; round < 4; round++) {
            assertEquals(3, java.util.Set.copyOf(order.subList(3 * round, 3 * round + 3)).size(), order.toString());
        }
        assertTrue(!order.subList(0, 3).equals(order.subList(3, 6)), "the order rotates: " + order);
        SweepResult.Range ratio = r.ratio("long", "short");
        assertTrue(ratio.estimate() > 2 && ratio.low() <= ratio.estimate() && ratio.estimate() <= ratio.high(),
                ratio.toString());
        Table t = r.toTable();
        assertEquals(List.of("short", "long", "none"), t.stringColumn("way").asList());
        assertEquals(1.0, t.doubleColumn("× short").get(0), 1e-9);
        assertTrue(t.name().endsWith(r.verdict().sentence()), t.name());
    }

    @Test
    void onlyAWayWhoseMedianIsUncertainGetsExtraRounds() throws Exception {
        int[] jumps = {0};
        Comparison.Result r = Comparison.of("naps")
                // Long enough that a busy machine's lateness in waking a thread (a few ms) stays well inside the
                // 20% the median must be known to.
                .add("steady", () -> { Thread.sleep(100); return null; })
                .add("jumpy", () -> { Thread.sleep(jumps[0]++ % 2 == 0 ? 10 : 100); return null; })
                .withWarmups(0).withRounds(5).run();
        assertEquals(5, r.elapsedMillis("steady").count());
        assertTrue(r.elapsedMillis("jumpy").count() > 5, r.elapsedMillis("jumpy").toString());
        assertTrue(r.elapsedMillis("jumpy").count() <= 5 * Rounds.MAX_ROUNDS_FACTOR);
    }

    @Test
    void whatAWayThrowsStopsTheComparisonUnchanged() {
        var e = assertThrows(IllegalStateException.class, () -> Comparison.of("x").add("ok", () -> 1)
                .add("bad", () -> { throw new IllegalStateException("broken way"); }).withWarmups(0).run());
        assertEquals("broken way", e.getMessage());
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("a comparison needs at least two ways but has 1", assertThrows(IllegalStateException.class,
                () -> Comparison.of("x").add("one", () -> 1).run()).getMessage());
        assertEquals("name must be new and not blank but was \"one\"", assertThrows(IllegalArgumentException.class,
                () -> Comparison.of("x").add("one", () -> 1).add("one", () -> 2)).getMessage());
        assertEquals("rounds must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> Comparison.of("x").withRounds(0)).getMessage());
        assertEquals("no way named \"two\"; the ways are [one, three]", assertThrows(IllegalArgumentException.class,
                () -> Comparison.of("x").add("one", () -> 1).add("three", () -> 3).withWarmups(0).withRounds(1).run()
                        .elapsedMillis("two")).getMessage());
    }
}
