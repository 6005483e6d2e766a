package dev.weft.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which stacks the stall detector treats as a first use rather than a blocked worker. */
@Tag("transport-independent")
class FirstUseStackTest {

    private static StackTraceElement frame(String type, String method) {
        return new StackTraceElement(type, method, null, -1);
    }

    private static StackTraceElement[] stack(StackTraceElement top) {
        return new StackTraceElement[] {top, frame("com.example.Handler", "handle"),
                frame("dev.weft.runtime.internal.Worker", "poll")};
    }

    @Test
    void classLoadingStaticInitialisersAndCallSiteLinkingAreFirstUses() {
        assertTrue(StallDetector.isFirstUse(stack(frame("java.lang.ClassLoader", "defineClass1"))));
        assertTrue(StallDetector.isFirstUse(stack(frame("jdk.internal.loader.BuiltinClassLoader", "loadClassOrNull"))));
        assertTrue(StallDetector.isFirstUse(stack(frame("com.example.Tables", "<clinit>"))));
        assertTrue(StallDetector.isFirstUse(stack(frame("java.lang.invoke.MethodHandleNatives", "linkCallSite"))));
    }

    @Test
    void blockingIsNot() {
        assertFalse(StallDetector.isFirstUse(stack(frame("java.lang.Thread", "sleep0"))));
        assertFalse(StallDetector.isFirstUse(stack(frame("sun.nio.ch.SocketDispatcher", "read0"))));
        assertFalse(StallDetector.isFirstUse(stack(frame("com.example.Handler", "loadClassRoster"))));
    }
}
