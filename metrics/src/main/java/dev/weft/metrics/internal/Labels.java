package dev.weft.metrics.internal;

import dev.weft.http.HttpMethod;

import java.util.List;

/**
 * Label values that a client cannot multiply: every method outside the standard ones is
 * {@code OTHER}, and statuses are counted by class ({@code 2xx}). A label taken from the request
 * as sent would give each new method token or path a series of its own.
 */
public final class Labels {
    /** The methods RFC 9110 and RFC 5789 define; each keeps its own label. */
    public static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.TRACE,
            HttpMethod.CONNECT);
    /** The label of a method not in {@link #METHODS}. */
    public static final String OTHER_METHOD = "OTHER";
    /** Status class labels, by the status code's first digit (index 0: anything outside 100–599). */
    private static final String[] STATUS_CLASSES = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};

    private Labels() {
    }

    /** The index of {@code method} in {@link #METHODS}, or {@code METHODS.size()} for any other. */
    public static int methodIndex(HttpMethod method) {
        for (int i = 0; i < METHODS.size(); i++) {
            if (METHODS.get(i) == method) {
                return i;
            }
        }
        int i = METHODS.indexOf(method);
        return i < 0 ? METHODS.size() : i;
    }

    /** The label for the method at {@code index} (see {@link #methodIndex}). */
    public static String method(int index) {
        return index < METHODS.size() ? METHODS.get(index).name() : OTHER_METHOD;
    }

    /** How many method labels there are. */
    public static int methodCount() {
        return METHODS.size() + 1;
    }

    /** The index of the status class of {@code code}: 1 to 5, or 0 outside 100–599. */
    public static int statusClassIndex(int code) {
        int c = code / 100;
        return c >= 1 && c <= 5 ? c : 0;
    }

    /** The label of status class {@code index} (see {@link #statusClassIndex}). */
    public static String statusClass(int index) {
        return STATUS_CLASSES[index];
    }

    /** How many status class labels there are. */
    public static int statusClassCount() {
        return STATUS_CLASSES.length;
    }
}
