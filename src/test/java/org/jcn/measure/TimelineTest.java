package org.jcn.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.knowm.xchart.XYChart;

@Timeout(10)
class TimelineTest {

    @Test
    void marksFromSeveralThreadsComeBackInTimeOrderWithTheirThreadNames() throws Exception {
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
        assertEquals(Thread.currentThread().getName(), events.get(4).thread());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).millis() >= events.get(i - 1).millis());
        }
    }

    @Test
    void unnamedVirtualThreadsGetADistinctName() throws Exception {
        Timeline timeline = Timeline.start();
        Thread.ofVirtual().start(() -> timeline.mark("v")).join();
        assertTrue(timeline.events().get(0).thread().startsWith("virtual thread #"));
    }

    @Test
    void theChartHasOneLanePerThreadAndTheTableOneRowPerMark() throws Exception {
        Timeline timeline = Timeline.start();
        Thread a = Thread.ofPlatform().name("a").start(() -> timeline.mark("a1"));
        a.join();
        Thread b = Thread.ofPlatform().name("b").start(() -> IntStream.range(0, 2).forEach(i -> timeline.mark("b" + i)));
        b.join();
        XYChart chart = timeline.toChart();
        assertEquals(List.of("a", "b"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(2, chart.getSeriesMap().get("b").getXData().length);
        assertEquals(3, timeline.toTable().rowCount());
    }

    @Test
    void anEmptyTimelineCannotBeDrawnAndLabelsMustNotBeNull() {
        Timeline timeline = Timeline.start();
        assertEquals("nothing was marked on this timeline",
                assertThrows(IllegalStateException.class, timeline::toChart).getMessage());
        assertEquals("label must not be null",
                assertThrows(NullPointerException.class, () -> timeline.mark(null)).getMessage());
    }
}
