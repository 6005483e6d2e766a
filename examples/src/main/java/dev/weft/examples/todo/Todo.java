package dev.weft.examples.todo;

import java.time.Instant;

/**
 * A todo item as the API shows it.
 *
 * @param id        the id
 * @param title     what to do
 * @param done      whether it is done
 * @param createdAt when it was created
 */
public record Todo(long id, String title, boolean done, Instant createdAt) {
}
