package dev.weft.examples.todo;

/**
 * What the SSE feed carries: a todo after a change (for deletions, as it was).
 *
 * @param kind {@code created}, {@code updated} or {@code deleted}
 * @param todo the todo
 */
public record Change(String kind, Todo todo) {
}
