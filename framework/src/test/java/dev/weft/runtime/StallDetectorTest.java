package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(30)
class StallDetectorTest {

    @Test
    void blockingPollIsReportedOnceWithNameAndStack() {
        Logger log = (Logger) LoggerFactory.getLogger("dev.weft.runtime.SlowPoll");
        ListAppender<ILoggingEvent> app = new ListAppender<>();
        app.start();
        log.addAppender(app);
        try (Runtime rt = Runtime.builder().workers(1).name("stall")
                .slowPollThreshold(Duration.ofMillis(40)).build()) {
            rt.blockOn(rt.spawn("sleepy-handler", cx -> {
                try {
                    Thread.sleep(300); // blocks the worker: exactly what the detector is for
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Poll.ready(null);
            }));
            rt.blockOn(rt.spawn("quick", Async.ready(1)));
        } finally {
            log.detachAppender(app);
        }
        List<ILoggingEvent> events = app.list;
        assertEquals(1, events.size(), events.toString());
        String msg = events.get(0).getFormattedMessage();
        assertTrue(msg.contains("sleepy-handler"), msg);
        assertTrue(msg.contains("stall-worker-0"), msg);
        assertTrue(msg.contains("Thread.sleep"), msg);
    }
}
