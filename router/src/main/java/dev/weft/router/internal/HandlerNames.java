package dev.weft.router.internal;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/**
 * Names a handler for route listings: {@code UsersApi::find} for a method reference, or
 * {@code EchoApp.router (lambda)} for a lambda written in {@code EchoApp.router()}. Lambdas of
 * the handler interfaces are serialisable, which makes the JDK describe them through
 * {@link SerializedLambda}; this is read when a route listing or an error message asks, never
 * when a route is added (reflection there would spin method handles at every startup).
 */
public final class HandlerNames {
    private HandlerNames() {
    }

    /** The name of {@code handler}. */
    public static String of(Object handler) {
        SerializedLambda lambda = describe(handler);
        if (lambda == null) {
            return handler.getClass().getName();
        }
        String owner = lambda.getImplClass();
        owner = owner.substring(owner.lastIndexOf('/') + 1).replace('$', '.');
        String method = lambda.getImplMethodName();
        if ("Handler".equals(owner) && lambda.getCapturedArgCount() > 0) {
            // A wrapper from Handler.blocking: name what it wraps.
            return of(lambda.getCapturedArg(0)) + " (blocking)";
        }
        if (method.startsWith("lambda$")) {
            String[] parts = method.split("\\$");
            return new StringBuilder(owner).append('.').append(parts.length > 1 ? parts[1] : "?").append(" (lambda)").toString();
        }
        return owner.concat("::").concat(method);
    }

    private static SerializedLambda describe(Object handler) {
        try {
            Method writeReplace = handler.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return writeReplace.invoke(handler) instanceof SerializedLambda l ? l : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not a lambda, or a module that does not open it to us: fall back to the class name.
            return null;
        }
    }
}
