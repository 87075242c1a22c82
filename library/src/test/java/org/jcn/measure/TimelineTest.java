package org.jcn.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.knowm.xchart.XYChart;

@Timeout(60)
class TimelineTest {

    @Test
    void marksFromSeveralThreadsComeBackInTimeOrderInLanesNamedForTheirThreads() throws Exception {
        Timeline timeline = Timeline.start();
        timeline.mark("start");
        Thread worker = Thread.ofPlatform().name("worker").start(() -> {
            for (int i = 0; i < 3; i++) {
                timeline.mark("step " + i);
            }
        });
        worker.join();
        timeline.mark("joined");
        List<Timeline.Event> events = timeline.events();
        assertEquals(List.of("start", "step 0", "step 1", "step 2", "joined"),
                events.stream().map(Timeline.Event::label).toList());
        assertEquals("worker", events.get(1).thread());
        assertEquals("main thread", events.get(4).thread(), "JUnit runs tests on the JVM's main thread");
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).millis() >= events.get(i - 1).millis());
        }
    }

    @Test
    void unnamedThreadsAreNamedForWhatTheyAre() throws Exception {
        Timeline timeline = Timeline.start();
        Thread.ofVirtual().start(() -> timeline.mark("v")).join();
        Thread.ofPlatform().start(() -> timeline.mark("p")).join();
        assertTrue(timeline.events().get(0).thread().startsWith("virtual thread #"), timeline.events().toString());
        assertTrue(timeline.events().get(1).thread().startsWith("platform thread #"), timeline.events().toString());
    }

    @Test
    void aSpanLastsFromBeginToCloseAndAVirtualThreadsSpanNamesItsCarrier() throws Exception {
        Timeline timeline = Timeline.start();
        try (var span = timeline.begin("sleep")) {
            Thread.sleep(20);
        }
        Thread.ofVirtual().name("v").start(() -> {
            try (var span = timeline.begin("on a carrier")) {
                timeline.mark("inside");
            }
        }).join();
        List<Timeline.Span> spans = timeline.spans();
        assertEquals(2, spans.size());
        assertEquals("sleep", spans.get(0).label());
        assertTrue(spans.get(0).endMillis() - spans.get(0).startMillis() >= 19, spans.get(0).toString());
        assertEquals("", spans.get(0).carrier(), "a platform thread has no carrier");
        assertEquals("v (virtual)", spans.get(1).lane());
        assertFalse(spans.get(1).carrier().isEmpty(), "a virtual thread's span names its carrier");
    }

    @Test
    void runDrawsEveryTaskOfEveryMechanismAsASpanInItsWorkersLane() throws Exception {
        for (Mechanism m : List.of(Mechanism.PLATFORM_THREADS, Mechanism.VIRTUAL_THREADS, Mechanism.FUTURES,
                Mechanism.PARALLEL_STREAM, Mechanism.CHILD_PROCESSES)) {
            Timeline timeline = Timeline.start();
            List<Object> results = timeline.run(m, 2, Workloads.cpuBoundTask(1_000));
            assertEquals(List.of(499_500L, 499_500L), results, m.label());
            List<Timeline.Span> spans = timeline.spans();
            assertEquals(Set.of("task 1", "task 2"), spans.stream().map(Timeline.Span::label).collect(Collectors.toSet()),
                    m.label());
            for (Timeline.Span s : spans) {
                assertTrue(s.startMillis() >= 0 && s.endMillis() >= s.startMillis(), m.label() + ": " + s);
                assertEquals(m == Mechanism.CHILD_PROCESSES, s.lane().startsWith("child JVM (pid "), s.lane());
                assertEquals(m == Mechanism.VIRTUAL_THREADS, !s.carrier().isEmpty(), m.label() + ": " + s);
            }
        }
    }

    @Test
    void sleepingVirtualThreadsShareAFewCarriers() throws Exception {
        Timeline timeline = Timeline.start();
        timeline.run(Mechanism.VIRTUAL_THREADS, 16, Workloads.sleep(Duration.ofMillis(50), 16));
        List<Timeline.Span> spans = timeline.spans();
        long lanes = spans.stream().map(Timeline.Span::lane).distinct().count();
        long carriers = spans.stream().map(s -> s.carrier().split(" → ")[0]).distinct().count();
        assertEquals(16, lanes);
        assertTrue(carriers < lanes, carriers + " carriers for " + lanes + " virtual threads");
    }

    @Test
    void theChartNamesLanesAndColoursSpansByWhatRanThem() throws Exception {
        Timeline timeline = Timeline.start();
        Thread a = Thread.ofPlatform().name("a").start(() -> timeline.mark("a1"));
        a.join();
        Thread b = Thread.ofPlatform().name("b").start(() -> IntStream.range(0, 2).forEach(i -> timeline.mark("b" + i)));
        b.join();
        timeline.run(Mechanism.VIRTUAL_THREADS, 2, Workloads.sleep(Duration.ofMillis(5), 2));
        XYChart chart = timeline.toChart();
        List<String> legend = chart.getSeriesMap().values().stream().filter(s -> s.isShowInLegend())
                .map(s -> s.getName()).toList();
        assertTrue(legend.contains("moment marked"), legend.toString());
        assertTrue(legend.stream().anyMatch(l -> l.startsWith("on carrier ")), legend.toString());
        assertEquals(5, timeline.toTable().rowCount(), "three marks and two spans");
    }

    @Test
    void anEmptyTimelineCannotBeDrawnAndArgumentsAreChecked() {
        Timeline timeline = Timeline.start();
        assertEquals("nothing was recorded on this timeline",
                assertThrows(IllegalStateException.class, timeline::toChart).getMessage());
        assertEquals("label must not be null",
                assertThrows(NullPointerException.class, () -> timeline.mark(null)).getMessage());
        assertEquals("label must not be null",
                assertThrows(NullPointerException.class, () -> timeline.begin(null)).getMessage());
        assertEquals("workers must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> timeline.run(Mechanism.VIRTUAL_THREADS, 0, Workloads.cpuBoundTask(1))).getMessage());
    }
}
